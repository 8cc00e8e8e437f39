import XCTest
@testable import UnionStats

/// Random strings over the scalars that matter (digits, numerals, measure words,
/// qualifier words, punctuation): the scanner never traps, its spans are well
/// formed, and the parser reads every mention back to the same quantity.
final class FigureRecognizerFuzzTests: XCTestCase {
    private let alphabet = Array("0123456789１２.．,，-～至到一二两三十百千万亿零余多点分之个名人次场元万%％每年月日第近约超过以上左右最高为至少不到“”《》、，。 职工会/A号岁又前均其萬餘兩点".unicodeScalars)


    func testRandomTextsScanAndParseConsistently() {
        var rng = SplitMix64(seed: 20_201_122)  // deterministic, so failures reproduce
        var figures = 0
        for _ in 0..<3000 {
            let length = Int(rng.next() % 24) + 1
            var v = String.UnicodeScalarView()
            for _ in 0..<length { v.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let text = String(v)
            let article = Article(index: 1, headline: "", paragraphs: [Paragraph(text: text, firstLine: 1)])
            var lastEnd = 0
            for m in MentionScanner.mentions(in: article, doc: "fuzz") {
                XCTAssertLessThan(m.start, m.end, text)
                XCTAssertGreaterThanOrEqual(m.start, lastEnd, "mentions do not overlap: \(text)")
                XCTAssertLessThanOrEqual(m.end, text.unicodeScalars.count, text)
                lastEnd = m.end
                XCTAssertNotNil(QuantityParser.parse(m), "the parser accepts what the scanner found: \(text) [\(m.raw)]")
                figures += 1
            }
        }
        XCTAssertGreaterThan(figures, 100, "the alphabet makes figures often enough to test something")
    }
}
