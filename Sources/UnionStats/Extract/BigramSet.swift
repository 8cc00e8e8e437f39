/// A set of 64-bit bigram keys with open addressing and a multiplicative hash:
/// the keys are already well mixed, so the standard library's seeded SipHash
/// would only cost time on large pages.
struct BigramSet {
    private var slots: [UInt64]
    private var mask: Int
    private(set) var elements: [UInt64] = []
    private var hasZero = false

    init(capacity: Int = 16) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [UInt64](repeating: 0, count: n)
        mask = n - 1
    }

    var count: Int { elements.count }
    var isEmpty: Bool { elements.isEmpty }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        var i = slot(key)
        while true {
            let s = slots[i]
            if s == key { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64) {
        if key == 0 {
            if !hasZero { hasZero = true; elements.append(0) }
            return
        }
        if (elements.count + 1) * 2 > slots.count { grow() }
        var i = slot(key)
        while true {
            let s = slots[i]
            if s == key { return }
            if s == 0 { slots[i] = key; elements.append(key); return }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let n = slots.count * 2
        slots = [UInt64](repeating: 0, count: n)
        mask = n - 1
        for key in elements where key != 0 {
            var i = slot(key)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = key
        }
    }
}
