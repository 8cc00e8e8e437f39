import Foundation
import XCTest
@testable import UnionStats

/// The fast Decimal text paths must agree with Foundation's on every value.
final class DecimalTextTests: XCTestCase {
    /// Foundation's plain text, as `Decimal.plain` was written before the fast path.
    private func foundationPlain(_ d: Decimal) -> String {
        var v = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 6, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    func testPlainTextOfTypicalFigures() {
        let cases: [(String, String)] = [("0", "0"), ("45", "45"), ("2480000", "2480000"), ("192000000", "192000000"),
                                         ("12.5", "12.5"), ("12.50", "12.5"), ("0.05", "0.05"), ("-1200", "-1200"),
                                         ("-0.5", "-0.5"), ("1.92e8", "192000000"), ("0.1234567", "0.123457"),
                                         ("123456789012345678901234", "123456789012345678901234")]
        for (input, text) in cases {
            XCTAssertEqual(Decimal(string: input)!.plain, text, input)
        }
    }

    func testFastPathsAgreeWithFoundation() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let mantissa = rng.next() >> (rng.next() % 64)
            let exponent = Int(rng.next() % 30) - 15
            let negative = rng.next() % 4 == 0
            var d = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
            if rng.next() % 3 == 0 { d = Decimal(string: d.description) ?? d }  // compacted form too
            XCTAssertEqual(d.plain, foundationPlain(d), "\(d)")
            let text = d.plain
            XCTAssertEqual(Decimal(plainText: text), Decimal(string: text), text)
        }
    }

    /// `readBack` is the plain text parsed, the same bytes, and nil where either takes Foundation's path.
    func testReadBackIsThePlainTextParsed() {
        let bytes: (Decimal) -> [UInt8] = { withUnsafeBytes(of: $0) { Array($0) } }
        var values = ["0", "-0", "7", "12.5", "12.50", "-0.5", "0.000001", "0.0000001", "999999999999999999", "1000000000000000000",
                      "-999999999999999999", "99999999999999999.9", "1.92e8", "123456789012345678901234"].map { Decimal(string: $0)! }
        values += [Decimal(sign: .minus, exponent: 3, significand: 0), Decimal(25).timesPowerOfTen(4), Decimal(sign: .plus, exponent: -8, significand: 500)]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let mantissa = rng.next() >> (rng.next() % 64)
            var d = Decimal(sign: rng.next() % 4 == 0 ? .minus : .plus, exponent: Int(rng.next() % 30) - 15, significand: Decimal(mantissa))
            if rng.next() % 3 == 0 { d = Decimal(string: d.description) ?? d }
            values.append(d)
        }
        var exact = 0, slow = 0
        for d in values {
            let viaText = DecimalText.fastPlain(d).flatMap(DecimalText.fastParse)
            let direct = DecimalText.readBack(d)
            XCTAssertEqual(direct.map(bytes), viaText.map(bytes), "\(d)")
            if let direct {
                XCTAssertEqual(direct.plain, d.plain, "\(d)")
                exact += 1
            } else {
                slow += 1
            }
        }
        XCTAssertGreaterThan(exact, 1000)
        XCTAssertGreaterThan(slow, 1000)
    }

    func testParseAcceptsWhatFoundationAcceptsForPlainText() {
        for text in ["0", "-0", "7", "007", "12.5", "-12.5", "0.000001", "999999999999999999", "1234567890123456789012",
                     "5.", ".5", "-", "", "1.2.3", "--1", "1e5", "abc", "12,5"] {
            XCTAssertEqual(Decimal(plainText: text), Decimal(string: text), text)
        }
    }

    /// Moving the exponent gives the product's value and text (万 4, 亿 8, 千 3, both 12).
    func testPowersOfTenAreTheProducts() {
        for text in ["2.5", "25.00", "0", "0.000", "123456789", "1.5", "-3.25", "0.000001", "18446744073709551615"] {
            let d = Decimal(string: text)!
            for power in [0, 3, 4, 8, 12] {
                var ten = Decimal(1)
                for _ in 0..<power { ten *= 10 }
                let product = d * ten
                XCTAssertEqual(d.timesPowerOfTen(power), product, "\(text) × 10^\(power)")
                XCTAssertEqual(d.timesPowerOfTen(power).plain, product.plain, "\(text) × 10^\(power)")
            }
        }
    }

    /// The fast comparison and sum agree with Foundation's, across signs, zeros, exponents
    /// far apart and values past 64 bits (which take Foundation's path).
    func testCompareAndSumAgreeWithFoundation() {
        let texts = ["0", "-0.5", "0.5", "12.5", "12.50", "125", "1250000", "-3", "-3.000001", "0.000001",
                     "18446744073709551615", "18446744073709551616", "99999999999999999999.5", "1e-10", "7e30", "-7e30"]
        let values = texts.map { Decimal(string: $0)! } + [Decimal(25).timesPowerOfTen(4), Decimal(2500).timesPowerOfTen(2)]
        for a in values {
            for b in values {
                let expected = a < b ? -1 : (a == b ? 0 : 1)
                XCTAssertEqual(DecimalText.compare(a, b), expected, "\(a) vs \(b)")
                XCTAssertEqual(DecimalText.sum(a, b), a + b, "\(a) + \(b)")
                XCTAssertEqual(DecimalText.sum(a, b).plain, (a + b).plain, "\(a) + \(b)")
            }
        }
    }
}
