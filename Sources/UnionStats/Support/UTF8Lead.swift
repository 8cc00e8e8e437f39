/// What a non-ASCII UTF-8 lead byte promises, after RFC 3629's table of
/// well-formed sequences: how many continuation bytes follow and the bounds of
/// the first one (the rest are 80…BF). Nil for bytes that cannot start a character.
enum UTF8Lead {
    @inline(__always)
    static func expectation(_ b: UInt8) -> (need: Int, lo: UInt8, hi: UInt8)? {
        switch b {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }
}
