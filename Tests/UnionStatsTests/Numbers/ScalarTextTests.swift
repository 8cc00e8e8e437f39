import XCTest
@testable import UnionStats

/// The hand-written UTF-8 decoding and encoding used by the scanner must agree
/// with the standard library on every length of scalar.
final class ScalarTextTests: XCTestCase {
    /// The parts decoded into one array are the joined string's scalars, and each end is where its part stops.
    func testPartsDecodeAsTheJoinedString() {
        let cases: [[String]] = [["每人", "500元", "，共"], ["", "近2000场", ""], ["", "", ""], ["a\u{301}", "𠀋12", "é"], []]
        for parts in cases {
            let (scalars, ends) = String.scalars(of: parts)
            XCTAssertEqual(scalars, Array(parts.joined().unicodeScalars), "\(parts)")
            XCTAssertEqual(ends, parts.indices.map { i in parts[...i].reduce(0) { $0 + $1.unicodeScalars.count } }, "\(parts)")
        }
    }

    func testScalarsMatchTheStandardLibrary() {
        for text in ["", "abc 123", "é ü ß", "工会会员13323人次", "１２３％", "😀 emoji 𠀀 ext-B", "\u{FEFF}BOM"] {
            XCTAssertEqual(text.scalars, Array(text.unicodeScalars), text)
        }
    }

    func testStringOfARangeRoundTrips() {
        let text = "近2000场😀，é。"
        let s = text.scalars
        XCTAssertEqual(s.string(0, s.count), text)
        XCTAssertEqual(s.string(0, 6), "近2000场")
        XCTAssertEqual(s.string(6, 7), "😀")
        XCTAssertEqual(s.string(-5, 1), "近", "ranges are clamped")
        XCTAssertEqual(s.string(5, 100), "场😀，é。")
        XCTAssertEqual(s.string(3, 3), "")
    }
}
