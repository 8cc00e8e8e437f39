/// What one pass over a line's scalars tells the repair: its width, and the marks that the
/// furniture test, the jump-marker search and the line features look for. Computed once a
/// line, so that none of those scans the line again; most lines are decided by it alone.
struct LineScan {
    /// Terminal columns (`Scalars.width`).
    var width = 0
    /// ASCII and full-width digits.
    var digits = 0
    /// Clause punctuation (`Scalars.isClausePunctuation`).
    var clause = false
    var spaces = false
    var slash = false
    /// 。: a sentence, never furniture.
    var fullStop = false
    /// ，
    var comma = false
    /// What names a footer's field or carries its mark: `:` `：` `©` `备` `C` `c`.
    var colon = false
    /// `(` `（` `【` `[`: a jump marker may open here.
    var jumpOpener = false

    init() {}

    init(_ line: UnsafeBufferPointer<Unicode.Scalar>) {
        for s in line {
            let v = s.value
            // Common ideographs, most of a line: two columns, and none of the marks but 备.
            if v >= 0x4E00 && v <= 0x9FFF {
                width += 2
                if v == 0x5907 { colon = true }
                continue
            }
            width += Scalars.width(s)
            if Scalars.isClausePunctuation(s) { clause = true }
            if Scalars.isSpace(s) { spaces = true }
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
    }
}
