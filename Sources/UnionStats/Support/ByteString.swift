#if canImport(Glibc)
import Glibc
#endif

/// Byte-wise equality and hashing of strings for the keys of hot tables.
///
/// `String`'s own `==` and `hash(into:)` compare and hash by canonical
/// equivalence, which normalizes non-ASCII text on every call; for CJK keys
/// that was a large share of aggregation. All text here comes from the same
/// UTF-8 pipeline, so equal text is equal bytes, and byte order is the order
/// every table is sorted in (`TableSort`).
enum ByteString {
    /// Calls `body` with `s`'s UTF-8 bytes: its own storage when contiguous (every native
    /// string), else a native copy's. The one way the encoders here read a string's bytes.
    @inline(__always)
    static func withUTF8<R>(_ s: String, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let r = try s.utf8.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) { return r }
        var copy = s
        return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// Whether two texts are the same String value (a page's figures share their page's texts):
    /// its bits are, for a small string, its bytes and count, for a large one its storage, so
    /// equal bits are equal bytes. Equal texts made apart are not the same; `==` would not do
    /// either (it equates canonically equivalent texts of different bytes).
    @inline(__always)
    static func sameValue(_ a: String, _ b: String) -> Bool {
        unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
    }

    /// `sameValue` of the Strings stored at `a` and `b` (fields of two values, read in place:
    /// loading the Strings out retained and released them).
    @inline(__always)
    static func sameValue(at a: UnsafeRawPointer, _ b: UnsafeRawPointer) -> Bool {
        a.loadUnaligned(as: (UInt64, UInt64).self) == b.loadUnaligned(as: (UInt64, UInt64).self)
    }

    /// Whether the bytes are equal: at once when the texts are the same String (`sameValue`), as
    /// a page's figures, read back or spilled, share their page's texts; else by length and bytes.
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        sameValue(a, b) || (a.utf8.count == b.utf8.count && compare(a, b) == 0)
    }

    /// Whether two runs of bytes are equal.
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// Byte order: negative when `a` sorts first, 0 when the bytes are equal.
    @inline(__always)
    static func compare(_ a: String, _ b: String) -> Int {
        // memcmp on native storage; bridged strings (none here in practice) go byte by byte.
        let r = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Int in
                let n = Swift.min(x.count, y.count)
                let c = n == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, n))
                return c != 0 ? c : x.count - y.count
            }
        }
        if let r, let r { return r }
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// Whether `s`'s bytes start with `p`'s.
    static func hasPrefix(_ s: String, _ p: String) -> Bool {
        let m = p.utf8.count
        return m <= s.utf8.count && bytesEqual(s, at: 0, p)
    }

    /// Whether `s`'s bytes end with `p`'s (reversed UTF-8 views step a byte per call).
    static func hasSuffix(_ s: String, _ p: String) -> Bool {
        let n = s.utf8.count, m = p.utf8.count
        return m <= n && bytesEqual(s, at: n - m, p)
    }

    /// Whether the bytes of `s` from `offset` on start with those of `p` (which must fit).
    private static func bytesEqual(_ s: String, at offset: Int, _ p: String) -> Bool {
        let m = p.utf8.count
        if m == 0 { return true }
        var a = s, b = p
        return a.withUTF8 { x in b.withUTF8 { y in memcmp(x.baseAddress! + offset, y.baseAddress!, m) == 0 } }
    }

    @inline(__always)
    static func hash(_ s: String, into hasher: inout Hasher) {
        let u = s.utf8
        hasher.combine(u.count)
        if u.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            for b in u { hasher.combine(b) }
        }
    }
}

/// A string as a key compared and hashed by bytes (a region path, a unit, a doc name).
struct ByteKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ByteKey, b: ByteKey) -> Bool { ByteString.equal(a.text, b.text) }

    func hash(into hasher: inout Hasher) { ByteString.hash(text, into: &hasher) }

    static func less(_ a: ByteKey, _ b: ByteKey) -> Bool { TableSort.less(a.text, b.text) }
}

/// Two strings as one key, compared and hashed by bytes (region path and code,
/// metric and unit), ordered by the first, then the second.
struct ByteStringPair: Hashable {
    var first: String
    var second: String

    init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }

    static func == (a: ByteStringPair, b: ByteStringPair) -> Bool {
        ByteString.equal(a.first, b.first) && ByteString.equal(a.second, b.second)
    }

    func hash(into hasher: inout Hasher) {
        ByteString.hash(first, into: &hasher)
        ByteString.hash(second, into: &hasher)
    }

    static func less(_ a: ByteStringPair, _ b: ByteStringPair) -> Bool {
        ByteString.equal(a.first, b.first) ? TableSort.less(a.second, b.second) : TableSort.less(a.first, b.first)
    }
}
