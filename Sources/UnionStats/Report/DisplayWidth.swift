/// Columns a string takes in a terminal or a mail client's fixed-width font,
/// after Unicode UAX #11 (East Asian Width):
///
/// - East Asian Wide (W) and Fullwidth (F): 2 columns (汉字, かな, 한글, ，（）％１);
/// - emoji with default emoji presentation (😀, ✅): 2;
/// - combining marks (Mn, Me), format characters (Cf: zero-width space and
///   joiner, BOM, soft hyphen) and control characters: 0;
/// - everything else, including Halfwidth (ｶﾀｶﾅ) and **Ambiguous** characters
///   (· “ ” ※ ° ×): 1. Ambiguous characters are one column in terminals and
///   mail clients outside CJK locales, which is where these reports are read
///   most; in a CJK-locale terminal such a line may be off by one column.
///
/// Widths are summed per scalar, so an emoji ZWJ sequence counts each emoji.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        if let width = s.utf8.withContiguousStorageIfAvailable({ of(utf8: $0) }) { return width }
        var width = 0
        for scalar in s.unicodeScalars { width += of(scalar) }
        return width
    }

    /// The width of valid UTF-8, decoded here: report cells are measured in the
    /// byte buffer they are written to, and ASCII needs no decoding at all.
    public static func of(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var width = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                // Printable ASCII (0x20–0x7E) is one column, control characters none.
                width &+= (b &- 0x20) < 0x5F ? 1 : 0
                i &+= 1
                continue
            }
            // 汉字 (U+4E00–U+9FFF) from the lead byte, not decoded: E5–E9 lead U+5000–U+9FFF,
            // E4 with a second byte from B8 U+4E00–U+4FFF. Most of a report's text.
            if (b &- 0xE5) < 5 || (b == 0xE4 && i &+ 1 < n && bytes[i &+ 1] >= 0xB8) {
                width &+= 2
                i &+= 3
                continue
            }
            var v: UInt32
            if b < 0xE0 {
                v = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if b < 0xF0 {
                v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
                // 汉字, inline: most of a report's text.
                if v >= 0x4E00 && v <= 0x9FFF { width += 2; continue }
            } else {
                v = UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                    | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                i += 4
            }
            // Valid UTF-8 always decodes to a scalar.
            if let scalar = Unicode.Scalar(v) { width += of(scalar) }
        }
        return width
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        // Fast path for the bulk of a Chinese report (Unicode property look-ups are slow).
        if (0x4E00...0x9FFF).contains(v) || (0x3001...0x303E).contains(v) || (0xFF01...0xFF60).contains(v) { return 2 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (EastAsianWidth.txt, merged over
    /// unassigned gaps inside the CJK blocks; emoji are handled apart).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// `s` with spaces before it up to `width` columns (numbers: right-aligned).
    public static func padLeft(_ s: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(s))) + s
    }

    /// `s` with spaces after it up to `width` columns (text: left-aligned).
    public static func padRight(_ s: String, to width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - of(s)))
    }
}
