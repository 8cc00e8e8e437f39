/// A small map from scalars to array indexes: open addressing with a
/// multiplicative hash, so a lookup is a multiply and a probe or two instead
/// of `Hasher` (SipHash) as in `[Unicode.Scalar: …]`.
struct ScalarTable: Sendable {
    private static let empty = UInt32.max
    private var keys: [UInt32]
    private var values: [Int32]
    private let shift: UInt32

    /// `scalars[i]` maps to `i`; a repeated scalar keeps its first index.
    init(_ scalars: [Unicode.Scalar]) {
        var bits: UInt32 = 4
        while (1 << bits) < scalars.count * 4 { bits += 1 }
        shift = 32 - bits
        keys = [UInt32](repeating: ScalarTable.empty, count: 1 << bits)
        values = [Int32](repeating: -1, count: 1 << bits)
        let mask = (1 << Int(bits)) - 1
        for (i, c) in scalars.enumerated() {
            var k = ScalarTable.slot(c.value, shift)
            while keys[k] != ScalarTable.empty, keys[k] != c.value { k = (k + 1) & mask }
            if keys[k] == ScalarTable.empty { keys[k] = c.value; values[k] = Int32(i) }
        }
    }

    @inline(__always)
    private static func slot(_ v: UInt32, _ shift: UInt32) -> Int { Int((v &* 0x9E37_79B1) >> shift) }

    /// The index of `c`, or nil.
    @inline(__always)
    func index(of c: Unicode.Scalar) -> Int? {
        let mask = keys.count - 1
        var k = ScalarTable.slot(c.value, shift)
        while true {
            let key = keys[k]
            if key == c.value { return Int(values[k]) }
            if key == ScalarTable.empty { return nil }
            k = (k + 1) & mask
        }
    }
}

/// A dictionary from scalars to values for the tables read at nearly every scalar (word
/// lists by first or last scalar, the scanner's measure words): a bitmap test rejects
/// most scalars, the rest cost one `ScalarTable` probe, never a SipHash of the scalar.
struct ScalarMap<Value: Sendable>: Sendable {
    private let keys: ScalarSet
    private let table: ScalarTable
    private let values: [Value]

    init(_ dictionary: [Unicode.Scalar: Value]) {
        let order = Array(dictionary.keys)
        keys = ScalarSet(order)
        table = ScalarTable(order)
        values = order.map { dictionary[$0]! }
    }

    /// Values grouped by a scalar of each, each group in the order of `items`.
    init<Item>(grouping items: [Item], by key: (Item) -> Unicode.Scalar) where Value == [Item] {
        var groups: [Unicode.Scalar: [Item]] = [:]
        for item in items { groups[key(item), default: []].append(item) }
        self.init(groups)
    }

    @inline(__always)
    func contains(_ c: Unicode.Scalar) -> Bool { keys.contains(c) }

    @inline(__always)
    subscript(_ c: Unicode.Scalar) -> Value? {
        guard keys.contains(c), let i = table.index(of: c) else { return nil }
        return values[i]
    }
}
