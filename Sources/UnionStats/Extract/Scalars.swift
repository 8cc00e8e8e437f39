/// Classification of single Unicode scalars for the text-repair and
/// splitting passes. Everything works on `Unicode.Scalar` values (no
/// `Character`, no regular expressions) so that large pages stay fast.
enum Scalars {
    /// CJK ideographs (BMP blocks and Extension A; the supplementary planes
    /// are rare in news text but counted too).
    @inline(__always)
    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x3FFFF).contains(v)
    }

    @inline(__always)
    static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    @inline(__always)
    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value | 0x20
        return v >= 0x61 && v <= 0x7A
    }

    @inline(__always)
    static func isFullwidthDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0xFF10 && s.value <= 0xFF19 }

    /// Spaces a page may carry: ASCII space and tab, no-break space, ideographic space, BOM, zero-width ones.
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        // Fast answers for CJK text (ideographs, punctuation after U+3000) and printable ASCII.
        if v > 0x3000 { return v == 0xFEFF }
        if v > 0x20 && v < 0xA0 { return false }
        switch v {
        case 0x20, 0x09, 0x0B, 0x0C, 0x0D, 0xA0, 0x3000, 0xFEFF, 0x200B, 0x2002...0x200A: return true
        default: return false
        }
    }

    /// Punctuation that ends a sentence.
    @inline(__always)
    static func isSentenceFinal(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0x2026, 0xFF0E: return true  // 。！？!?…．
        default: return false
        }
    }

    /// Closing quotes and brackets that may follow sentence-final punctuation (`说。”`).
    @inline(__always)
    static func isClosing(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x300B, 0x22, 0x27, 0x3011: return true  // ” ’ 」 』 ） ) 》 " ' 】
        default: return false
        }
    }

    /// Punctuation found inside sentences but not in headlines: commas, enumeration comma, semicolons.
    @inline(__always)
    static func isClausePunctuation(_ s: Unicode.Scalar) -> Bool {
        // None lies between 。 (U+3002) and ！ (U+FF01): ideographs and kana are answered by one range test.
        if s.value &- 0x3003 < 0xFF01 - 0x3003 { return false }
        switch s.value {
        case 0xFF0C, 0x3001, 0xFF1B, 0x2C, 0x3B: return true  // ，、；,;
        default: return isSentenceFinal(s)
        }
    }

    /// Non-ASCII punctuation: CJK symbols and punctuation, full-width forms, general punctuation (quotes, dashes).
    @inline(__always)
    static func isWidePunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x3000...0x303F).contains(v) || (0xFF00...0xFF0F).contains(v) || (0xFF1A...0xFF20).contains(v)
            || (0xFF3B...0xFF40).contains(v) || (0xFF5B...0xFF65).contains(v) || (0x2010...0x2027).contains(v)
            || v == 0xB7 || v == 0x25A1
    }

    /// Terminal columns taken by a scalar (UAX #11, simplified: wide and full-width take two;
    /// ambiguous quotes and dashes take two as in Chinese fonts).
    @inline(__always)
    static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return (v == 0xB7) ? 2 : 1 }
        if (0x2010...0x2027).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) || v == 0x25A1 {
            return 2
        }
        return 1
    }

    /// Whether the scalars end a sentence (allowing closing quotes and brackets after the mark).
    static func endsSentence<C: BidirectionalCollection>(_ line: C) -> Bool where C.Element == Unicode.Scalar {
        var i = line.endIndex
        var closers = 0
        while i != line.startIndex {
            i = line.index(before: i)
            let s = line[i]
            if isSpace(s) { continue }
            if isSentenceFinal(s) { return true }
            if isClosing(s) && closers < 3 { closers += 1; continue }
            return false
        }
        return false
    }

    /// The scalars without spaces; a line without spaces comes back as it is (shared, not copied).
    static func withoutSpaces(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let first = line.firstIndex(where: isSpace) else { return line }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(line.count - 1)
        out.append(contentsOf: line[..<first])
        for s in line[first...] where !isSpace(s) { out.append(s) }
        return out
    }

    /// Bytes the UTF-8 encoding of `s` takes.
    @inline(__always)
    static func utf8Length(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        return v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
    }

    /// The scalars `s[lo..<hi]` (clamped) as a String, encoded in a temporary buffer and copied
    /// without validation (encoded scalars are valid UTF-8).
    static func string(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> String {
        let a = Swift.max(0, lo), b = Swift.min(s.count, hi)
        guard a < b else { return "" }
        return s.withUnsafeBufferPointer { buf in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: (b - a) * 4) { out in
                UTF8Coding.string(UnsafeBufferPointer(rebasing: buf[a..<b]), encodingInto: out.baseAddress!)
            }
        }
    }
}
