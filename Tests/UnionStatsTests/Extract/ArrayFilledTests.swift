import XCTest
@testable import UnionStats

/// `Array.filled` stands in for `Array(repeating:count:)`: the same elements, room for them all.
final class ArrayFilledTests: XCTestCase {
    func testFilledIsRepeating() {
        for n in [0, 1, 2, 15, 16, 17, 1000] {
            XCTAssertEqual([UInt64].filled(0, count: n), [UInt64](repeating: 0, count: n))
            XCTAssertEqual([Int].filled(-1, count: n), [Int](repeating: -1, count: n))
            XCTAssertEqual([Double].filled(-1, count: n), [Double](repeating: -1, count: n))
            XCTAssertEqual([Bool].filled(true, count: n), [Bool](repeating: true, count: n))
            XCTAssertEqual([[Int]].filled([3], count: n), [[Int]](repeating: [3], count: n))
            XCTAssertEqual([Int?].filled(nil, count: n), [Int?](repeating: nil, count: n))
            XCTAssertGreaterThanOrEqual([UInt64].filled(7, count: n).capacity, n)
        }
    }
}
