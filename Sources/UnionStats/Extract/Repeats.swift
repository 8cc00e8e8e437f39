import CSystemCalls

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
    /// Texts of recorded paragraphs; they share storage with the paragraphs themselves,
    /// and are decoded again only when a hash matches.
    var kept: [String] = []
    /// The last `recentWindow` paragraphs of 20 to `recentLimit` scalars, spaces removed: a ring,
    /// the oldest replaced at `nextRecent` (the search asks only whether any holds a paragraph).
    var recent: [[Unicode.Scalar]] = []
    var nextRecent = 0

    static func compactCount(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { buf in
            var n = 0
            for s in UTF8Scalars(buf) where !Scalars.isSpace(s) { n += 1 }
            return n
        }
    }

    /// Whether `text`, spaces ignored, starts with `p` (no copy of `text` is made).
    static func starts(_ text: String, with p: [Unicode.Scalar]) -> Bool {
        var copy = text
        return copy.withUTF8 { buf in
            var k = 0
            for s in UTF8Scalars(buf) where !Scalars.isSpace(s) {
                if k == p.count { return true }
                if s != p[k] { return false }
                k += 1
            }
            return k == p.count
        }
    }

    /// Whether `text`, spaces ignored, ends with `p` (its UTF-8 read backwards, no copy made).
    static func ends(_ text: String, with p: [Unicode.Scalar]) -> Bool {
        var copy = text
        return copy.withUTF8 { buf in
            var k = p.count
            var i = buf.count
            while i > 0 {
                i -= 1
                while i > 0 && buf[i] & 0xC0 == 0x80 { i -= 1 }  // back to the scalar's first byte
                var scalars = UTF8Scalars(buf)
                scalars.i = i
                let s = scalars.next()!
                if Scalars.isSpace(s) { continue }
                if k == 0 { return true }
                k -= 1
                if s != p[k] { return false }
            }
            return k == 0
        }
    }

    /// FNV-1a over the scalar values (a fixed, cheap hash; matches are verified on the text).
    static func hash<C: Collection>(_ s: C) -> Int where C.Element == Unicode.Scalar {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for x in s { h = (h ^ UInt64(x.value)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h)
    }

    /// Records `p` (which holds a space only if `spaces`) and returns true when it is new; returns false for a repeat.
    mutating func isNew(_ text: String, _ p: [Unicode.Scalar], spaces: Bool, credit: Bool) -> Bool {
        let compact = spaces ? Scalars.withoutSpaces(p) : p
        let n = compact.count
        if n >= Repeats.minimumIdentical && !credit {
            let h = Repeats.hash(compact)
            if let id = whole[h], Repeats.compactCount(kept[id]) == n && Repeats.starts(kept[id], with: compact) { return false }
            let id = kept.count
            kept.append(text)
            if n >= Repeats.minimumPartial {
                let head = Repeats.hash(compact.prefix(Repeats.minimumPartial))
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
