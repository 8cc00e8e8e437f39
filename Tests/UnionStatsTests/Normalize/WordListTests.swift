import XCTest
@testable import UnionStats

/// Word lookups by reading every word of a list, as the lists of words by first (last) scalar did before
/// the slot tables became `WordList`'s only index: the first word of `all` (longest first) that fits.
enum WordScan {
    typealias S = Unicode.Scalar

    /// The first word of `words.all` at `i` in `t` (words may not run past `t`'s end), else nil.
    static func longest<T: RandomAccessCollection>(_ t: T, _ i: Int, _ words: WordList) -> [S]? where T.Element == S, T.Index == Int {
        guard i >= t.startIndex, i < t.endIndex else { return nil }
        return words.all.first { w in i + w.count <= t.endIndex && w.indices.allSatisfy { t[i + $0] == w[$0] } }
    }

    /// The first word of `words.all` ending right before `end` in `t`, else nil.
    static func longest(_ t: [S], before end: Int, _ words: WordList) -> [S]? {
        guard end > 0, end <= t.count else { return nil }
        return words.all.first { TextClasses.hasBefore(t, end, $0) }
    }
}

/// `WordList`'s lookups by length answer as reading every word of the list does.
final class WordListTests: XCTestCase {
    typealias S = Unicode.Scalar

    /// The lists that the context finders look words up in.
    static let lists: [WordList] = {
        let M = MetricFinder.self, O = OrganizationFinder.self
        return [M.afterStops, M.linkers, M.beforeStops, M.leadingVerbs, M.purposeVerbs, M.gapQualifiers, M.gapVerbs, M.trailingWords,
                M.leadingPerWords, M.genericQuantifiers, M.relativeVerbs, M.scopeWords, M.placeFillers, M.protectedWords, M.nounStarts,
                M.awardVerbs, M.emptyWordList, M.genericHeadWords, ArticleContext.nationalTitles, O.referringStarts, O.genericStarts,
                O.attributiveWords, O.eventWords, O.boundaryWords, O.protectedWords, O.bareWords, O.nationalWords, O.suffixes,
                TimePhraseFinder.untilPrefixes, TimePhraseFinder.objectVerbs, TextClasses.words(["会", "工会", "工"])]
    }()

    /// Random texts of a list's words, pieces of them and noise (scalars of no word, marks, a scalar
    /// beyond the BMP), so that lookups hit and miss, and words overlap and are cut.
    static func texts(_ words: WordList, _ count: Int, _ rng: inout SplitMix64) -> [[S]] {
        let noise: [[S]] = ["，", "。", "的", "1", "a", "职工", "了", " ", "😀", "国", "会"].map(\.scalars)
        var out: [[S]] = []
        for _ in 0..<count {
            var t: [S] = []
            for _ in 0..<rng.int(0...8) {
                switch rng.int(0...5) {
                case 0, 1: t += rng.pick(words.all)
                case 2:
                    // A word cut short, or its end alone: a pair that starts (ends) no word.
                    let w = rng.pick(words.all)
                    t += rng.chance(0.5) ? w.prefix(rng.int(1...w.count)) : w.suffix(rng.int(1...w.count))
                default: t += rng.pick(noise)
                }
            }
            out.append(t)
        }
        return out
    }

    func testLengthAtIsTheFirstListedWord() {
        var rng = SplitMix64(seed: 0x574F_5244)
        var matched = 0, unmatched = 0, cut = 0
        for words in Self.lists {
            for t in Self.texts(words, 400, &rng) {
                for i in -1...(t.count + 1) {
                    let full = WordScan.longest(t, i, words)
                    let n = words.length(at: i, in: t)
                    if n != (full?.count ?? 0) { XCTFail("\(TextClasses.string(t)) at \(i): \(n) != \(full?.count ?? 0)") }
                    // The first listed word is the longest: no order among words of one length matters.
                    let longest = words.all.filter { TextClasses.has(t, i, $0) }.map(\.count).max() ?? 0
                    XCTAssertEqual(n, longest)
                    if n > 0 { matched += 1 } else { unmatched += 1 }
                    if n > 0, i >= 0, words.mayStart(t, i) == false { XCTFail("mayStart said no at a word") }
                }
                // Within a slice, words may not run past its end (nor start before its start).
                guard t.count >= 2 else { continue }
                let a = rng.int(0...(t.count - 1)), b = rng.int((a + 1)...t.count)
                let s = t[a..<b]
                for i in (a - 1)...(b + 1) {
                    let full = WordScan.longest(s, i, words)?.count ?? 0
                    XCTAssertEqual(words.length(at: i, in: s), full, "\(TextClasses.string(t)) \(a)..<\(b) at \(i)")
                    if i >= a, i < b, (WordScan.longest(t, i, words)?.count ?? 0) > full { cut += 1 }
                }
            }
        }
        XCTAssertGreaterThan(matched, 20_000)
        XCTAssertGreaterThan(unmatched, 20_000)
        XCTAssertGreaterThan(cut, 500)
    }

    func testLengthBeforeIsTheFirstListedWord() {
        var rng = SplitMix64(seed: 0x4245_464F)
        var matched = 0, unmatched = 0
        for words in Self.lists {
            for t in Self.texts(words, 400, &rng) {
                for end in -1...(t.count + 1) {
                    let full = WordScan.longest(t, before: end, words)
                    let n = words.length(before: end, in: t)
                    if n != (full?.count ?? 0) { XCTFail("\(TextClasses.string(t)) before \(end): \(n) != \(full?.count ?? 0)") }
                    let longest = words.all.filter { TextClasses.hasBefore(t, end, $0) }.map(\.count).max() ?? 0
                    XCTAssertEqual(n, longest)
                    if n > 0 { matched += 1 } else { unmatched += 1 }
                    if n > 0, words.mayEnd(t, end) == false { XCTFail("mayEnd said no at a word") }
                }
            }
        }
        XCTAssertGreaterThan(matched, 20_000)
        XCTAssertGreaterThan(unmatched, 20_000)
    }

    /// `covers` asks whether any word, not only the longest at a start, spans the offsets.
    func testCoversIsAnyWordOverTheOffsets() {
        var rng = SplitMix64(seed: 0x434F_5645)
        var covered = 0, notCovered = 0
        for words in Self.lists {
            for t in Self.texts(words, 200, &rng) {
                for lo in -1...t.count {
                    for hi in lo...min(lo + 2, t.count) {
                        let full = t.indices.contains { s in
                            s <= lo && words.all.contains { s + $0.count > hi && TextClasses.has(t, s, $0) }
                        }
                        XCTAssertEqual(words.covers(t, lo, hi), full, "\(TextClasses.string(t)) \(lo)...\(hi)")
                        if full { covered += 1 } else { notCovered += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(covered, 5_000)
        XCTAssertGreaterThan(notCovered, 5_000)
    }

    /// `TextTest.isOne` (plain text: the words' scalars) answers as the set of strings does.
    func testIsOneIsTheSetsAnswer() {
        var rng = SplitMix64(seed: 0x4953_4F4E)
        var one = 0, notOne = 0
        for words in Self.lists {
            let set = Set(words.all.map { TextClasses.string($0) })
            for t in Self.texts(words, 100, &rng) {
                for lo in 0...t.count {
                    for hi in lo...min(lo + 6, t.count) {
                        let full = set.contains(TextClasses.string(t[lo..<hi]))
                        XCTAssertEqual(TextTest(t[lo..<hi]).isOne(of: words, set), full, "\(TextClasses.string(t)) \(lo)..<\(hi)")
                        if full { one += 1 } else { notOne += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(one, 2_000)
        XCTAssertGreaterThan(notOne, 2_000)
    }
}
