import XCTest
@testable import UnionStats

final class NumberFormatTests: XCTestCase {
    func testThousandsSeparators() {
        let cases: [(Decimal, String)] = [(0, "0"), (45, "45"), (301, "301"), (1853, "1,853"), (13323, "13,323"),
                                          (2480000, "2,480,000"), (192000000, "192,000,000"),
                                          (Decimal(string: "857990.5")!, "857,990.5"), (-1200, "-1,200")]
        for (value, text) in cases { XCTAssertEqual(NumberFormat.grouped(value), text) }
    }

    /// Values whose digits need no rounding are grouped from their bytes; the others (more than
    /// six decimals, a mantissa past 64 bits) from `plain`. Both read as `plain` grouped.
    func testGroupedDigitsWithAndWithoutTheTextOfPlain() {
        let values: [Decimal] = [0, 7, 1853, -1200, Decimal(string: "857990.5")!, Decimal(string: "12.50")!,
                                 Decimal(sign: .plus, exponent: 3, significand: 25),                 // fast: 25000
                                 Decimal(string: "0.1234567")!,                                     // slow: rounded to 6 places
                                 Decimal(string: "123456789012345678901234")!]                      // slow: past 64 bits
        for value in values {
            XCTAssertEqual(DecimalText.fastPlain(value) == nil, [Decimal(string: "0.1234567")!, Decimal(string: "123456789012345678901234")!].contains(value),
                           "\(value) takes the path it is meant to")
            var out: [UInt8] = []
            NumberFormat.appendGrouped(value.plain, to: &out)
            XCTAssertEqual(NumberFormat.grouped(value), String(decoding: out, as: UTF8.self), "\(value)")
        }
        XCTAssertEqual(NumberFormat.grouped(Decimal(string: "0.1234567")!), "0.123457")
        XCTAssertEqual(NumberFormat.grouped(Decimal(string: "123456789012345678901234")!), "123,456,789,012,345,678,901,234")
        XCTAssertEqual(NumberFormat.grouped(Decimal(sign: .plus, exponent: 3, significand: 25)), "25,000")
    }

    func testRangesSignsAndPercentChange() {
        XCTAssertEqual(NumberFormat.value(Quantity(value: 2, valueMax: 4, unit: "次", qualifier: .range)), "2–4")
        XCTAssertEqual(NumberFormat.signed(5), "+5")
        XCTAssertEqual(NumberFormat.signed(-1500), "-1,500")
        XCTAssertEqual(NumberFormat.percentChange(from: 40, to: 45), "+12.5%")
        XCTAssertEqual(NumberFormat.percentChange(from: 3, to: 2), "-33.3%")
        XCTAssertEqual(NumberFormat.percentChange(from: 10, to: 10), "0.0%")
        XCTAssertEqual(NumberFormat.percentChange(from: 0, to: 10), "", "no percentage of nothing")
    }

    /// Whole numbers below 10^12 take the integer path; it gives Foundation's text for them,
    /// halves (rounded away from zero), negatives, scaled mantissas and big values included,
    /// and leaves to Foundation what it does not take (fractions, changes that round to 0).
    func testPercentChangeOfWholeNumbersIsFoundations() {
        var rng = SplitMix64(seed: 41)
        var pairs: [(Decimal, Decimal)] = [(40, 45), (3, 2), (200, 201), (2000, 2001), (2000, 1999), (-8, 4), (-8, -20),
                                           (7, -7), (1, 999_999_999_999), (999_999_999_999, 1),
                                           (Decimal(sign: .plus, exponent: 3, significand: 25), 30_001)]
        for _ in 0..<3_000 {
            let scale = [10, 1_000, 100_000, 1_000_000_000_000][Int(rng.next() % 4)]
            let a = Int64(rng.next() % UInt64(scale)) - (rng.next() % 5 == 0 ? Int64(scale / 2) : 0)
            let b = rng.next() % 3 == 0 ? a + Int64(rng.next() % 7) - 3 : Int64(rng.next() % UInt64(scale))
            pairs.append((Decimal(a), Decimal(b)))
        }
        var integerPaths = 0
        for (old, new) in pairs {
            let expected = NumberFormat.decimalPercentChange(from: old, to: new)
            if let fast = NumberFormat.integerPercentChange(from: old, to: new) {
                integerPaths += 1
                XCTAssertEqual(fast, expected, "\(old) → \(new)")
            }
            XCTAssertEqual(NumberFormat.percentChange(from: old, to: new), expected, "\(old) → \(new)")
        }
        XCTAssertGreaterThan(integerPaths, 2_000, "most whole numbers take the integer path")
        XCTAssertNil(NumberFormat.integerPercentChange(from: Decimal(string: "2.5")!, to: 5), "a fraction is Foundation's")
        XCTAssertNil(NumberFormat.integerPercentChange(from: 10_000, to: 10_001), "a change that rounds to 0 is Foundation's")
        XCTAssertNil(NumberFormat.integerPercentChange(from: 1_000_000_000_000, to: 1), "past 10^12 is Foundation's")
    }

    func testQualifiersAndMonthsInChinese() {
        XCTAssertEqual(Qualifier.allCases.map(NumberFormat.chinese), ["", "约", "余", "不足", "区间", "最高"])
        XCTAssertEqual(NumberFormat.chineseMonth("2020-01"), "2020年1月")
        XCTAssertEqual(NumberFormat.previousMonth("2020-01"), "2019-12")
        XCTAssertEqual(NumberFormat.previousMonth("2020-11"), "2020-10")
        XCTAssertNil(NumberFormat.previousMonth("2020"))
        // Zero-padded as `String(format:)` pads (the sign in the width), years short, long and negative.
        for month in ["0000-01", "0001-01", "0099-01", "0999-07", "99-02", "10000-05", "2020-1", "+2020-03", "2020-13", "2020-0"] {
            let parts = month.split(separator: "-")
            var expected: String? = nil
            if parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) {
                expected = String(format: "%04d-%02d", m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1)
            }
            XCTAssertEqual(NumberFormat.previousMonth(month), expected, month)
        }
        for n in [-1234, -123, -12, -1, 0, 7, 12, 123, 1234, 12345] {
            XCTAssertEqual(NumberFormat.zeroPadded(n, width: 4), String(format: "%04d", n))
            XCTAssertEqual(NumberFormat.zeroPadded(n, width: 2), String(format: "%02d", n))
        }
    }
}
