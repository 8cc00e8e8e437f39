/// One `String` per distinct text read from bytes: a month's figures name the same pages,
/// places and metrics over and over, and each was validated and allocated anew every time
/// it was read back. Texts short enough to live inside a String (15 bytes) are simply made.
struct TextInterner {
    private var table = ByteKeyTable()
    private var strings: [String] = []

    /// How many texts it holds.
    var count: Int { strings.count }

    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        let (n, isNew) = table.number(of: bytes)
        if isNew { strings.append(String(decoding: bytes, as: UTF8.self)) }
        return strings[n]
    }
}
