import XCTest
@testable import UnionStats

/// `ByteArena.array(capacity:_:)` writes in the array's own storage while the bytes fit, and
/// moves to memory of its own (then copies) when they do not: the same bytes either way.
final class ByteArenaTests: XCTestCase {
    /// Appends through every way in, `n` times, and returns the bytes expected.
    private static func fill(_ arena: ByteArena, _ n: Int) -> [UInt8] {
        var expected: [UInt8] = []
        for k in 0..<n {
            let byte = UInt8(truncatingIfNeeded: k)
            arena.append(byte)
            arena.append([byte, 1, 2])
            let p = arena.extend(by: 2)
            p[0] = 7; p[1] = byte
            arena.append(atMost: 5) { to in to[0] = 9; to[1] = byte; return 2 }
            let room = arena.room(8)
            room[0] = byte
            arena.commit(1, of: 8)
            expected += [byte, byte, 1, 2, 7, byte, 9, byte, byte]
        }
        return expected
    }

    func testBytesThatFitAreWrittenInTheArraysStorage() {
        var expected: [UInt8] = []
        let bytes = ByteArena.array(capacity: 1000) { expected = ByteArenaTests.fill($0, 10) }
        XCTAssertEqual(bytes, expected)
        // Still the storage asked for: not a copy of the bytes (which would hold only them).
        XCTAssertGreaterThanOrEqual(bytes.capacity, 1000)
    }

    func testBytesThatDoNotFitAreMovedAndCopied() {
        var expected: [UInt8] = []
        let bytes = ByteArena.array(capacity: 16) { expected = ByteArenaTests.fill($0, 300) }
        XCTAssertEqual(bytes, expected)
        XCTAssertGreaterThan(bytes.count, 16)
        XCTAssertEqual(ByteArena.array(capacity: 0) { _ in }, [])
    }
}

extension ByteArenaTests {
    /// `ByteArena.copy` copies exactly `n` bytes, for every length in line (0 to 16) and past it,
    /// from any place to any place, and nothing around them.
    func testCopyIsMemcpy() {
        let source = (0..<64).map { UInt8($0 + 1) }
        for n in 0...40 {
            for offset in 0..<3 {
                var target = [UInt8](repeating: 0xEE, count: 64)
                source.withUnsafeBytes { from in
                    target.withUnsafeMutableBytes { to in
                        ByteArena.copy(from.baseAddress! + offset, to: to.baseAddress! + 5 + offset, count: n)
                    }
                }
                var expected = [UInt8](repeating: 0xEE, count: 64)
                expected.replaceSubrange((5 + offset)..<(5 + offset + n), with: source[offset..<(offset + n)])
                XCTAssertEqual(target, expected, "\(n) bytes from \(offset)")
            }
        }
    }
}
