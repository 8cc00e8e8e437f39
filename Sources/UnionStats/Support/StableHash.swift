/// A 128-bit hash that comes out the same in every process (the standard
/// library's `Hasher` is seeded per process), for caches that must tell across
/// runs whether their input changed. Fast on long inputs (8 bytes a step);
/// not meant to resist someone crafting collisions.
public struct StableHash: Hashable, Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0

    public init() {}

    /// The hash of one text.
    public init(_ text: String) { add(text) }

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            for k in 0..<(n - i) { tail |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            mix(tail ^ (UInt64(n - i) << 59))
        }
        length &+= UInt64(n)
    }

    public mutating func add(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { add($0) }
    }

    public mutating func add(_ text: String) {
        var t = text
        t.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        mix(0xFF)   // an end mark, so that ("ab", "c") and ("a", "bc") differ
        length &+= 1
    }

    /// A length (a field's, say), so that moving bytes from one field to the next changes the hash.
    public mutating func add(count: Int) {
        mix(UInt64(truncatingIfNeeded: count) ^ 0xA076_1D64_78BD_642F)
        length &+= 1
    }

    /// Another hash's value (a row's, into its month's).
    public mutating func add(_ other: StableHash) {
        let (x, y) = other.value
        mix(x)
        mix(y)
        length &+= 16
    }

    @inline(__always)
    private mutating func mix(_ w: UInt64) {
        a = ((a ^ w) &* 0x0000_0100_0000_01B3)
        a = (a << 29) | (a >> 35)
        b = (b &+ w) &* 0xFF51_AFD7_ED55_8CCD
        b ^= b >> 31
    }

    /// The two halves, with the length folded in.
    public var value: (UInt64, UInt64) {
        var x = a ^ (length &* 0x9E37_79B9_7F4A_7C15), y = b ^ length
        x ^= x >> 33; x = x &* 0xC4CE_B9FE_1A85_EC53; x ^= x >> 33
        y ^= y >> 29; y = y &* 0xFF51_AFD7_ED55_8CCD; y ^= y >> 32
        return (x, y)
    }

    /// 32 hex digits.
    public var hex: String {
        let (x, y) = value
        func pad(_ v: UInt64) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 16 - s.count) + s }
        return pad(x) + pad(y)
    }
}
