import XCTest
@testable import UnionStats

/// The headline-likeness scan's shortcuts: the peeled run of common ideographs in
/// `Headlines.forEachBigram` and the byte flags in front of `BigramSet.Member`'s table.
final class BigramScanTests: XCTestCase {
    /// The scan before its fast path: every scalar through the one general step.
    private func referenceBigrams(_ s: [Unicode.Scalar]) -> [UInt64] {
        var out: [UInt64] = []
        var previous: UInt64 = 0, run: UInt64 = 0, runKind = 0
        func emit(_ t: UInt64) {
            if previous != 0 { out.append(previous &* 0x9E37_79B9_7F4A_7C15 ^ t) }
            previous = t
        }
        func flushRun() {
            if runKind != 0 { emit(run | (UInt64(runKind) << 56)) }
            runKind = 0; run = 0
        }
        for x in s {
            if x.value >= 0x4E00 && x.value <= 0x9FFF { flushRun(); emit(UInt64(x.value)); continue }
            var v = x
            if Scalars.isFullwidthDigit(v) { v = Unicode.Scalar(v.value - 0xFF10 + 0x30)! }
            if Scalars.isASCIIDigit(v) || (v == "." && runKind == 1) {
                if runKind != 1 { flushRun(); runKind = 1 }
                run = run &* 31 &+ UInt64(v.value); continue
            }
            if Scalars.isASCIILetter(v) {
                if runKind != 2 { flushRun(); runKind = 2 }
                run = run &* 31 &+ UInt64(v.value | 0x20); continue
            }
            flushRun()
            if Scalars.isIdeograph(v) { emit(UInt64(v.value)) } else { previous = 0 }
        }
        flushRun()
        return out
    }

    private func scanned(_ s: [Unicode.Scalar], _ n: Int) -> [UInt64] {
        var out: [UInt64] = []
        s.withUnsafeBufferPointer { Headlines.forEachBigram($0, n) { out.append($0) } }
        return out
    }

    /// Lines that open with a common ideograph (the peeled first step taken) and lines that do
    /// not (a digit, a letter, punctuation, an ideograph outside 4E00–9FFF), cut at every length.
    func testFastRunIsTheGeneralStep() {
        let pool: [Unicode.Scalar] = ["工", "会", "职", "一", "\u{9FFF}", "\u{4E00}", "\u{3400}", "\u{F900}", "\u{20000}",
                                      "1", "2", "０", "９", ".", "a", "Z", "，", "。", " ", "“", "%", "\u{FF10}"]
        var rng = SplitMix64(seed: 7)
        var opensFast = 0, opensOther = 0
        for _ in 0..<3000 {
            let s = (0..<rng.int(0...24)).map { _ in rng.pick(pool) }
            if let f = s.first { if f.value &- 0x4E00 < 0x5200 { opensFast += 1 } else { opensOther += 1 } }
            for n in 0...s.count { XCTAssertEqual(scanned(s, n), referenceBigrams(Array(s.prefix(n))), "\(s) \(n)") }
        }
        XCTAssertGreaterThan(opensFast, 100)
        XCTAssertGreaterThan(opensOther, 100)
        let line = Array("广西工会助力困难职工“码上”圆梦2024年AB.5".unicodeScalars)
        XCTAssertEqual(scanned(line, line.count), referenceBigrams(line))
    }

    /// The flagged lookup answers as the set does: for members, for keys whose flag a member set
    /// (the table is probed and says no), for keys whose flag is clear, and for key 0 with and
    /// without it in the set, also when a member's flag is flag 0.
    func testLookupIsTheSet() {
        var rng = SplitMix64(seed: 11)
        let shift = UInt64(64 - BigramSet.Member.flagBits)
        for round in 0..<40 {
            var set = BigramSet()
            let size = [0, 1, 5, 60, 400][round % 5]
            var members: [UInt64] = []
            set.inserting(atMost: size + 2) { ins in
                for _ in 0..<size { let k = rng.next(); members.append(k); ins.insert(k) }
                if round % 2 == 0 { ins.insert(0) }
                // A member with top bits 0: flag 0 set whether or not key 0 is in the set.
                if round % 4 == 1 { let k = rng.next() >> 20 | 1; members.append(k); ins.insert(k) }
            }
            let member = BigramSet.Member(set)
            var probes: [UInt64] = [0, 1, UInt64.max] + members
            // Keys sharing a member's flag but not in the set.
            for k in members { probes.append(k ^ 1); probes.append((k >> shift) << shift | (rng.next() >> (64 - shift))) }
            for _ in 0..<500 { probes.append(rng.next()) }
            var flaggedMiss = 0, unflagged = 0
            let flagged = Set(members.map { $0 >> shift } + (set.contains(0) ? [0] : []))
            member.withLookup { lookup in
                for k in probes {
                    XCTAssertEqual(lookup.contains(k), set.contains(k), "round \(round) key \(k)")
                    if !set.contains(k) { if flagged.contains(k >> shift) { flaggedMiss += 1 } else { unflagged += 1 } }
                }
            }
            XCTAssertEqual(set.contains(0), round % 2 == 0)
            if size >= 5 { XCTAssertGreaterThan(flaggedMiss, 0); XCTAssertGreaterThan(unflagged, 0) }
        }
    }
}
