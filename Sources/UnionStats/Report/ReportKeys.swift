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
