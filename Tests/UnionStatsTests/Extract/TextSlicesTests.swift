import XCTest
@testable import UnionStats

/// A mention's words, clause and context are copied from the paragraph's UTF-8 without
/// validation; they must be the strings of the scalars cut, with the same flags.
final class TextSlicesTests: XCTestCase {
    static let pieces = ["职", "工", "，", "。", "１", "2", "a", "Z", " ", "\u{3000}", "𠀀", "😀", "e\u{301}", "ß", "Ω", "—", "Ａ", "\n", "万元"]

    func testSlicesAreTheScalarsCut() {
        var rng = SplitMix64(seed: 21)
        var texts = ["", "a", "ascii only text here", "职工", "𠀀😀"]
        for _ in 0..<300 { texts.append((0..<Int(rng.next() % 60)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined()) }
        var room = ScratchBuffer<Int32>(capacity: 16)
        defer { room.deallocate() }
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            // Room reused from text to text (grown for long ones, left larger than short ones need),
            // as the mention scan reuses it, and room made for the text alone: the same slices.
            for shared in [true, false] {
                func check(_ slices: TextSlices) {
                    for _ in 0..<20 {
                        let lo = Int(rng.next() % UInt64(scalars.count + 50)) - 45, hi = lo + Int(rng.next() % 60)
                        let a = max(0, lo), b = min(scalars.count, hi)
                        let expected = a < b ? String(String.UnicodeScalarView(scalars[a..<b])) : ""
                        let got = slices.string(lo, hi)
                        XCTAssertEqual(Array(got.utf8), Array(expected.utf8), "\(text) \(lo)..<\(hi)")
                        XCTAssertEqual(got, expected)
                        XCTAssertEqual(got.utf8Span.isKnownASCII, got.utf8.allSatisfy { $0 < 0x80 }, "\(text) \(lo)..<\(hi)")
                    }
                }
                if shared {
                    TextSlices.with(text, scalars: scalars, room: &room, check)
                } else {
                    var own = ScratchBuffer<Int32>(capacity: scalars.count + 1)
                    TextSlices.with(text, scalars: scalars, room: &own, check)
                    own.deallocate()
                }
            }
        }
        XCTAssertGreaterThan(room.capacity, 16, "the shared room grew")
    }

    /// Scalars encoded into a String without validation: the String of the scalars, flags included.
    func testEncodedScalarsAreTheirString() {
        var rng = SplitMix64(seed: 22)
        for _ in 0..<500 {
            let scalars = Array((0..<Int(rng.next() % 30)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined().unicodeScalars)
            let lo = Int(rng.next() % 10) - 3, hi = Int(rng.next() % 40)
            let a = max(0, lo), b = min(scalars.count, hi)
            let expected = a < b ? String(String.UnicodeScalarView(scalars[a..<b])) : ""
            let got = Scalars.string(scalars, lo, hi)
            XCTAssertEqual(Array(got.utf8), Array(expected.utf8))
            XCTAssertEqual(got.utf8Span.isKnownASCII, got.utf8.allSatisfy { $0 < 0x80 })
        }
    }
}

