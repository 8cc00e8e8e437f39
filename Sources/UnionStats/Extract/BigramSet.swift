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
        slots = [UInt64](repeating: 0, count: n)
        mask = n - 1
    }

    var isEmpty: Bool { count == 0 }

    /// Calls `body` with every key (in no particular order).
    func forEach(_ body: (UInt64) -> Void) {
        if hasZero { body(0) }
        for key in slots where key != 0 { body(key) }
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        return slots.withUnsafeBufferPointer { slots in
            var i = slot(key)
            while true {
                let s = slots[i]
                if s == key { return true }
                if s == 0 { return false }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    mutating func insert(_ key: UInt64) {
        if key == 0 {
            if !hasZero { hasZero = true; count += 1 }
            return
        }
        if (count + 1) * 2 > slots.count { grow() }
        let start = slot(key), mask = mask
        // One uniqueness check per insert, not one per probe.
        let added = slots.withUnsafeMutableBufferPointer { slots -> Bool in
            var i = start
            while true {
                let s = slots[i]
                if s == key { return false }
                if s == 0 { slots[i] = key; return true }
                i = (i + 1) & mask
            }
        }
        if added { count += 1 }
    }

    private mutating func grow() {
        let old = slots
        let n = slots.count * 2
        slots = [UInt64](repeating: 0, count: n)
        mask = n - 1
        for key in old where key != 0 {
            var i = slot(key)
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
