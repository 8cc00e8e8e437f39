import Foundation

/// How a figure's number relates to the true count, from the words around it.
public enum Qualifier: String, Sendable, CaseIterable {
    case exact, approx, over, under, range, max

    // By the raw value's bytes: a String-backed enum otherwise hashes its raw value as a String,
    // normalized on every hash, and this is part of the aggregation's dictionary keys.
    public func hash(into hasher: inout Hasher) { ByteString.hash(rawValue, into: &hasher) }
}

/// The number part of a figure, parsed from `Mention.raw`.
public struct Quantity: Sendable, Equatable {
    /// Plain decimal, 万/亿 multiplied out; the low end of a range.
    public var value: Decimal
    /// High end of a range, else nil.
    public var valueMax: Decimal?
    /// Measure word as written (`场`, `人次`, `平方米`); `元` for money; `%` for percent.
    public var unit: String
    public var qualifier: Qualifier
    /// For per-unit amounts: `人` in 每人500元; "" otherwise.
    public var per: String

    public init(value: Decimal, valueMax: Decimal? = nil, unit: String, qualifier: Qualifier = .exact, per: String = "") {
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.qualifier = qualifier
        self.per = per
    }
}
