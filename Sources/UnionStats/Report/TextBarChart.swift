import Foundation

/// A horizontal bar chart in text: label, bar of █ scaled so the largest
/// value is `width` columns, and the value. Labels are padded by display width.
public enum TextBarChart {
    public struct Bar: Sendable {
        public var label: String
        public var value: Decimal
        public var text: String
        public init(label: String, value: Decimal, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    /// Columns of the bar for `value` when `max` gets `width`; at least 1 for a positive value.
    public static func barLength(_ value: Decimal, max: Decimal, width: Int) -> Int {
        guard max > 0, value > 0 else { return 0 }
        let scaled = NSDecimalNumber(decimal: value / max * Decimal(width)).doubleValue
        return Swift.max(1, Int(scaled.rounded()))
    }

    public static func render(_ bars: [Bar], width: Int = 30, indent: String = "  ") -> [String] {
        let top = bars.map(\.value).max() ?? 0
        let labelWidth = bars.map { DisplayWidth.of($0.label) }.max() ?? 0
        let textWidth = bars.map { DisplayWidth.of($0.text) }.max() ?? 0
        return bars.map { bar in
            let n = barLength(bar.value, max: top, width: width)
            let line = indent + DisplayWidth.padRight(bar.label, to: labelWidth) + "  "
                + DisplayWidth.padRight(String(repeating: "█", count: n), to: width) + "  "
                + DisplayWidth.padLeft(bar.text, to: textWidth)
            return trimTrailing(line)
        }
    }

    /// Drops trailing spaces, on UTF-8 bytes (Character steps pay for grapheme breaking).
    static func trimTrailing(_ s: String) -> String {
        let utf8 = s.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            if utf8[before] != 0x20 { break }
            end = before
        }
        return end == utf8.endIndex ? s : String(s[..<end])
    }
}
