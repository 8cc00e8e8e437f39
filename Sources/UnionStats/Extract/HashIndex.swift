/// A map from hashes (already well mixed, like `Repeats.hash`) to indexes ≥ 0, with open
/// addressing: `Dictionary` would hash each key again with the seeded SipHash. A class over one
/// table of key-value slots held by pointer: a lookup or an insert (a few per paragraph) checks
/// no uniqueness and no bounds, and a slot's key and value share a cache line.
final class HashIndex {
    private struct Slot {
        var key: Int
        /// -1 marks an empty slot.
        var value: Int
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private var count = 0

    init() {
        mask = 63
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: Slot(key: 0, value: -1), count: mask + 1)
    }

    deinit { slots.deallocate() }

    @inline(__always)
    private func slot(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The index stored for `key`, or nil.
    subscript(key: Int) -> Int? {
        var i = slot(key)
        while slots[i].value >= 0 {
            if slots[i].key == key { return slots[i].value }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Stores `value` (≥ 0) for `key`, replacing what was stored.
    func set(_ key: Int, _ value: Int) {
        precondition(value >= 0)
        var i = slot(key)
        while slots[i].value >= 0 {
            if slots[i].key == key { slots[i].value = value; return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, value: value)
        count += 1
        if count * 2 > mask + 1 { grow() }
    }

    private func grow() {
        let old = slots, oldSize = mask + 1
        mask = oldSize * 2 - 1
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: Slot(key: 0, value: -1), count: mask + 1)
        for k in 0..<oldSize where old[k].value >= 0 {
            var i = slot(old[k].key)
            while slots[i].value >= 0 { i = (i + 1) & mask }
            slots[i] = old[k]
        }
        old.deallocate()
    }
}
