import XCTest
@testable import UnionStats

/// `TextClasses.string` sizes short texts exactly (so that up to 15 bytes they make a small string):
/// the same String as the scalars appended one by one, on both sides of 15 bytes and of 15 scalars.
final class ScalarStringTests: XCTestCase {
    func testStringIsTheScalarsAtEveryLengthAndWidth() {
        // One scalar of each UTF-8 width: 1, 2, 3 and 4 bytes.
        let widths: [Unicode.Scalar] = ["a", "é", "职", "𠀀"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        var small = 0, large = 0, exact = 0
        for n in 0...24 {
            for _ in 0..<40 {
                var t: [Unicode.Scalar] = []
                for _ in 0..<n {
                    seed = seed &* 6364136223846793005 &+ 1442695040888963407
                    t.append(widths[Int(seed >> 62)])
                }
                var expected = String.UnicodeScalarView()
                expected.append(contentsOf: t)
                let got = TextClasses.string(t[...])
                XCTAssertEqual(got, String(expected))
                XCTAssertEqual(Array(got.unicodeScalars), t)
                XCTAssertEqual(TextClasses.string(t), String(expected))
                let bytes = String(expected).utf8.count
                let capacity = TextClasses.utf8Capacity(t, n)
                XCTAssertGreaterThanOrEqual(capacity, bytes)
                // Exact where the text may fit a small string; 4 bytes a scalar where it cannot.
                if n * 4 > 15 && n <= 15 { XCTAssertEqual(capacity, bytes); exact += 1 } else { XCTAssertEqual(capacity, n * 4) }
                if bytes <= 15 { small += 1 } else { large += 1 }
            }
        }
        XCTAssertGreaterThan(small, 100)
        XCTAssertGreaterThan(large, 100)
        XCTAssertGreaterThan(exact, 100)
    }
}
