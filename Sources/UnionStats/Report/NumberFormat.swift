import Foundation

/// How the reports write numbers, qualifiers and months for a Chinese reader.
public enum NumberFormat {
    /// `1853` → `1,853`; `2480000` → `2,480,000`; `12.5` → `12.5`; `-1200` → `-1,200`.
    public static func grouped(_ value: Decimal) -> String {
        text { appendGrouped(value, to: &$0) }
    }

    /// The text `write` appends.
    private static func text(_ write: (inout ByteArena) -> Void) -> String {
        var out = ByteArena(capacity: 32)
        write(&out)
        return out.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// `grouped`, written to `out`: from `plain`'s digits as bytes where they need no rounding
    /// (`DecimalText.withFastPlain`; a String per value was most of a figure list's numbers), else from `plain`.
    static func appendGrouped<Sink: ByteAppending>(_ value: Decimal, to out: inout Sink) {
        if DecimalText.withFastPlain(value, { appendGrouped(plain: $0, to: &out) }) != nil { return }
        appendGrouped(value.plain, to: &out)
    }

    static func appendGrouped<Sink: ByteAppending>(_ plain: String, to out: inout Sink) {
        var plain = plain
        plain.withUTF8 { appendGrouped(plain: $0, to: &out) }
    }

    /// Plain decimal text (ASCII) with commas put in by bytes, laid out in a buffer on the
    /// stack and appended at once (a byte appended at a time checked the array's room each time).
    static func appendGrouped<Sink: ByteAppending>(plain bytes: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        var start = 0
        if bytes.first == UInt8(ascii: "-") { start = 1 }
        var point = start
        while point < bytes.count && bytes[point] != UInt8(ascii: ".") { point += 1 }
        let integer = point - start
        let commas = integer > 0 ? (integer - 1) / 3 : 0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + commas) { line in
            var at = 0
            for i in 0..<start { line[at] = bytes[i]; at += 1 }
            for i in start..<point {
                let k = i - start
                if k > 0 && (integer - k) % 3 == 0 { line[at] = UInt8(ascii: ","); at += 1 }
                line[at] = bytes[i]
                at += 1
            }
            for i in point..<bytes.count { line[at] = bytes[i]; at += 1 }
            out.appendBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[0..<at])))
        }
    }

    /// A value with its range end when there is one: `2–4`.
    public static func value(_ q: Quantity) -> String {
        text { appendValue(q, to: &$0) }
    }

    /// `value`, written to `out`.
    static func appendValue<Sink: ByteAppending>(_ q: Quantity, to out: inout Sink) {
        appendValue(q.value, max: q.valueMax, to: &out)
    }

    /// `appendValue` of a quantity's two numbers (a `Quantity` passed from a figure was a copy, texts and all).
    static func appendValue<Sink: ByteAppending>(_ value: Decimal, max: Decimal?, to out: inout Sink) {
        appendGrouped(value, to: &out)
        if let max {
            out.appendText("–")
            appendGrouped(max, to: &out)
        }
    }

    /// With an explicit sign, for changes: `+5`, `-12`, `0`.
    public static func signed(_ value: Decimal) -> String {
        text { appendSigned(value, to: &$0) }
    }

    /// `signed`, written to `out`.
    static func appendSigned<Sink: ByteAppending>(_ value: Decimal, to out: inout Sink) {
        if value > 0 { out.appendByte(UInt8(ascii: "+")) }
        appendGrouped(value, to: &out)
    }

    /// Percent change from `old` to `new`, one decimal: `+12.5%`; "" when `old` is 0.
    public static func percentChange(from old: Decimal, to new: Decimal) -> String {
        integerPercentChange(from: old, to: new) ?? decimalPercentChange(from: old, to: new)
    }

    /// `percentChange` of two whole numbers below 10^12, in integers: Foundation's division,
    /// rounding and text took tens of thousands of instructions a change. Nil for other values,
    /// and for a change that rounds to 0 (Foundation's text says how it writes a rounded zero).
    static func integerPercentChange(from old: Decimal, to new: Decimal) -> String? {
        guard let o = wholeNumber(old), let n = wholeNumber(new), o != 0 else { return nil }
        // Tenths of a percent, rounded half away from zero (`.plain`): |n - o| * 1000 / |o|.
        let numerator = (n - o).magnitude * 1000, denominator = o.magnitude
        var tenths = numerator / denominator
        if (numerator % denominator) * 2 >= denominator { tenths += 1 }
        guard tenths > 0 else { return nil }
        let sign = (n < o) == (o > 0) ? "-" : "+"
        return sign + String(tenths / 10) + "." + String(tenths % 10) + "%"
    }

    /// The value as an integer when it is a whole number below 10^12 in magnitude, else nil.
    private static func wholeNumber(_ d: Decimal) -> Int64? {
        let limit: UInt64 = 1_000_000_000_000
        guard !d.isNaN, d.exponent >= 0, var m = DecimalText.mantissa(d), m < limit else { return nil }
        for _ in 0..<d.exponent {
            m *= 10
            guard m < limit else { return nil }
        }
        return d.sign == .minus ? -Int64(m) : Int64(m)
    }

    /// `percentChange` by Foundation's decimal arithmetic: any values.
    static func decimalPercentChange(from old: Decimal, to new: Decimal) -> String {
        guard old != 0 else { return "" }
        var ratio = (new - old) / old * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &ratio, 1, .plain)
        var text = NSDecimalNumber(decimal: rounded).stringValue
        if !text.contains(".") { text += ".0" }
        return (rounded > 0 ? "+" : "") + text + "%"
    }

    /// The qualifier as a Chinese reader writes it; "" for exact.
    public static func chinese(_ q: Qualifier) -> String {
        switch q {
        case .exact: return ""
        case .approx: return "约"
        case .over: return "余"
        case .under: return "不足"
        case .range: return "区间"
        case .max: return "最高"
        }
    }

    /// `2020-11` → `2020年11月`; other text unchanged.
    public static func chineseMonth(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]) else { return month }
        return "\(parts[0])年\(m)月"
    }

    /// The calendar month before `YYYY-MM`, or nil.
    public static func previousMonth(_ month: String) -> String? {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        let (py, pm) = m == 1 ? (y - 1, 12) : (y, m - 1)
        return zeroPadded(py, width: 4) + "-" + zeroPadded(pm, width: 2)
    }

    /// `String(format: "%0Nd", n)` for width N (the sign counts in the width): the formatter
    /// took tens of thousands of instructions for a month's name, twice a month.
    static func zeroPadded(_ n: Int, width: Int) -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - sign.utf8.count - digits.utf8.count)) + digits
    }
}
