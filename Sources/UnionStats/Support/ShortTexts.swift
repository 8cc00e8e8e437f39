/// Strings of short texts (at most 15 bytes, what a String holds inline) made once per
/// distinct bytes: the months read back a few thousand distinct units, dates, codes and month
/// names a hundred thousand times, and `String(decoding:)` validated each again (about 250
/// instructions for a few bytes). A text's bytes, zero-padded, and its length are two words,
/// compared as such; the table is direct-mapped (a text that collides with another replaces it
/// and is made again when met next), so its size is fixed and a look-up never probes.
struct ShortTexts {
    /// The longest text kept: a String of up to 15 UTF-8 bytes is stored inline.
    static let maxLength = 15
    private static let bits = 12
    /// Each slot's text as two words: bytes 0–7, then 8–14 with the length in the top byte.
    /// Empty slots have 0xFF there, which no length ≤ 15 gives.
    private var keys: [(UInt64, UInt64)]
    private var strings: [String]
    /// How many texts were made rather than found (for the tests).
    private(set) var made = 0

    init() {
        keys = [(UInt64, UInt64)](repeating: (0, UInt64.max), count: 1 << ShortTexts.bits)
        strings = [String](repeating: "", count: 1 << ShortTexts.bits)
    }

    /// A table with no slots, which holds the place of one handed on; not for look-ups.
    private init(placeholder: Void) {
        keys = []
        strings = []
    }
    static var placeholder: ShortTexts { ShortTexts(placeholder: ()) }
    var isPlaceholder: Bool { keys.isEmpty }

    /// `String(decoding:as: UTF8.self)` of the `count` bytes at `p`, `count` ≤ `maxLength`.
    /// `canReadSixteen`: the 16 bytes from `p` may be read (the text is not at the end of its buffer),
    /// so the words are loaded and masked instead of copied byte by byte.
    @inline(__always)
    mutating func string(at p: UnsafeRawPointer, count: Int, canReadSixteen: Bool) -> String {
        precondition(count <= ShortTexts.maxLength, "ShortTexts of a long text")
        var key: (UInt64, UInt64) = (0, 0)
        #if _endian(little)
        let loaded = canReadSixteen
        #else
        let loaded = false
        #endif
        if loaded {
            let w0 = p.loadUnaligned(as: UInt64.self), w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            // The bytes past the text are masked off (byte k is bits 8k… of its word).
            if count < 8 {
                key.0 = count == 0 ? 0 : w0 & (UInt64.max >> UInt64(64 - 8 * count))
            } else {
                key.0 = w0
                key.1 = count == 8 ? 0 : w1 & (UInt64.max >> UInt64(64 - 8 * (count - 8)))
            }
            key.1 |= UInt64(count) << 56
        } else {
            withUnsafeMutableBytes(of: &key) { k in
                k.baseAddress!.copyMemory(from: p, byteCount: count)
                k[15] = UInt8(truncatingIfNeeded: count)
            }
        }
        let h = (key.0 &* 0x9E37_79B9_7F4A_7C15) ^ (key.1 &* 0xC2B2_AE3D_27D4_EB4F)
        let slot = Int(truncatingIfNeeded: (h ^ (h >> 29)) >> UInt64(64 - ShortTexts.bits))
        if keys[slot] == key { return strings[slot] }
        let text = String(decoding: UnsafeRawBufferPointer(start: p, count: count), as: UTF8.self)
        keys[slot] = key
        strings[slot] = text
        made += 1
        return text
    }

    /// `string(at:count:canReadSixteen:)` of `bytes`, copied.
    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
        var none: UInt8 = 0
        return withUnsafePointer(to: &none) {
            string(at: bytes.baseAddress ?? UnsafeRawPointer($0), count: bytes.count, canReadSixteen: false)
        }
    }
}
