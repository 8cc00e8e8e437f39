#if canImport(Glibc)
import Glibc
#endif

/// One `String` per distinct text read from bytes: a month's figures name the same pages,
/// places and metrics over and over, and each was validated and allocated anew every time
/// it was read back. Texts short enough to live inside a String (15 bytes) are simply made.
/// A hash collision is caught by comparing the bytes; the text then gets a String of its own.
struct TextInterner {
    private var index = HashIndex()
    private var strings: [String] = []

    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        var hash = StableHash()
        hash.add(bytes)
        let key = Int(truncatingIfNeeded: hash.value.0)
        if let i = index[key] {
            if TextInterner.equal(strings[i], bytes) { return strings[i] }
            return String(decoding: bytes, as: UTF8.self)
        }
        let s = String(decoding: bytes, as: UTF8.self)
        index.set(key, strings.count)
        strings.append(s)
        return s
    }

    private static func equal(_ s: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var copy = s
        return copy.withUTF8 { u in u.count == bytes.count && memcmp(u.baseAddress!, bytes.baseAddress!, u.count) == 0 }
    }
}
