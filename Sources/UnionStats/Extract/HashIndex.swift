/// A map from hashes (already well mixed, like `Repeats.hash`) to indexes ≥ 0, with open
/// addressing: `Dictionary` would hash each key again with the seeded SipHash.
struct HashIndex {
    private var keys: [Int]
    /// The index stored with `keys[i]`; -1 marks an empty slot.
    private var values: [Int]
    private var mask: Int
    private var count = 0

    init() {
        keys = [Int](repeating: 0, count: 64)
        values = [Int](repeating: -1, count: 64)
        mask = 63
    }

    @inline(__always)
    private func slot(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The index stored for `key`, or nil.
    subscript(key: Int) -> Int? {
        var i = slot(key)
        while values[i] >= 0 {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Stores `value` (≥ 0) for `key`, replacing what was stored.
    mutating func set(_ key: Int, _ value: Int) {
        var i = slot(key)
        while values[i] >= 0 {
            if keys[i] == key { values[i] = value; return }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
        if count * 2 > values.count { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let n = values.count * 2
        keys = [Int](repeating: 0, count: n)
        values = [Int](repeating: -1, count: n)
        mask = n - 1
        for k in oldValues.indices where oldValues[k] >= 0 {
            var i = slot(oldKeys[k])
            while values[i] >= 0 { i = (i + 1) & mask }
            keys[i] = oldKeys[k]
            values[i] = oldValues[k]
        }
    }
}
