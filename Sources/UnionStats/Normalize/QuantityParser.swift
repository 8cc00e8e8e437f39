import Foundation

/// Parses a mention's raw text into a `Quantity` (STUB: owned by the figures work).
public enum QuantityParser {
    public static func parse(_ mention: Mention) -> Quantity? {
        let scalars = Array(mention.raw.unicodeScalars)
        guard let last = scalars.last else { return nil }
        let digits = String(String.UnicodeScalarView(scalars.dropLast()))
        guard let v = Decimal(string: digits) else { return nil }
        return Quantity(value: v, unit: String(last))
    }
}
