/// What makes a page binary to `TextDecoder.rejectBinary`: a NUL, or how many control bytes there
/// are (those below 0x20 but tab, line feed, carriage return and form feed; and DEL). The repair's
/// first pass counts them for the page's first `TextDecoder.binarySample` bytes as it decodes them,
/// so that a UTF-8 page is not read once more for the check alone.
struct ControlBytes {
    var nul = false
    var controls = 0

    /// Whether the ASCII byte `b` is one `add` must look at: below 0x20, or DEL (one test on the
    /// decoder's ASCII path).
    @inline(__always)
    static func mayCount(_ b: UInt32) -> Bool { (b &+ 1) & 0x7F < 0x21 }

    mutating func add(_ b: UInt8) {
        if b == 0 { nul = true } else if (b < 0x20 && b != 0x0A && b != 0x0D && b != 0x09 && b != 0x0C) || b == 0x7F { controls += 1 }
    }
}
