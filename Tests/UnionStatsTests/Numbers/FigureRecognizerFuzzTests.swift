import XCTest
@testable import UnionStats

/// Random strings over the scalars that matter (digits, numerals, measure words,
/// qualifier words, punctuation): the scanner never traps, its spans are well
/// formed, and the parser reads every mention back to the same quantity.
final class FigureRecognizerFuzzTests: XCTestCase {
    private let alphabet = Array("0123456789１２.．,，-～至到一二两三十百千万亿零余多点分之个名人次场元万%％每年月日第近约超过以上左右最高为至少不到“”《》、，。 职工会/A号岁又前均其萬餘兩点".unicodeScalars)

    /// A small deterministic generator (SplitMix64), so failures reproduce.
    private struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testRandomTextsScanAndParseConsistently() {
        var rng = Rng(state: 20_201_122)
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
