/// A byte of class bits for each scalar below U+10000, for loops that ask several sets of every
/// scalar they pass: one load from a table read by pointer (taken once per scan), where asking
/// each set cost a bitmap test and a `swift_once` per set. Allocated once, never freed.
enum ScalarClasses {
    /// The table with `bit` set at each member below U+10000 of its set (marked from the members:
    /// asking every scalar of each set cost more than the scans it saves).
    static func table(_ sets: [(ScalarSet, UInt8)]) -> UnsafePointer<UInt8> {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        table.initialize(repeating: 0, count: 0x10000)
        for (set, bit) in sets {
            for v in set.bmpMembers { table[Int(v)] |= bit }
        }
        return UnsafePointer(table)
    }

    /// The bits of the sets holding `c`, asked of the sets (the table's source, and the answer past U+FFFF).
    static func bySets(_ c: Unicode.Scalar, _ sets: [(ScalarSet, UInt8)]) -> UInt8 {
        var bits: UInt8 = 0
        for (set, bit) in sets where set.contains(c) { bits |= bit }
        return bits
    }
}
