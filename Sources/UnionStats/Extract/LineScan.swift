/// What one pass over a line's scalars tells the repair: its width, and the marks that the
/// furniture test, the jump-marker search and the line features look for. Computed once a
/// line, while it is decoded, so that none of those scans the line again; most lines are
/// decided by it alone.
struct LineScan {
    /// Terminal columns (`Scalars.width`).
    var width = 0
    /// ASCII and full-width digits.
    var digits = 0
    var spaceCount = 0
    /// Clause punctuation (`Scalars.isClausePunctuation`): counted, as a parallel heading has exactly one.
    var clauses = 0
    var slash = false
    /// 。: a sentence, never furniture.
    var fullStop = false
    /// ，
    var comma = false
    /// What names a footer's field or carries its mark: `:` `：` `©` `备` `C` `c`.
    var colon = false
    /// `(` `（` `【` `[`: a jump marker may open here.
    var jumpOpener = false

    var spaces: Bool { spaceCount > 0 }
    var clause: Bool { clauses > 0 }

    init() {}

    init(_ line: UnsafeBufferPointer<Unicode.Scalar>) {
        let table = LineScan.table
        for s in line { add(s, table) }
    }

    @inline(__always)
    mutating func add(_ s: Unicode.Scalar, _ table: UnsafePointer<UInt8>) {
        let v = s.value
        // Common ideographs, most of a line: two columns, and none of the marks but 备.
        if v &- 0x4E00 < 0x5200 {
            width &+= 2
            if v == 0x5907 { colon = true }
            return
        }
        addOther(s, table)
    }

    /// What `addComputed` learns of each scalar of the Basic Multilingual Plane, a byte each:
    /// its width (bits 0–1), whether it is clause punctuation (bit 2), a space (3), a digit (4),
    /// and whether it sets one of the flags (bit 5). Made once from `addComputed` itself; the
    /// bytes are held by pointer and never freed, as `ScalarBitmap`'s.
    static let table: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        // The common ideographs are two columns wide and nothing else (the test of the table
        // holds them to `addComputed` too); the rest is computed.
        (t + 0x4E00).initialize(repeating: 2, count: 0xA000 - 0x4E00)
        for v in 0..<UInt32(0x10000) where v &- 0x4E00 >= 0xA000 - 0x4E00 {
            // Surrogates are no scalars: valid UTF-8 never gives them (a check marks them invalid).
            guard let s = Unicode.Scalar(v) else { t[Int(v)] = 1; continue }
            var one = LineScan()
            one.addComputed(s)
            var e = UInt8(one.width)
            if one.clauses > 0 { e |= 4 }
            if one.spaceCount > 0 { e |= 8 }
            if one.digits > 0 { e |= 16 }
            if one.slash || one.fullStop || one.comma || one.colon || one.jumpOpener { e |= 32 }
            t[Int(v)] = e
        }
        return UnsafePointer(t)
    }()

    /// `addComputed`, read from `table` (`LineScan.table`, loaded once by the caller's loop) for
    /// the plane's scalars: a load and three adds instead of a call and the tests one by one.
    @inline(__always)
    mutating func addOther(_ s: Unicode.Scalar, _ table: UnsafePointer<UInt8>) {
        let v = s.value
        guard v < 0x10000 else { return addComputed(s) }
        let e = Int(table[Int(v)])
        width &+= e & 3
        clauses &+= (e >> 2) & 1
        spaceCount &+= (e >> 3) & 1
        digits &+= (e >> 4) & 1
        if e & 32 != 0 { addFlags(v) }
    }

    /// The scan of one scalar, each test made (what `table` holds for the plane).
    mutating func addComputed(_ s: Unicode.Scalar) {
        let v = s.value
        width += Scalars.width(s)
        if Scalars.isClausePunctuation(s) { clauses += 1 }
        if Scalars.isSpace(s) { spaceCount += 1 }
        if PageFurniture.digitValue(s) != nil { digits += 1 }
        addFlags(v)
    }

    /// The flags a scalar `v` sets.
    @inline(__always)
    mutating func addFlags(_ v: UInt32) {
        switch v {
        case 0x2F: slash = true                                        // /
        case 0x3002: fullStop = true                                   // 。
        case 0xFF0C: comma = true                                      // ，
        case 0x3A, 0xFF1A, 0xA9, 0x43, 0x63: colon = true              // : ： © C c
        case 0x28, 0xFF08, 0x3010, 0x5B: jumpOpener = true             // ( （ 【 [
        default: break
        }
    }

    /// The scan once the space `s` is trimmed off the line (spaces count for nothing else).
    mutating func remove(space s: Unicode.Scalar) {
        width -= Scalars.width(s)
        spaceCount -= 1
    }

    /// Decodes the valid UTF-8 `bytes[range]` (as a Swift String holds it) to `out`, which must
    /// have room for a scalar a byte, and scans it on the way; returns how many scalars it wrote.
    /// `table` is `LineScan.table`, loaded by the caller once for many lines (a lazy global's check costs a call).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: UnsafeMutablePointer<Unicode.Scalar>,
                       scan: inout LineScan, table: UnsafePointer<UInt8> = LineScan.table) -> Int {
        var unread = ControlBytes()
        return decodeChecking(bytes, range, into: out, scan: &scan, controls: &unread, table: table).count
    }

    /// `decode`, also telling whether `bytes[range]` are valid UTF-8 (RFC 3629, as `String(validating:)`
    /// judges): a page read as UTF-8 is checked here instead of by a pass of its own. On invalid bytes
    /// the scalars and the scan mean nothing, and a character cut off at the end of the range is read
    /// on past it (up to three bytes), which the caller must allow. Its control bytes are added to
    /// `controls` (they are ASCII: the binary check costs the ideographs nothing). Written for Chinese text: a
    /// three-byte character is tested for first, and a common ideograph costs a width, a test for 备
    /// and the check of its two continuation bytes (the loop's state stays in registers).
    @inline(__always)
    static func decodeChecking(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: UnsafeMutablePointer<Unicode.Scalar>,
                               scan: inout LineScan, controls: inout ControlBytes,
                               table: UnsafePointer<UInt8> = LineScan.table) -> (count: Int, valid: Bool) {
        guard !range.isEmpty else { return (0, true) }
        var p = bytes.baseAddress! + range.lowerBound
        let end = bytes.baseAddress! + range.upperBound
        var q = out
        var width = 0, bei = false
        var other = LineScan()
        // Continuation bytes xor 0x80, or-ed together (those of three-byte characters in pairs, the
        // second in the high byte): a top bit set in either byte is a byte that is not 10xxxxxx.
        var continuation: UInt32 = 0
        // A lead byte UTF-8 does not use, an overlong form, a surrogate or a value past U+10FFFF.
        var odd = false
        repeat {
            let b0 = UInt32(p[0])
            let v: UInt32
            if b0 &- 0xE0 < 0x10 {
                // 1110xxxx 10yyyyyy 10zzzzzz: the marker bits add up to 0xE2080 once shifted into place.
                // Both continuation bytes in one load (`w` is b1 | b2 << 8), checked together.
                let w = UInt32(UInt16(littleEndian: UnsafeRawPointer(p + 1).loadUnaligned(as: UInt16.self)))
                v = (b0 << 12 &+ (w & 0xFF) << 6 &+ w >> 8) &- 0xE2080
                continuation |= w ^ 0x8080
                p += 3
                q.pointee = unsafeBitCast(v, to: Unicode.Scalar.self)
                q += 1
                if v &- 0x4E00 < 0x5200 {
                    width &+= 2
                    if v == 0x5907 { bei = true }
                    continue
                }
                // Only E0 and ED can give these (their second byte is range-limited).
                if v < 0x800 || v &- 0xD800 < 0x800 { odd = true }
            } else if b0 < 0x80 {
                v = b0
                // Control bytes are ASCII (a multi-byte character has none): counted for the binary check.
                if ControlBytes.mayCount(b0) { controls.add(UInt8(truncatingIfNeeded: b0)) }
                p += 1
                q.pointee = unsafeBitCast(v, to: Unicode.Scalar.self)
                q += 1
            } else if b0 < 0xE0 {
                let b1 = UInt32(p[1])
                v = (b0 & 0x1F) << 6 | (b1 & 0x3F)
                continuation |= b1 ^ 0x80
                if b0 < 0xC2 { odd = true }  // a continuation byte, or an overlong C0/C1 form
                p += 2
                q.pointee = unsafeBitCast(v, to: Unicode.Scalar.self)
                q += 1
            } else {
                let b1 = UInt32(p[1]), b2 = UInt32(p[2]), b3 = UInt32(p[3])
                v = (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
                continuation |= (b1 ^ 0x80) | (b2 ^ 0x80) | (b3 ^ 0x80)
                if b0 > 0xF4 || v < 0x10000 || v > 0x10FFFF { odd = true }
                p += 4
                q.pointee = unsafeBitCast(v, to: Unicode.Scalar.self)
                q += 1
            }
            other.addOther(unsafeBitCast(v, to: Unicode.Scalar.self), table)
        } while p < end
        scan = other
        scan.width &+= width
        if bei { scan.colon = true }
        // A character running past the end is cut off.
        let valid = continuation & 0xC0C0 == 0 && !odd && p == end
        return (out.distance(to: q), valid)
    }
}
