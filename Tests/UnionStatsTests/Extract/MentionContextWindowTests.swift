import XCTest
@testable import UnionStats

/// The scanner's mentions keep `before` and `after` as offsets into their text, cut when asked:
/// they must read as the 40 scalars either side copied out (near the ends of the text too, in the
/// headline too), compare as the same mention with the strings given, and keep both when one is set.
final class MentionContextWindowTests: XCTestCase {
    static func scalars(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> String {
        let a = max(0, lo), b = min(s.count, hi)
        return a < b ? String(String.UnicodeScalarView(s[a..<b])) : ""
    }

    func testContextIsTheScalarsAroundTheRaw() {
        let filler = "职工A工会会员信息采集，“同时”要求每个街乡𠀀举办职工沟通会。"
        var texts: [String] = []
        for cut in [0, 3, 17, 39, 40, 41, 60] {
            let lead = String(String.UnicodeScalarView(Array((filler + filler).unicodeScalars).prefix(cut)))
            texts.append(lead + "近2000场，" + lead + "发放500元" + lead)
        }
        texts.append("500元")
        var checked = 0, cutShort = 0, full = 0
        for (n, text) in texts.enumerated() {
            let article = Article(index: 1, headline: text, paragraphs: [Paragraph(text: text, firstLine: 1)])
            let ms = MentionScanner.mentions(in: article, doc: "d\(n)")
            XCTAssertFalse(ms.isEmpty, text)
            let s = Array(text.unicodeScalars)
            for m in ms {
                let before = Self.scalars(s, m.start - MentionScanner.contextLength, m.start)
                let after = Self.scalars(s, m.end, m.end + MentionScanner.contextLength)
                XCTAssertEqual(m.before, before, text)
                XCTAssertEqual(m.after, after, text)
                // The same mention with the strings given is equal to it, and one with another context is not.
                let given = Mention(doc: m.doc, article: m.article, paragraph: m.paragraph, start: m.start, end: m.end, line: m.line,
                                    raw: m.raw, sentence: m.sentence, before: before, after: after)
                XCTAssertEqual(m, given)
                var other = given
                other.after += "。"
                XCTAssertNotEqual(m, other)
                // Setting one keeps the other.
                var set = m
                set.before = "每人"
                XCTAssertEqual(set.before, "每人")
                XCTAssertEqual(set.after, after)
                checked += 1
                if before.unicodeScalars.count < MentionScanner.contextLength || after.unicodeScalars.count < MentionScanner.contextLength {
                    cutShort += 1
                } else {
                    full += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 20)
        XCTAssertGreaterThan(cutShort, 5)
        XCTAssertGreaterThan(full, 2)
    }

    /// A paragraph mention parses the same from its kept scalars as from its strings.
    func testQuantityFromTheStringsAsFromTheScalars() {
        let text = "三年来，朝阳区各级工会组织共开展了职工沟通会近2000场，为每人发放500元慰问金。"
        let ms = MentionScanner.mentions(in: Article(index: 1, headline: "", paragraphs: [Paragraph(text: text, firstLine: 1)]), doc: "d")
        XCTAssertEqual(ms.count, 2)
        for m in ms {
            let copied = Mention(doc: m.doc, article: m.article, paragraph: m.paragraph, start: m.start, end: m.end, line: m.line,
                                 raw: m.raw, sentence: m.sentence, before: m.before, after: m.after)
            XCTAssertNotNil(QuantityParser.parse(m))
            XCTAssertEqual(QuantityParser.parse(m), QuantityParser.parse(copied))
        }
        XCTAssertEqual(QuantityParser.parse(ms[1])?.per, "人")
    }
}
