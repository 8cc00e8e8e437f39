import XCTest
@testable import UnionStats

/// Repeated paragraphs are dropped; a repeat of a dropped repeat must be dropped too
/// (it once looked up the dropped paragraph's id past the kept list and crashed).
final class RepeatsTests: XCTestCase {
    let first = "延庆区总工会深入了解困难职工的需求和意愿，丰富送温暖工作的内容。"
    let second = "延庆区总工会还建立联系基层工会和困难职工的长效机制，建立长期工作台账。"

    func testRepeatOfADroppedHeadIsDropped() {
        // The first sentence alone is the head of the earlier paragraph, printed twice more.
        let text = [first + second, first, first].joined(separator: "\n\n") + "\n"
        let paragraphs = TextRepair.paragraphs(from: text)
        XCTAssertEqual(paragraphs.map(\.text), [first + second])
    }

    func testRepeatsAreCheckedRegardlessOfOrder() {
        let cases: [(pages: [String], kept: [String])] = [
            ([first, second, first], [first, second]),
            ([first, first, second, second], [first, second]),
            ([first + second, second, first], [first + second]),
        ]
        for c in cases {
            let paragraphs = TextRepair.paragraphs(from: c.pages.joined(separator: "\n\n") + "\n")
            XCTAssertEqual(paragraphs.map(\.text), c.kept, "\(c.pages)")
        }
    }

    /// `Repeats.contains` finds candidates with glibc's wmemchr (through the C shim); it must agree
    /// with a plain search, including needles at the very end, scalars above 0xFFFF (a wchar_t
    /// compare of the full 32 bits) and hays shorter than the needle.
    func testContainsAgreesWithAPlainSearch() {
        let alphabet: [Unicode.Scalar] = ["工", "会", "a", "\u{20000}", "\u{FFFF}", "\u{10000}"]
        var rng = SplitMix64(seed: 11)
        func plain(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
            guard !needle.isEmpty, hay.count >= needle.count else { return false }
            return (0...(hay.count - needle.count)).contains { i in Array(hay[i..<(i + needle.count)]) == needle }
        }
        var found = 0
        for _ in 0..<3_000 {
            let hay = (0..<rng.int(0...24)).map { _ in alphabet[rng.int(0...(alphabet.count - 1))] }
            let needle = (0..<rng.int(1...4)).map { _ in alphabet[rng.int(0...(alphabet.count - 1))] }
            let expected = plain(hay, needle)
            XCTAssertEqual(Repeats.contains(hay, needle), expected, "\(hay) \(needle)")
            if expected { found += 1 }
        }
        XCTAssertGreaterThan(found, 300, "the cases must include hits as well as misses")
        XCTAssertTrue(Repeats.contains(["工", "会", "\u{20000}"], ["\u{20000}"]))
        XCTAssertFalse(Repeats.contains(["工", "会"], ["会", "工"]))
        XCTAssertFalse(Repeats.contains([], ["会"]))
    }

    /// `wholeAndHead` hashes in one pass what `hash` hashes in two: the whole and its first
    /// `minimumPartial` scalars, for paragraphs shorter than, as long as, and longer than that.
    func testWholeAndHeadMatchesTwoHashes() {
        let text = Array((first + second).unicodeScalars)
        for count in [0, 1, Repeats.minimumPartial - 1, Repeats.minimumPartial, Repeats.minimumPartial + 1, text.count] {
            let s = Array(text.prefix(count))
            let (whole, head) = s.withUnsafeBufferPointer(Repeats.wholeAndHead)
            XCTAssertEqual(whole, Repeats.hash(s), "\(count)")
            XCTAssertEqual(head, Repeats.hash(s.prefix(Repeats.minimumPartial)), "\(count)")
            if count > Repeats.minimumPartial { XCTAssertNotEqual(whole, head, "\(count)") }
        }
    }

    /// `starts` and `ends` compare memory; they must agree with the collection's own prefix and
    /// suffix tests, for needles empty, shorter than, as long as and longer than the array.
    func testStartsAndEndsAgreeWithPrefixAndSuffix() {
        let alphabet: [Unicode.Scalar] = ["工", "会", "a", "\u{20000}"]
        var rng = SplitMix64(seed: 7)
        var starts = 0, ends = 0
        for _ in 0..<3_000 {
            let a = (0..<rng.int(0...6)).map { _ in alphabet[rng.int(0...(alphabet.count - 1))] }
            let p = (0..<rng.int(0...4)).map { _ in alphabet[rng.int(0...(alphabet.count - 1))] }
            XCTAssertEqual(Repeats.starts(a, with: p), a.starts(with: p), "\(a) \(p)")
            XCTAssertEqual(Repeats.ends(a, with: p), a.reversed().starts(with: p.reversed()), "\(a) \(p)")
            if a.starts(with: p) && !p.isEmpty { starts += 1 }
            if a.reversed().starts(with: p.reversed()) && !p.isEmpty { ends += 1 }
        }
        XCTAssertGreaterThan(starts, 100, "the cases must include hits as well as misses")
        XCTAssertGreaterThan(ends, 100, "the cases must include hits as well as misses")
    }

    /// A paragraph with spaces is compared with its spaces removed: a repeat that differs from the
    /// first only in spaces is dropped.
    func testRepeatDifferingInSpacesIsDropped() {
        let spaced = "Union Pay 延庆区总工会深入了解困难职工的需求和意愿"
        let paragraphs = TextRepair.paragraphs(from: [spaced, spaced].joined(separator: "\n\n") + "\n")
        XCTAssertEqual(paragraphs.count, 1, "\(paragraphs.map(\.text))")
    }
}
