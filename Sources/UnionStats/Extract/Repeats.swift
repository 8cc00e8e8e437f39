import CSystemCalls
import Glibc

/// Finds paragraphs a page repeats: identical ones (8 scalars or more), and
/// ones of 20 scalars or more that are the start or the tail of an earlier
/// paragraph (a column printed twice, or the end of a paragraph pasted again),
/// or lie inside one of the few paragraphs just before. Hash lookups keep it
/// linear in the page length; the first occurrence is kept.
struct Repeats {
    static let minimumIdentical = 8
    static let minimumPartial = 20
    static let recentWindow = 4
    static let recentLimit = 20_000

    let whole = HashIndex()
    let heads = HashIndex()
    let tails = HashIndex()
    /// Recorded paragraphs' scalars, spaces removed: a paragraph without spaces shares its
    /// array with the paragraph; a hash match is checked by comparing them.
    var kept: [[Unicode.Scalar]] = []
    /// The last `recentWindow` paragraphs of 20 to `recentLimit` scalars, spaces removed: a ring,
    /// the oldest replaced at `nextRecent` (the search asks only whether any holds a paragraph).
    var recent: [[Unicode.Scalar]] = []
    var nextRecent = 0

    init() {
        // Pages have a few dozen paragraphs: grown from empty, `kept` was reallocated some 6 times a page.
        kept.reserveCapacity(64)
        recent.reserveCapacity(Repeats.recentWindow)
    }

    /// Whether `a` starts with `p`.
    static func starts(_ a: [Unicode.Scalar], with p: [Unicode.Scalar]) -> Bool {
        a.count >= p.count && a.withUnsafeBufferPointer { x in
            p.withUnsafeBufferPointer { y in
                y.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, y.count * 4) == 0
            }
        }
    }

    /// Whether `a` ends with `p`.
    static func ends(_ a: [Unicode.Scalar], with p: [Unicode.Scalar]) -> Bool {
        a.count >= p.count && a.withUnsafeBufferPointer { x in
            p.withUnsafeBufferPointer { y in
                y.isEmpty || memcmp(x.baseAddress! + (x.count - y.count), y.baseAddress!, y.count * 4) == 0
            }
        }
    }

    /// FNV-1a over the scalar values (a fixed, cheap hash; matches are verified on the scalars).
    static func hash<C: Collection>(_ s: C) -> Int where C.Element == Unicode.Scalar {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for x in s { h = (h ^ UInt64(x.value)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h)
    }

    /// `hash` of all of `s` and of its first `minimumPartial` scalars (or all, when fewer) in one
    /// pass: FNV-1a's state after the head is the head's hash.
    static func wholeAndHead(_ s: UnsafeBufferPointer<Unicode.Scalar>) -> (whole: Int, head: Int) {
        guard let p = s.baseAddress else { return (hash(s), hash(s)) }
        let n = s.count, cut = min(n, minimumPartial)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var i = 0
        while i < cut { h = (h ^ UInt64(p[i].value)) &* 0x0000_0100_0000_01B3; i += 1 }
        let head = h
        while i < n { h = (h ^ UInt64(p[i].value)) &* 0x0000_0100_0000_01B3; i += 1 }
        return (Int(truncatingIfNeeded: h), Int(truncatingIfNeeded: head))
    }

    /// Records paragraph scalars `p` (which hold a space only if `spaces`) and returns true when it is new; returns false for a repeat.
    mutating func isNew(_ p: [Unicode.Scalar], spaces: Bool, credit: Bool) -> Bool {
        let compact = spaces ? Scalars.withoutSpaces(p) : p
        let n = compact.count
        if n >= Repeats.minimumIdentical && !credit {
            let (h, head) = compact.withUnsafeBufferPointer(Repeats.wholeAndHead)
            if let id = whole[h], kept[id] == compact { return false }
            let id = kept.count
            kept.append(compact)
            if n >= Repeats.minimumPartial {
                if let q = heads[head], Repeats.starts(kept[q], with: compact) { kept.removeLast(); return false }
                let tail = Repeats.hash(compact.suffix(Repeats.minimumPartial))
                if let q = tails[tail], Repeats.ends(kept[q], with: compact) { kept.removeLast(); return false }
                for q in recent where q.count > n && Repeats.contains(q, compact) { kept.removeLast(); return false }
                // The latest paragraph per key is kept: repeats sit close to what they repeat, and
                // many paragraphs may open alike (`本报讯（记者…）近日，`).
                heads.set(head, id)
                tails.set(tail, id)
            }
            // Recorded only once kept: an id of a dropped repeat would point past `kept`.
            if whole[h] == nil { whole.set(h, id) }
        }
        if n >= Repeats.minimumPartial && n <= Repeats.recentLimit {
            if recent.count < Repeats.recentWindow {
                recent.append(compact)
            } else {
                recent[nextRecent] = compact
                nextRecent = (nextRecent + 1) % Repeats.recentWindow
            }
        }
        return true
    }

    /// Whether `needle` occurs in `hay`: the places its first scalar occurs are found by glibc's
    /// `wmemchr` (a `wchar_t` is a 32-bit scalar value here), as this reads every scalar of the
    /// recent paragraphs; each is then compared.
    static func contains(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard let first = needle.first, hay.count >= needle.count else { return false }
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { nd in
                h.withMemoryRebound(to: Int32.self) { w in
                    let last = h.count - nd.count
                    var i = 0
                    while i <= last {
                        guard let hit = unionstats_wmemchr(w.baseAddress! + i, Int32(bitPattern: first.value), last - i + 1) else { return false }
                        i = w.baseAddress!.distance(to: hit)
                        var k = 1
                        while k < nd.count && h[i + k] == nd[k] { k += 1 }
                        if k == nd.count { return true }
                        i += 1
                    }
                    return false
                }
            }
        }
    }
}
