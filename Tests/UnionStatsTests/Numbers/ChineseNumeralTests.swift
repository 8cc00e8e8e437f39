import XCTest
@testable import UnionStats

final class ChineseNumeralTests: XCTestCase {
    private func parse(_ s: String) -> (Int, Int?)? {
        ChineseNumeral.parse(ArraySlice(Array(s.unicodeScalars))).map { ($0.low, $0.high) }
    }

    func testStandardNumerals() {
        let cases: [(String, Int)] = [
            ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105),
            ("三千二百", 3200), ("百", 100), ("千", 1000), ("万", 10_000), ("两万", 20_000), ("十二万", 120_000),
            ("一千二", 1200), ("三万五", 35_000), ("一百五", 150), ("一亿二千万", 120_000_000), ("二〇一九", 2019),
            ("三千零八十", 3080),
            // Traditional and financial forms.
            ("兩萬", 20_000), ("壹佰", 100), ("貳拾", 20), ("叁仟", 3000), ("一億", 100_000_000),
        ]
        for (text, value) in cases {
            guard let r = parse(text) else { XCTFail("\(text) did not parse"); continue }
            XCTAssertEqual(r.0, value, text)
            XCTAssertNil(r.1, text)
        }
    }

    func testLooseRanges() {
        let cases: [(String, Int, Int)] = [("两三", 2, 3), ("三四十", 30, 40), ("三五", 3, 5), ("一两", 1, 2), ("七八百", 700, 800)]
        for (text, low, high) in cases {
            guard let r = parse(text) else { XCTFail("\(text) did not parse"); continue }
            XCTAssertEqual(r.0, low, text)
            XCTAssertEqual(r.1, high, text)
        }
    }

    /// Runs of numerals that are names and slogans, not numbers.
    func testMalformedRunsAreRejected() {
        for text in ["十十", "五一", "十二五", "一一", "百千"] {
            XCTAssertNil(parse(text), text)
        }
    }

    /// `parse` reads the numeral in place, by offsets from the slice's start: a numeral cut from
    /// the middle of a text parses as the same numeral on its own, for every run of up to three
    /// numeral scalars (and some other scalars) and random longer runs.
    func testParseInPlaceOfSlicesFromAnywhere() {
        let alphabet = Array("零〇一壹二贰貳两兩三叁四五六七八九玖十拾百佰千仟万萬亿億点个".unicodeScalars)
        func same(_ run: [Unicode.Scalar]) {
            let alone = ChineseNumeral.parse(run[...])
            let text: [Unicode.Scalar] = ["第"] + run + ["名"]
            let inText = ChineseNumeral.parse(text[1..<(1 + run.count)])
            XCTAssertEqual(alone?.low, inText?.low, String(String.UnicodeScalarView(run)))
            XCTAssertEqual(alone?.high, inText?.high, String(String.UnicodeScalarView(run)))
            XCTAssertEqual(alone == nil, inText == nil, String(String.UnicodeScalarView(run)))
        }
        for x in alphabet {
            same([x])
            for y in alphabet {
                same([x, y])
                for z in alphabet { same([x, y, z]) }
            }
        }
        var rng = SplitMix64(seed: 9)
        for _ in 0..<20_000 {
            let n = 1 + Int(rng.next() % 14)
            same((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count - 2))] })
        }
    }
}
