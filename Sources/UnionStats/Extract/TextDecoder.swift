import Foundation

/// Decodes a page's bytes: strict UTF-8 first (with or without BOM), UTF-16
/// with a BOM, else GB18030 (a superset of GBK and GB2312) when the result
/// looks like Chinese text. Line ends come back as LF.
public enum TextDecoder {
    /// Foundation's GB18030 (`kCFStringEncodingGB_18030_2000`); needs full Foundation on Linux.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Returns the text and the name of the encoding used, or throws a `PageProblem`.
    /// `binaryChecked`: the bytes have passed the binary check already (the one the repair's first pass
    /// makes of a UTF-8 page), and are not checked a second time.
    public static func decode(_ bytes: [UInt8], binaryChecked: Bool = false) throws -> (text: String, encoding: String) {
        if bytes.isEmpty { throw PageProblem(code: "empty", reason: "the file is empty") }
        let (text, encoding) = try decodeRaw(bytes, binaryChecked: binaryChecked)
        let normalized = normalizeLineEnds(text)
        if normalized.unicodeScalars.allSatisfy({ Scalars.isSpace($0) || $0 == "\n" }) {
            throw PageProblem(code: "empty", reason: "the file holds only blank lines or spaces")
        }
        return (normalized, encoding)
    }

    /// The bytes of a page that `decode` would take as UTF-8 just as they are, if it may be UTF-8:
    /// no UTF-16 byte-order mark, and no carriage return or second byte-order mark for
    /// `normalizeLineEnds` to take out. Whether they are valid UTF-8 is the caller's to check; if
    /// not (or for nil) it calls `decode`, which makes the binary check. No binary check here: the
    /// repair's first pass counts the control bytes while it decodes the page (`ControlBytes`) and
    /// judges them as `rejectBinary` does.
    static func plainUTF8(_ bytes: [UInt8]) -> (body: ArraySlice<UInt8>, encoding: String)? {
        guard !bytes.isEmpty, utf16Order(bytes) == nil else { return nil }
        let (body, encoding) = utf8Body(bytes)
        let plain = body.withUnsafeBufferPointer { b in
            b.isEmpty || (memchr(b.baseAddress!, 0x0D, b.count) == nil && !startsWithBOM(b))
        }
        return plain ? (body, encoding) : nil
    }

    /// Whether `bytes` open with a UTF-8 byte-order mark (EF BB BF).
    @inline(__always)
    static func startsWithBOM<C: RandomAccessCollection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard bytes.count >= 3 else { return false }
        let i = bytes.startIndex
        return bytes[i] == 0xEF && bytes[bytes.index(i, offsetBy: 1)] == 0xBB && bytes[bytes.index(i, offsetBy: 2)] == 0xBF
    }

    /// Whether `bytes` open with a UTF-16 byte-order mark: little-endian or not; nil without one.
    static func utf16Order(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) else { return nil }
        return bytes[0] == 0xFF
    }

    /// The bytes after a UTF-8 byte-order mark, if there is one, and the encoding's name.
    static func utf8Body(_ bytes: [UInt8]) -> (ArraySlice<UInt8>, String) {
        if startsWithBOM(bytes) { return (bytes[3...], "utf-8-bom") }
        return (bytes[...], "utf-8")
    }

    static func decodeRaw(_ bytes: [UInt8], binaryChecked: Bool = false) throws -> (String, String) {
        // UTF-16 with a byte-order mark.
        if let little = utf16Order(bytes) {
            return (try decodeUTF16(bytes, little: little), little ? "utf-16le" : "utf-16be")
        }
        let (body, encoding) = utf8Body(bytes)
        if !binaryChecked { try rejectBinary(body) }
        // Fast path: the standard library's validation.
        if let text = String(validating: body, as: UTF8.self) { return (text, encoding) }
        let scan = UTF8Scan(body)
        if scan.invalid == 0 {
            return (String(decoding: body, as: UTF8.self), encoding)
        }
        // A UTF-8 file cut short in the middle of its last character: keep the valid part.
        if scan.firstInvalid >= body.count - 3 && scan.invalid == 1 && scan.truncatedAtEnd {
            return (String(decoding: body[body.startIndex..<(body.startIndex + scan.firstInvalid)], as: UTF8.self), encoding)
        }
        // Mostly UTF-8 with a stray bad byte or two (a damaged copy): still UTF-8, the bad bytes replaced.
        if scan.multibyte >= 20 && scan.invalid * 50 <= scan.multibyte {
            return (String(decoding: body, as: UTF8.self), encoding)
        }
        if encoding == "utf-8-bom" {
            throw PageProblem(code: "undecodable", reason: "the file starts with a UTF-8 byte-order mark but is not valid UTF-8")
        }
        guard let text = GB18030.decode(body) ?? String(data: Data(body), encoding: gb18030) else {
            throw PageProblem(code: "undecodable", reason: "the text is neither UTF-8, UTF-16 nor GB18030/GBK")
        }
        guard looksLikeChinese(text, bytes: body) else {
            throw PageProblem(code: "undecodable", reason: "the text is not UTF-8, and read as GB18030/GBK it gives mostly rare or odd characters")
        }
        return (text, "gb18030")
    }

    /// NUL bytes or many control bytes mean an image, archive or program, not a page of text.
    static func rejectBinary(_ bytes: ArraySlice<UInt8>) throws {
        var found = ControlBytes()
        let sample = bytes.prefix(binarySample)
        sample.withUnsafeBufferPointer { buf in
            // Eight bytes at a time: words whose only bytes below 0x20 are line feeds, and no 0x7F,
            // need no closer look (the byte tests below are exact: no carry crosses a byte).
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080, lows = ~highs
            @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x) & highs }
            var i = 0
            scan: while i < buf.count {
                // Sixteen bytes of multi-byte characters at once.
                if i + 16 <= buf.count {
                    let raw = UnsafeRawPointer(buf.baseAddress! + i)
                    if raw.loadUnaligned(as: UInt64.self) & raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & highs == highs { i += 16; continue }
                }
                if i + 8 <= buf.count {
                    let w = UnsafeRawPointer(buf.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    // Eight bytes of multi-byte characters (most of Chinese text) are no control bytes.
                    if w & highs == highs { i += 8; continue }
                    let below20 = ~(((w & lows) &+ (ones &* 0x60)) | w) & highs
                    let odd = (below20 & ~zeroBytes(w ^ (ones &* 0x0A))) | zeroBytes(w ^ (ones &* 0x7F))
                    if odd == 0 { i += 8; continue }
                }
                let end = min(i + 8, buf.count)
                // The bytes of a word that may hold one, counted by the rule the repair's first pass uses.
                for b in buf[i..<end] {
                    found.add(b)
                    if found.nul { break scan }
                }
                i = end
            }
        }
        try reject(found, sampleCount: sample.count)
    }

    /// How many bytes from the start of a page the binary check reads.
    static let binarySample = 1 << 20

    /// The verdict on the control bytes of a page's first `sampleCount` bytes (at most `binarySample`).
    static func reject(_ found: ControlBytes, sampleCount: Int) throws {
        if found.nul {
            throw PageProblem(code: "binary", reason: "the file contains NUL bytes: it is binary (or UTF-16 without a byte-order mark), not a text page")
        }
        if found.controls > 8 && found.controls * 100 > sampleCount * 2 {
            throw PageProblem(code: "binary", reason: "the file is full of control bytes: it looks like an image, archive or program, not a text page")
        }
    }

    /// Transcodes UTF-16 after its byte-order mark straight to UTF-8: each ill-formed unit (a lone
    /// surrogate) becomes one U+FFFD, as the standard library's UTF-16 parser makes it.
    static func decodeUTF16(_ bytes: [UInt8], little: Bool) throws -> String {
        let units = max(0, (bytes.count - 2) / 2)
        var bad = 0
        var controls = 0
        var scalars = 0
        // Three bytes a unit at most: a pair of units makes four.
        let utf8 = bytes.withUnsafeBufferPointer { b in
            [UInt8](unsafeUninitializedCapacity: units * 3) { out, made in
                @inline(__always) func unit(_ i: Int) -> UInt32 {
                    let x = UInt32(b[i]), y = UInt32(b[i + 1])
                    return little ? x | y << 8 : x << 8 | y
                }
                var i = 2, n = 0
                while i + 1 < b.count {
                    var v = unit(i)
                    i += 2
                    if v & 0xF800 == 0xD800 {
                        if v < 0xDC00, i + 1 < b.count, case let w = unit(i), w & 0xFC00 == 0xDC00 {
                            v = 0x10000 + ((v - 0xD800) << 10) + (w - 0xDC00)
                            i += 2
                        } else {
                            bad += 1
                            v = 0xFFFD
                        }
                    } else if v == 0 || (v < 0x20 && v != 0x0A && v != 0x0D && v != 0x09 && v != 0x0C) {
                        controls += 1
                    }
                    n = UTF8Coding.encode(v, into: out, at: n)
                    scalars += 1
                }
                made = n
            }
        }
        let n = max(units, 1)
        if controls * 100 > n * 2 && controls > 8 {
            throw PageProblem(code: "binary", reason: "the file has a UTF-16 byte-order mark but holds control characters: it is not a text page")
        }
        if bad * 100 > n {
            throw PageProblem(code: "undecodable", reason: "the file has a UTF-16 byte-order mark but is not valid UTF-16")
        }
        return utf8.withUnsafeBufferPointer { UTF8Coding.string(validated: $0, isASCII: $0.count == scalars) }
    }

    /// Counts of a strict UTF-8 validation pass, as far as they can tell `decodeRaw` anything.
    struct UTF8Scan {
        var invalid = 0
        var multibyte = 0
        var firstInvalid = -1
        var truncatedAtEnd = false

        /// `stoppingEarly: false` counts the whole page (what the tests hold the early stop to).
        init(_ bytes: ArraySlice<UInt8>, stoppingEarly: Bool = true) {
            let base = bytes.startIndex
            let n = bytes.count
            var i = 0
            while i < n {
                let b0 = bytes[base + i]
                if b0 < 0x80 { i += 1; continue }
                let lead = UTF8Lead.expectation(b0)
                let need = lead?.need ?? -1
                let lo = lead?.lo ?? 0x80, hi = lead?.hi ?? 0xBF
                var ok = need > 0
                var k = 1
                if ok {
                    while k <= need {
                        if i + k >= n { ok = false; if firstInvalid < 0 { truncatedAtEnd = true }; break }
                        let b = bytes[base + i + k]
                        if k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF) { ok = false; break }
                        k += 1
                    }
                }
                if ok {
                    multibyte += 1
                    i += need + 1
                } else {
                    if firstInvalid < 0 { firstInvalid = i }
                    invalid += 1
                    i += max(1, k)
                    // Stop once the page can be neither cut short nor mostly UTF-8 (each character to come
                    // takes two bytes at least): the counts then fail every test `decodeRaw` puts them to.
                    if stoppingEarly && invalid >= 2 && invalid * 50 > multibyte + (n - i) / 2 { return }
                }
            }
        }
    }

    /// After a GB18030 decode: most scalars must be Chinese ideographs, CJK or
    /// ASCII punctuation, letters and digits, and the two-byte characters mostly
    /// from GB2312's common range (random bytes also decode, to rare characters).
    static func looksLikeChinese(_ text: String, bytes: ArraySlice<UInt8>) -> Bool {
        var good = 0, total = 0, ideographs = 0
        var copy = text
        copy.withUTF8 { utf8 in
            // Decoded straight from the UTF-8, not through the generic scalar view.
            for s in UTF8Scalars(utf8) {
                total += 1
                let v = s.value
                if v < 0x80 {
                    if v >= 0x20 || s == "\n" || s == "\r" || s == "\t" { good += 1 }
                } else if Scalars.isIdeograph(s) {
                    good += 1; ideographs += 1
                } else if Scalars.isWidePunctuation(s) || (0xFF10...0xFF5A).contains(v) || (0x2460...0x24FF).contains(v)
                            || (0x2160...0x217F).contains(v) || v == 0xB0 || v == 0xD7 || v == 0xF7 || (0x25A0...0x25FF).contains(v) {
                    good += 1
                }
            }
        }
        guard total > 0 else { return false }
        if good * 100 < total * 90 { return false }
        // Share of two-byte sequences in GB2312's ideograph rows (lead B0–F7, trail A1–FE).
        var pairs = 0, common = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b >= 0x81 && b <= 0xFE && i + 1 < bytes.endIndex {
                let t = bytes[i + 1]
                if t >= 0x30 && t <= 0x39 { i += 4; pairs += 1; continue }  // four-byte GB18030
                pairs += 1
                if b >= 0xA1 && b <= 0xF7 && t >= 0xA1 && t <= 0xFE { common += 1 }
                i += 2
            } else {
                i += 1
            }
        }
        if pairs >= 10 && common * 100 < pairs * 60 { return false }
        return ideographs > 0 || good == total
    }

    static func normalizeLineEnds(_ text: String) -> String {
        var probe = text
        let hasCR = probe.withUTF8 { $0.isEmpty ? false : memchr($0.baseAddress!, 0x0D, $0.count) != nil }
        guard hasCR || text.unicodeScalars.first == "\u{FEFF}" else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for b in text.utf8 {
            if b == 0x0D { out.append(0x0A); previousCR = true; continue }
            if b == 0x0A && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(b)
        }
        // A BOM left at the start of the decoded text (UTF-16 and GB18030 files may carry one).
        if startsWithBOM(out) { out.removeFirst(3) }
        return String(decoding: out, as: UTF8.self)
    }
}
