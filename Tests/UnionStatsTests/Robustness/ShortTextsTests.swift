import XCTest
@testable import UnionStats

/// `ShortTexts` gives what `String(decoding:)` gives, whether the text is found in its table or made.
final class ShortTextsTests: XCTestCase {
    private func bytes(_ b: [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) {
        b.withUnsafeBytes(body)
    }

    func testEveryTextIsItsBytesDecodedFoundOrMade() {
        var texts: [[UInt8]] = [[], [0], [0, 0], Array("ab".utf8), Array("ab".utf8) + [0], Array("人".utf8), Array("万元".utf8),
                                Array("2024-05".utf8), Array("2024-05-31".utf8), Array("440305".utf8),
                                Array("123456789012345".utf8), Array("12345678901234\u{0}".utf8), Array("广东省深圳".utf8),
                                [0xE4, 0xBA], [0xFF, 0x41], Array("a".utf8) + [0xC3]]
        // More distinct texts than slots: some replace others and are made again.
        for i in 0..<10_000 { texts.append(Array("t\(i)".utf8)) }
        var cache = ShortTexts()
        for round in 0..<3 {
            for t in texts {
                bytes(t) { b in
                    let made = String(decoding: b, as: UTF8.self)
                    let got = cache.string(b)
                    XCTAssertEqual(Array(got.utf8), Array(made.utf8), "\(t) round \(round)")
                }
            }
        }
        // Some were made again (replaced by a text in their slot), not every one.
        XCTAssertGreaterThan(cache.made, texts.count)
        XCTAssertLessThan(cache.made, 3 * texts.count)
        // A text met again right after is found, not made.
        for t in texts.prefix(16) {
            bytes(t) { b in
                let first = cache.string(b)
                let before = cache.made
                XCTAssertEqual(cache.string(b), first)
                XCTAssertEqual(cache.made, before, "\(t) found")
            }
        }
    }

    func testATextOfTheLongestLengthAndOneOfItsPrefixesAreApart() {
        var cache = ShortTexts()
        let long = Array("abcdefghijklmno".utf8)   // 15 bytes
        for n in stride(from: long.count, through: 0, by: -1) {
            let t = Array(long.prefix(n))
            t.withUnsafeBytes { XCTAssertEqual(cache.string($0), String(decoding: t, as: UTF8.self)) }
        }
        for n in 0...long.count {
            let t = Array(long.prefix(n))
            t.withUnsafeBytes { XCTAssertEqual(cache.string($0), String(decoding: t, as: UTF8.self)) }
        }
    }

    /// Words loaded from a longer buffer (the bytes after the text masked off) are the key the
    /// bytes copied give: a text made one way is found the other way, for every length.
    func testLoadedAndCopiedBytesAreOneKey() {
        let texts = (0...ShortTexts.maxLength).map { Array("abcdefghijklmno".utf8.prefix($0)) }
            + [Array("人".utf8), Array("2024-05-31".utf8), Array("广东深圳".utf8), [0xE4, 0xBA]]
        for (i, t) in texts.enumerated() {
            let padded = t + [UInt8](repeating: 0xAB, count: 16)
            var cache = ShortTexts()
            let decoded = String(decoding: t, as: UTF8.self)
            // Loaded first, then copied; and the other way round.
            let order = i % 2 == 0 ? [true, false] : [false, true]
            padded.withUnsafeBytes { p in
                XCTAssertEqual(cache.string(at: p.baseAddress!, count: t.count, canReadSixteen: order[0]), decoded, "\(t)")
                XCTAssertEqual(cache.made, 1)
                XCTAssertEqual(cache.string(at: p.baseAddress!, count: t.count, canReadSixteen: order[1]), decoded, "\(t)")
                XCTAssertEqual(cache.made, 1, "\(t): found by the other way")
            }
            // A text one byte longer (the byte after it) is another text.
            if t.count < ShortTexts.maxLength {
                padded.withUnsafeBytes { p in
                    XCTAssertEqual(cache.string(at: p.baseAddress!, count: t.count + 1, canReadSixteen: true),
                                   String(decoding: padded.prefix(t.count + 1), as: UTF8.self))
                }
                XCTAssertEqual(cache.made, 2)
            }
        }
    }
}
