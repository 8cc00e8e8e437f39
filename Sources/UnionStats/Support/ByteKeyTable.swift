#if canImport(Glibc)
import Glibc
#endif

/// Keys made of bytes (one text, or several laid out by `ByteKey.Builder`), numbered
/// 0, 1, 2… in the order they are first met. Open addressing on a hash of the bytes
/// (`StableHash`, eight bytes a step): a `Dictionary` of String keys hashed every key
/// with the seeded SipHash, twice for a new key, and the aggregation looks up a key
/// for every figure at every rollup level. Equal hashes are confirmed on the bytes.
struct ByteKeyTable {
    /// Entry number + 1 in each slot; 0 is an empty slot.
    private var slots: [Int32]
    private var mask: Int
    private var hashes: [UInt64] = []
    /// Entry `e`'s bytes are `bytes[starts[e]..<starts[e + 1]]`.
    private var starts: [Int] = [0]
    private var bytes: [UInt8] = []

    init(capacity: Int = 8) {
        var n = 16
        while n < capacity * 2 { n *= 2 }
        slots = [Int32](repeating: 0, count: n)
        mask = n - 1
    }

    var count: Int { hashes.count }

    /// The number of `key`, and whether it was added by this call.
    mutating func number(of key: UnsafeRawBufferPointer) -> (number: Int, isNew: Bool) {
        let (h, slot, found) = look(key)
        if let found { return (found, false) }
        let e = hashes.count
        precondition(e < Int(Int32.max), "ByteKeyTable is full")
        slots[slot] = Int32(e + 1)
        hashes.append(h)
        if let base = key.baseAddress { bytes.append(contentsOf: UnsafeRawBufferPointer(start: base, count: key.count)) }
        starts.append(bytes.count)
        if hashes.count * 2 > slots.count { grow() }
        return (e, true)
    }

    /// The number of `key` if it was added, without adding it.
    func find(_ key: UnsafeRawBufferPointer) -> Int? { look(key).found }

    /// The key's hash, and its entry, or else the empty slot where it would go.
    @inline(__always)
    private func look(_ key: UnsafeRawBufferPointer) -> (hash: UInt64, slot: Int, found: Int?) {
        var hasher = StableHash()
        hasher.add(key)
        let h = hasher.value.0
        var i = Int(truncatingIfNeeded: h >> 20) & mask
        while slots[i] != 0 {
            let e = Int(slots[i]) - 1
            if hashes[e] == h && sameBytes(e, key) { return (h, i, e) }
            i = (i + 1) & mask
        }
        return (h, i, nil)
    }

    func find(_ builder: ByteKey.Builder) -> Int? {
        builder.arena.withBytes { find(UnsafeRawBufferPointer($0)) }
    }

    /// `number(of:)` of a key laid out in `builder`.
    mutating func number(of builder: ByteKey.Builder) -> (number: Int, isNew: Bool) {
        builder.arena.withBytes { number(of: UnsafeRawBufferPointer($0)) }
    }

    private func sameBytes(_ e: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let from = starts[e], n = starts[e + 1] - from
        guard n == key.count else { return false }
        return n == 0 || bytes.withUnsafeBytes { memcmp($0.baseAddress! + from, key.baseAddress!, n) == 0 }
    }

    private mutating func grow() {
        let n = slots.count * 2
        slots = [Int32](repeating: 0, count: n)
        mask = n - 1
        for e in hashes.indices {
            var i = Int(truncatingIfNeeded: hashes[e] >> 20) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(e + 1)
        }
    }
}

extension ByteKey {
    /// Lays out a key of several texts for `ByteKeyTable`: each text with its length before
    /// it (so no two lists of texts give the same bytes), and small codes as single bytes.
    /// Reused from key to key: `clear` keeps the storage.
    struct Builder {
        let arena = ByteArena(capacity: 256)

        func clear() { arena.removeAll() }

        @inline(__always)
        func add(_ text: String) {
            ByteString.withUTF8(text) { add(bytes: $0) }
        }

        /// A text given as its bytes.
        @inline(__always)
        func add(bytes: UnsafeRawBufferPointer) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: bytes.count)) { arena.append(raw: $0) }
            arena.append(raw: bytes)
        }

        func add(code: UInt8) { arena.append(code) }
    }
}
