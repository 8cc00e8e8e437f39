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
    /// Clause punctuation (`Scalars.isClausePunctuation`).
    var clause = false
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

    init() {}

    init(_ line: UnsafeBufferPointer<Unicode.Scalar>) {
        for s in line { add(s) }
    }

    @inline(__always)
    mutating func add(_ s: Unicode.Scalar) {
        let v = s.value
        // Common ideographs, most of a line: two columns, and none of the marks but 备.
        if v &- 0x4E00 < 0x5200 {
            width &+= 2
            if v == 0x5907 { colon = true }
            return
        }
        addOther(s)
    }

    mutating func addOther(_ s: Unicode.Scalar) {
        let v = s.value
        width += Scalars.width(s)
        if Scalars.isClausePunctuation(s) { clause = true }
        if Scalars.isSpace(s) { spaceCount += 1 }
        if PageFurniture.digitValue(s) != nil { digits += 1 }
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
    /// Written for Chinese text: a three-byte character is tested for first, and a common
    /// ideograph costs a width and a test for 备 (the loop's state stays in registers).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: UnsafeMutablePointer<Unicode.Scalar>,
                       scan: inout LineScan) -> Int {
        guard !range.isEmpty else { return 0 }
        var p = bytes.baseAddress! + range.lowerBound
        let end = bytes.baseAddress! + range.upperBound
        var q = out
        var width = 0, bei = false
        var other = LineScan()
        repeat {
            let b0 = UInt32(p[0])
            let v: UInt32
            if b0 &- 0xE0 < 0x10 {
                // 1110xxxx 10yyyyyy 10zzzzzz: the marker bits add up to 0xE2080 once shifted into place.
                v = (b0 << 12 &+ UInt32(p[1]) << 6 &+ UInt32(p[2])) &- 0xE2080
                p += 3
            } else if b0 < 0x80 {
                v = b0
                p += 1
            } else if b0 < 0xE0 {
                v = (b0 & 0x1F) << 6 | (UInt32(p[1]) & 0x3F)
                p += 2
            } else {
                v = (b0 & 0x07) << 18 | (UInt32(p[1]) & 0x3F) << 12 | (UInt32(p[2]) & 0x3F) << 6 | (UInt32(p[3]) & 0x3F)
                p += 4
            }
            let s = unsafeBitCast(v, to: Unicode.Scalar.self)
            q.pointee = s
            q += 1
            if v &- 0x4E00 < 0x5200 {
                width &+= 2
                if v == 0x5907 { bei = true }
            } else {
                other.addOther(s)
            }
        } while p < end
        scan = other
        scan.width &+= width
        if bei { scan.colon = true }
        return out.distance(to: q)
    }
}
