/// UTF-8 of one scalar value, both ways, for the hot loops that build strings
/// straight into their storage and decode without `String` iteration. One copy,
/// shared by extract (lines, bigrams) and normalize (scalar text).
enum UTF8Coding {
    /// Where the `n`-th scalar of valid UTF-8 `buf` starts (its count when it has `n` or fewer):
    /// at the `n`-th byte that is not a continuation byte.
    static func byteOffset(ofScalar n: Int, in buf: UnsafeBufferPointer<UInt8>) -> Int {
        var seen = 0, cut = 0
        while cut < buf.count {
            if buf[cut] & 0xC0 != 0x80 {
                if seen == n { break }
                seen += 1
            }
            cut += 1
        }
        return cut
    }

    /// Writes `v` at `out[n...]` and returns the index after it; `out` must have room for 4 bytes.
    @inline(__always)
    static func encode(_ v: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at n: Int) -> Int {
        if v < 0x80 {
            out[n] = UInt8(v)
            return n + 1
        } else if v < 0x800 {
            out[n] = UInt8(0xC0 | (v >> 6)); out[n + 1] = UInt8(0x80 | (v & 0x3F))
            return n + 2
        } else if v < 0x10000 {
            out[n] = UInt8(0xE0 | (v >> 12)); out[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            out[n + 2] = UInt8(0x80 | (v & 0x3F))
            return n + 3
        } else {
            out[n] = UInt8(0xF0 | (v >> 18)); out[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            out[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 3] = UInt8(0x80 | (v & 0x3F))
            return n + 4
        }
    }

    /// The scalar value starting at `bytes[i]` of valid UTF-8 (as a Swift String holds it) and the index after it.
    @inline(__always)
    static func decode<Bytes: RandomAccessCollection>(_ bytes: Bytes, at i: Int) -> (value: UInt32, next: Int)
        where Bytes.Element == UInt8, Bytes.Index == Int {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 {
            return (b0, i + 1)
        } else if b0 < 0xE0 {
            return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), i + 2)
        } else if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), i + 3)
        } else {
            return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F), i + 4)
        }
    }

    /// A String of `bytes`, which must be valid UTF-8 (a String's, checked by the caller, or
    /// encoded from scalars): copied without the validation every other way of making a String
    /// from bytes runs. `isASCII` must be exact (it is kept in the String's flags).
    @inline(__always)
    static func string(validated bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        guard !bytes.isEmpty else { return "" }
        // UTF8Span is in Swift 6.2's standard library; on Apple platforms it needs their 2025 releases.
        if #available(macOS 26.0, iOS 26.0, *) {
            return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The scalars as a String: encoded into `scratch`, which must have room for 4 bytes a scalar,
    /// and copied from there without validation (scalars always make valid UTF-8).
    static func string(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, encodingInto scratch: UnsafeMutablePointer<UInt8>) -> String {
        let out = UnsafeMutableBufferPointer(start: scratch, count: scalars.count * 4)
        var n = 0
        for s in scalars { n = encode(s.value, into: out, at: n) }
        return string(validated: UnsafeBufferPointer(start: scratch, count: n), isASCII: n == scalars.count)
    }
}
