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
}
