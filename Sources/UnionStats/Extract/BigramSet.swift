/// A set of 64-bit bigram keys with open addressing and a multiplicative hash:
/// the keys are already well mixed, so the standard library's seeded SipHash
/// would only cost time on large pages.
struct BigramSet {
    private var slots: [UInt64]
    private var mask: Int
    /// How many keys the set holds; the keys themselves live only in `slots` (likeness needs
    /// membership and counts, not insertion order).
    private(set) var count = 0
    private var hasZero = false

    init(capacity: Int = 16) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = .filled(0, count: n)
        mask = n - 1
    }

    var isEmpty: Bool { count == 0 }

    /// Calls `body` with every key (in no particular order).
    func forEach(_ body: (UInt64) -> Void) {
        if hasZero { body(0) }
        for key in slots where key != 0 { body(key) }
    }

    @inline(__always)
    fileprivate static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    /// Whether the table `slots` (of `mask + 1` slots) holds the key, which is not 0.
    @inline(__always)
    fileprivate static func probe(_ slots: UnsafePointer<UInt64>, _ mask: Int, _ key: UInt64) -> Bool {
        var i = slot(key, mask)
        while true {
            let s = slots[i]
            if s == key { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }

    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        return slots.withUnsafeBufferPointer { BigramSet.probe($0.baseAddress!, mask, key) }
    }

    /// A set kept for membership tests in a hot loop: `withLookup` hands out the table by pointer,
    /// behind a one-byte flag per value of the key's top 11 bits that most keys not in the set
    /// fail (every key of the set sets its flag, so the test never says no wrongly). A byte, not
    /// a bit, per flag: one load and test per key, no shifting and masking. The flags are held
    /// as 256 words (zeroed by the word, not byte by byte) and read as bytes.
    struct Member {
        private let slots: [UInt64]
        private let mask: Int
        private let hasZero: Bool
        private var flags = [UInt64].filled(0, count: Member.flagCount / 8)
        let count: Int
        /// 2,048 flags: zeroed by plain vector stores (a larger table is cleared by `rep stosb`).
        static let flagBits = 11
        static let flagCount = 1 << flagBits

        init(_ set: BigramSet) {
            slots = set.slots
            mask = set.mask
            hasZero = set.hasZero
            count = set.count
            // Key 0 (its flag is flag 0) is tested after the flag, so it sets its flag too.
            let zero = hasZero
            flags.withUnsafeMutableBytes { f in
                if zero { f[0] = 1 }
                for key in set.slots where key != 0 { f[Int(key >> (64 - Member.flagBits))] = 1 }
            }
        }

        struct Lookup {
            fileprivate let slots: UnsafePointer<UInt64>
            fileprivate let flags: UnsafePointer<UInt8>
            fileprivate let mask: Int
            fileprivate let hasZero: Bool

            @inline(__always)
            func contains(_ key: UInt64) -> Bool {
                // Most keys fail the flag test: it comes first, the rare key 0 after it.
                guard flags[Int(key >> (64 - Member.flagBits))] != 0 else { return false }
                if key == 0 { return hasZero }
                return BigramSet.probe(slots, mask, key)
            }
        }

        func withLookup<R>(_ body: (Lookup) -> R) -> R {
            slots.withUnsafeBufferPointer { s in
                flags.withUnsafeBufferPointer { words in
                    words.withMemoryRebound(to: UInt8.self) { f in
                        body(Lookup(slots: s.baseAddress!, flags: f.baseAddress!, mask: mask, hasZero: hasZero))
                    }
                }
            }
        }
    }

    /// Adds every key of `other`.
    mutating func formUnion(_ other: BigramSet) {
        inserting(atMost: other.count) { ins in other.forEach { ins.insert($0) } }
    }

    /// Writes keys straight into the table: one uniqueness check and one growth check for a
    /// whole run of inserts instead of one each.
    struct Inserter {
        fileprivate let slots: UnsafeMutableBufferPointer<UInt64>
        fileprivate let mask: Int
        fileprivate var added = 0
        fileprivate var hasZero: Bool

        @inline(__always)
        mutating func insert(_ key: UInt64) {
            if key == 0 {
                if !hasZero { hasZero = true; added += 1 }
                return
            }
            var i = BigramSet.slot(key, mask)
            while true {
                let s = slots[i]
                if s == key { return }
                if s == 0 { slots[i] = key; added += 1; return }
                i = (i + 1) & mask
            }
        }
    }

    /// Runs `fill`, which inserts at most `n` keys, with the table grown beforehand to hold them.
    mutating func inserting(atMost n: Int, _ fill: (inout Inserter) -> Void) {
        if (count + n) * 2 > slots.count { grow(toHold: count + n) }
        let mask = mask, zero = hasZero
        let (added, nowZero) = slots.withUnsafeMutableBufferPointer { buf -> (Int, Bool) in
            var ins = Inserter(slots: buf, mask: mask, hasZero: zero)
            fill(&ins)
            return (ins.added, ins.hasZero)
        }
        count += added
        hasZero = nowZero
    }

    private mutating func grow(toHold n: Int) {
        let old = slots
        var size = slots.count * 2
        while size < n * 2 { size <<= 1 }
        slots = .filled(0, count: size)
        mask = size - 1
        for key in old where key != 0 {
            var i = BigramSet.slot(key, mask)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = key
        }
    }
}

/// The scalars of valid UTF-8 (as held by a Swift String), decoded on the fly: reading a
/// String's `unicodeScalars` through the generic view costs several times more.
struct UTF8Scalars: Sequence, IteratorProtocol {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    @inline(__always)
    mutating func next() -> Unicode.Scalar? {
        guard i < bytes.count else { return nil }
        let (v, next) = UTF8Coding.decode(bytes, at: i)
        i = next
        return unsafeBitCast(v, to: Unicode.Scalar.self)
    }
}
