import XCTest
@testable import UnionStats

/// A figure is located by comparing its raw text's UTF-8, decoded in place, with the paragraph's scalars.
final class FigureLocateTests: XCTestCase {
    func testSpellingFromUTF8IsTheScalarComparison() {
        var rng = SplitMix64(seed: 0x4C4F_4341)
        let alphabet = Array("0123456789.万元名个人，年月约近多余 \u{3000}％%e\u{301}😀𠀀Ａa".unicodeScalars)
        var same = 0
        for _ in 0..<30_000 {
            let text = (0..<rng.int(0...12)).map { _ in rng.pick(alphabet) }
            // A raw text cut from the paragraph (equal), changed in one scalar, or random.
            var raw: [Unicode.Scalar]
            let a = rng.int(0...text.count), b = rng.int(a...text.count)
            switch rng.int(0...2) {
            case 0: raw = Array(text[a..<b])
            case 1:
                raw = Array(text[a..<b])
                if !raw.isEmpty { raw[rng.int(0...(raw.count - 1))] = rng.pick(alphabet) }
            default: raw = (0..<rng.int(0...4)).map { _ in rng.pick(alphabet) }
            }
            let rawText = TextClasses.string(raw), slice = text[a..<b]
            let full = slice.elementsEqual(rawText.unicodeScalars)
            if full { same += 1 }
            XCTAssertEqual(slice.spells(rawText), full, rawText)
        }
        XCTAssertGreaterThan(same, 5_000)
        XCTAssertGreaterThan(30_000 - same, 5_000)
    }
}
