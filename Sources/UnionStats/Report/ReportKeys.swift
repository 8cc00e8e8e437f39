// Keys of the report's grouping tables, compared and hashed by bytes
// (`ByteString`) as the aggregator's keys are: `String`'s own `==` and hashing
// normalize CJK text on every call, which was a large share of rendering.

/// A region path or unit.
struct ByteKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ByteKey, b: ByteKey) -> Bool { ByteString.equal(a.text, b.text) }

    func hash(into hasher: inout Hasher) { ByteString.hash(text, into: &hasher) }

    static func less(_ a: ByteKey, _ b: ByteKey) -> Bool { TableSort.less(a.text, b.text) }
}

/// A metric text and its unit.
struct MetricUnit: Hashable {
    var metric: String
    var unit: String

    static func == (a: MetricUnit, b: MetricUnit) -> Bool {
        ByteString.equal(a.metric, b.metric) && ByteString.equal(a.unit, b.unit)
    }

    func hash(into hasher: inout Hasher) {
        ByteString.hash(metric, into: &hasher)
        ByteString.hash(unit, into: &hasher)
    }

    /// `TableSort.less([metric, unit], …)` field by field.
    static func less(_ a: MetricUnit, _ b: MetricUnit) -> Bool {
        ByteString.equal(a.metric, b.metric) ? TableSort.less(a.unit, b.unit) : TableSort.less(a.metric, b.metric)
    }
}
