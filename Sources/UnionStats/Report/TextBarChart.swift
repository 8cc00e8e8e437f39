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
        if let n = exactBarLength(value, max: max, width: width) { return Swift.max(1, n) }
        return Swift.max(1, decimalBarLength(value, max: max, width: width))
    }

    /// Decimal division, then a Double rounded half away from zero: the definition,
    /// and about 20,000 instructions a bar.
    static func decimalBarLength(_ value: Decimal, max: Decimal, width: Int) -> Int {
        let scaled = NSDecimalNumber(decimal: value / max * Decimal(width)).doubleValue
        return Int(scaled.rounded())
    }

    /// `decimalBarLength` in integers, for positive values whose mantissas fit in 64 bits,
    /// or nil. value·width/max is an exact fraction here; the Decimal path computes it to
    /// 38 digits and the Double to about 15, off by far less than 1e-12 for a result of
    /// at most `width`. So where the fraction is more than about 2e-6 away from one half
    /// both round alike; nearer to a half, the Decimal path decides.
    static func exactBarLength(_ value: Decimal, max: Decimal, width: Int) -> Int? {
        guard let mv = DecimalText.mantissa(value), let mm = DecimalText.mantissa(max), mm > 0, width > 0 else { return nil }
        // value/max = mv/mm · 10^(ev − em): the power goes to the numerator or the denominator.
        var num = mv.multipliedReportingOverflow(by: UInt64(width))
        var den = (partialValue: mm, overflow: false)
        let shift = value.exponent - max.exponent
        for _ in 0..<abs(shift) where !num.overflow && !den.overflow {
            if shift > 0 { num = num.partialValue.multipliedReportingOverflow(by: 10) }
            else { den = den.partialValue.multipliedReportingOverflow(by: 10) }
        }
        guard !num.overflow, !den.overflow, den.partialValue < UInt64(1) << 62 else { return nil }
        let (n, d) = (num.partialValue, den.partialValue)
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        guard q < UInt64(Int.max / 2) else { return nil }
        let twice = 2 * r
        let distance = twice > d ? twice - d : d - twice
        guard distance > d >> 18 else { return nil }
        return Int(q) + (twice > d ? 1 : 0)
    }

    static let block = "█"
    static let blockWidth = DisplayWidth.of(block)

    /// `n` blocks, cut from a run made once: appended one at a time, a bar of 30 was 30 appends.
    static func appendBlocks(_ n: Int, to out: inout [UInt8]) {
        let each = blockRun.count / blockRunLength
        if n <= blockRunLength {
            blockRun.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<(n * each)])) }
        } else {
            for _ in 0..<n { out.appendUTF8(block) }
        }
    }
    static let blockRunLength = 64
    static let blockRun: [UInt8] = Array(String(repeating: block, count: blockRunLength).utf8)

    /// Writes one line per bar, each ending in a newline.
    public static func render(_ bars: [Bar], width: Int = 30, indent: String = "  ", into out: inout [UInt8]) {
        // The largest value, compared by `DecimalText.compare` (Foundation's `<` cost over a thousand instructions).
        var top: Decimal = bars.first?.value ?? 0
        for bar in bars.dropFirst() where DecimalText.compare(bar.value, top) > 0 { top = bar.value }
        let labelWidths = bars.map { DisplayWidth.of($0.label) }
        let textWidths = bars.map { DisplayWidth.of($0.text) }
        let labelWidth = labelWidths.max() ?? 0
        let textWidth = textWidths.max() ?? 0
        for (i, bar) in bars.enumerated() {
            let n = barLength(bar.value, max: top, width: width)
            let lineStart = out.count
            out.appendUTF8(indent)
            out.appendUTF8(bar.label)
            out.appendSpaces(max(0, labelWidth - labelWidths[i]) + 2)
            appendBlocks(n, to: &out)
            out.appendSpaces(max(0, width - n * blockWidth) + 2)
            out.appendSpaces(max(0, textWidth - textWidths[i]))
            out.appendUTF8(bar.text)
            while out.count > lineStart && out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
    }
}
