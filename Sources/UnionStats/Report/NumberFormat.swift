import Foundation

/// How the reports write numbers, qualifiers and months for a Chinese reader.
public enum NumberFormat {
    /// `1853` → `1,853`; `2480000` → `2,480,000`; `12.5` → `12.5`; `-1200` → `-1,200`.
    public static func grouped(_ value: Decimal) -> String {
        grouped(value.plain)
    }

    public static func grouped(_ plain: String) -> String {
        // Plain decimal text is ASCII: commas go in by bytes.
        let bytes = Array(plain.utf8)
        var start = 0
        if bytes.first == UInt8(ascii: "-") { start = 1 }
        let point = bytes[start...].firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 3)
        out.append(contentsOf: bytes[0..<start])
        let integer = point - start
        for i in start..<point {
            let k = i - start
            if k > 0 && (integer - k) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(bytes[i])
        }
        out.append(contentsOf: bytes[point...])
        return String(decoding: out, as: UTF8.self)
    }

    /// A value with its range end when there is one: `2–4`.
    public static func value(_ q: Quantity) -> String {
        guard let max = q.valueMax else { return grouped(q.value) }
        return grouped(q.value) + "–" + grouped(max)
    }

    /// With an explicit sign, for changes: `+5`, `-12`, `0`.
    public static func signed(_ value: Decimal) -> String {
        value > 0 ? "+" + grouped(value) : grouped(value)
    }

    /// Percent change from `old` to `new`, one decimal: `+12.5%`; "" when `old` is 0.
    public static func percentChange(from old: Decimal, to new: Decimal) -> String {
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
        return String(format: "%04d-%02d", py, pm)
    }
}
