#if canImport(Glibc)
import Glibc
#endif

/// Sort keys laid out as bytes, one after the other, whose byte order is the items' order:
/// texts ended by 0x00 (a shorter text sorts first) and small codes as single bytes. The
/// items are sorted by index, one memcmp a comparison, instead of comparing their fields
/// as strings; a text holding a 0x00 byte would break the layout, so it is noted
/// (`laidOut` turns false) and the caller sorts those items its own way.
struct ByteSortKeys {
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// False once a text held a 0x00 byte: `order` would not be the items' order.
    private(set) var laidOut = true

    /// Room for `count` keys of about `bytesPerKey` bytes.
    init(count: Int, bytesPerKey: Int) {
        bytes.reserveCapacity(count * bytesPerKey)
        starts.reserveCapacity(count + 1)
    }

    /// A text of the key being laid out, and its 0x00 end.
    mutating func add(text: UnsafeRawBufferPointer) {
        if let base = text.baseAddress {
            if memchr(base, 0, text.count) != nil { laidOut = false }
            bytes.append(contentsOf: text)
        }
        bytes.append(0)
    }

    mutating func add(text: String) { ByteString.withUTF8(text) { add(text: $0) } }

    /// A byte of the key being laid out (a level's rank, say), with no end.
    mutating func add(code: UInt8) { bytes.append(code) }

    /// Bytes of the key being laid out, with no end: a last field, which nothing follows.
    mutating func add(last: String) { ByteString.withUTF8(last) { bytes.append(contentsOf: $0) } }

    /// Ends the key being laid out; keys are numbered 0, 1, 2… as they are ended.
    mutating func endKey() { starts.append(bytes.count) }

    /// The keys' numbers in the byte order of the keys.
    /// The comparison reads both lists through pointers: through the arrays, each comparison
    /// checked four indices and retained the list of starts.
    func order() -> [Int] {
        guard !bytes.isEmpty else { return Array(0..<(starts.count - 1)) }
        return bytes.withUnsafeBufferPointer { f in
            starts.withUnsafeBufferPointer { s in
                let base = f.baseAddress!, at = s.baseAddress!
                return (0..<(s.count - 1)).sorted { a, b in
                    let sa = at[a], sb = at[b]
                    let la = at[a &+ 1] &- sa, lb = at[b &+ 1] &- sb
                    let c = memcmp(base + sa, base + sb, min(la, lb))
                    return c != 0 ? c < 0 : la < lb
                }
            }
        }
    }
}
