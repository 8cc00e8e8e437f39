import Foundation

// Decimal ⇄ plain text without Foundation's formatter and scanner, which cost
// microseconds per call (NSDecimalNumber, Scanner) and ran on every figure in
// every stage. Values that do not fit the fast path (more than 19 significant
// digits, more than 6 decimals) take the Foundation path, so results are the same.

extension Decimal {
    /// Plain decimal text, no exponent and no thousands separators: `2480000`, `857990`, `12.5`;
    /// rounded to 6 decimals (half away from zero).
    public var plain: String {
        if let text = DecimalText.fastPlain(self) { return text }
        var v = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 6, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    /// The value times 10^`power` (万, 亿 after a number), by moving the exponent: Foundation's
    /// multiplication cost thousands of instructions. The same value; the digits may keep
    /// trailing zeros a product would have dropped, which no comparison or text shows.
    public func timesPowerOfTen(_ power: Int) -> Decimal {
        guard power != 0, !isNaN, !isZero else { return self }
        return Decimal(sign: sign, exponent: exponent + power, significand: significand)
    }

    /// `self < 0`, from the sign (a Decimal comparison cost hundreds of instructions on every number read).
    public var isNegative: Bool { !isNaN && sign == .minus && !isZero }

    /// Parses plain decimal text (`-12.5`, `2480000`) as `Decimal(string:)` does for such text.
    public init?(plainText text: String) {
        if let d = DecimalText.fastParse(text) {
            self = d
        } else if let d = Decimal(string: text) {
            self = d
        } else {
            return nil
        }
    }
}

enum DecimalText {
    /// The mantissa as a UInt64 when it fits (at most four 16-bit words), else nil.
    /// Foundation keeps the mantissa internal, so it is read from the value's
    /// bytes: swift-foundation lays Decimal out as an 8-bit exponent, a byte
    /// with the length (0–8 words) in its high nibble and the sign and compact
    /// flags below, two reserved bytes, then eight little-endian 16-bit words.
    /// `layoutIsKnown` checks that layout once on known values; if it ever
    /// differs, every call takes Foundation's path.
    @inline(__always)
    static func mantissa(_ d: Decimal) -> UInt64? {
        guard layoutIsKnown else { return nil }
        return rawMantissa(d)
    }

    private static func rawMantissa(_ d: Decimal) -> UInt64? {
        withUnsafeBytes(of: d) { raw -> UInt64? in
            guard raw.count >= 20 else { return nil }
            let length = Int(raw[1] >> 4)
            guard length <= 4 else { return nil }
            var value: UInt64 = 0
            for i in stride(from: length - 1, through: 0, by: -1) {
                value = value << 16 | UInt64(raw[4 + 2 * i]) | UInt64(raw[5 + 2 * i]) << 8
            }
            return value
        }
    }

    static let layoutIsKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let probes: [(Decimal, UInt64)] = [(Decimal(0), 0), (Decimal(7), 7), (Decimal(65_536), 65_536),
                                           (Decimal(UInt64(123_456_789_012)), 123_456_789_012),
                                           (Decimal(sign: .minus, exponent: -3, significand: Decimal(98_765)), 98_765)]
        for (d, m) in probes {
            // Decimal(n) may keep trailing zeros in the exponent; compare the value.
            guard let raw = rawMantissa(d) else { return false }
            var scaled = Decimal(raw)
            if d.exponent != 0 { scaled = Decimal(sign: .plus, exponent: d.exponent, significand: scaled) }
            if d.sign == .minus { scaled = -scaled }
            guard scaled == d, raw != 0 || m == 0 else { return false }
        }
        return true
    }()

    static func fastPlain(_ d: Decimal) -> String? {
        withFastPlain(d) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with `fastPlain`'s text as UTF-8 bytes (no String made), or returns nil
    /// where `fastPlain` does.
    @inline(__always)
    static func withFastPlain<R>(_ d: Decimal, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let plain = plainDigits(d) else { return nil }
        var digits = plain.digits
        let exponent = plain.exponent
        let negative = d.sign == .minus && digits != 0
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buf in
            // Written from the right: digits, the point after -exponent of them, a leading 0, the sign.
            var i = buf.count
            var placed = 0
            repeat {
                if exponent < 0 && placed == -exponent { i -= 1; buf[i] = UInt8(ascii: ".") }
                i -= 1
                buf[i] = UInt8(ascii: "0") + UInt8(digits % 10)
                digits /= 10
                placed += 1
            } while digits > 0 || (exponent < 0 && placed <= -exponent)
            if negative { i -= 1; buf[i] = UInt8(ascii: "-") }
            return body(UnsafeBufferPointer(rebasing: buf[i...]))
        }
    }

    /// The digits `fastPlain` writes, and -(how many follow the point) (0: none, no point);
    /// nil where it writes nothing (Foundation's path).
    @inline(__always)
    private static func plainDigits(_ d: Decimal) -> (digits: UInt64, exponent: Int)? {
        guard !d.isNaN, var digits = mantissa(d) else { return nil }
        var exponent = d.exponent
        if digits != 0 {
            guard exponent >= -6 else { return nil }  // would need rounding
            // Positive exponents: multiplied out, if that fits.
            if exponent > 0 {
                guard let d = scaled(digits, by: exponent) else { return nil }
                digits = d
                exponent = 0
            }
            // Trailing zeros of a fraction are not printed (12.50 is 12.5).
            while exponent < 0 && digits % 10 == 0 {
                digits /= 10
                exponent += 1
            }
        } else {
            exponent = 0   // zero is "0", whatever its exponent and sign
        }
        return (digits, exponent)
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`: on the mantissas when both fit 64 bits
    /// (Foundation's comparison allocated and cost hundreds of instructions), else Foundation's.
    static func compare(_ a: Decimal, _ b: Decimal) -> Int {
        if !a.isNaN, !b.isNaN, let ma = mantissa(a), let mb = mantissa(b) {
            let negA = a.sign == .minus && ma != 0, negB = b.sign == .minus && mb != 0
            if negA != negB { return negA ? -1 : 1 }
            let c = magnitudeCompare(ma, a.exponent, mb, b.exponent)
            return negA ? -c : c
        }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    /// Compares ma·10^ea with mb·10^eb: the one with the larger exponent is scaled to the other's;
    /// if that overflows 64 bits, it is the larger.
    private static func magnitudeCompare(_ ma: UInt64, _ ea: Int, _ mb: UInt64, _ eb: Int) -> Int {
        if ma == 0 || mb == 0 { return ma == mb ? 0 : (ma == 0 ? -1 : 1) }
        guard let x = scaled(ma, by: ea - min(ea, eb)) else { return 1 }
        guard let y = scaled(mb, by: eb - min(ea, eb)) else { return -1 }
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    /// m·10^k (k ≥ 0), or nil past 64 bits.
    private static func scaled(_ m: UInt64, by k: Int) -> UInt64? {
        var x = m
        for _ in 0..<k {
            let (p, overflow) = x.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            x = p
        }
        return x
    }

    /// `a + b`: on the mantissas when both fit 64 bits, have the same sign (or are zero) and
    /// the sum fits, else Foundation's (which allocated on every addition). The same value; the
    /// digits may keep trailing zeros Foundation's sum would drop, which no comparison or text shows.
    static func sum(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard !a.isNaN, !b.isNaN, let ma = mantissa(a), let mb = mantissa(b) else { return a + b }
        if mb == 0 { return a }
        if ma == 0 { return b }
        let e = min(a.exponent, b.exponent)
        guard a.sign == b.sign, let x = scaled(ma, by: a.exponent - e), let y = scaled(mb, by: b.exponent - e) else { return a + b }
        let (total, overflow) = x.addingReportingOverflow(y)
        if overflow { return a + b }
        return Decimal(sign: a.sign, exponent: e, significand: Decimal(total))
    }

    /// `-?digits(.digits)?` with at most 18 significant digits; anything else is nil.
    static func fastParse(_ text: String) -> Decimal? {
        var value: UInt64 = 0
        var digits = 0
        var fraction = 0
        var negative = false
        var seenPoint = false
        var first = true
        for b in text.utf8 {
            defer { first = false }
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 18 { return nil }
                value = value * 10 + UInt64(b - UInt8(ascii: "0"))
                if value > 0 { digits += 1 }
                if seenPoint { fraction += 1 }
            case UInt8(ascii: "-") where first:
                negative = true
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            default:
                return nil
            }
        }
        // Needs a digit on each side of the point that is written: "5.", ".5" and "-" go the slow way.
        let bytes = text.utf8
        guard let last = bytes.last, last != UInt8(ascii: "."), last != UInt8(ascii: "-") else { return nil }
        if seenPoint, let firstDigit = bytes.first(where: { $0 != UInt8(ascii: "-") }), firstDigit == UInt8(ascii: ".") {
            return nil
        }
        return decimal(value, fraction: fraction, negative: negative)
    }

    /// `fastParse`'s value of text with digits `value` (no point), `fraction` of them after the point.
    @inline(__always)
    private static func decimal(_ value: UInt64, fraction: Int, negative: Bool) -> Decimal {
        var d = Decimal(value)
        if fraction > 0 { d = Decimal(sign: .plus, exponent: -fraction, significand: d) }
        return negative && value != 0 ? -d : d
    }

    /// `fastParse(fastPlain(d))` without the text, the same bytes: the value `d` has once written
    /// (6 decimals) and read back. Nil where either takes Foundation's path (text over 18 digits,
    /// or `fastPlain` gives none); then that text is not known to read back to itself.
    static func readBack(_ d: Decimal) -> Decimal? {
        // `fastPlain`'s text is these digits with -exponent of them after the point (a 0 before
        // it when none is left); `fastParse` counts the digits from the first that is not 0.
        guard let (digits, exponent) = plainDigits(d), digits <= 999_999_999_999_999_999 else { return nil }
        return decimal(digits, fraction: -exponent, negative: d.sign == .minus && digits != 0)
    }
}
