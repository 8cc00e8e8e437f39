/// The first `limit` distinct values in sort order, plus how many distinct
/// values were seen, so a total over thousands of pages keeps a few names and
/// a count instead of every name (memory stays flat, cells stay short).
///
/// The count is exact when equal values arrive together, as figures.csv
/// delivers a page's figures together; values that come back later are
/// counted again once the kept list is full.
public struct SampleList<Element: Hashable>: Sendable where Element: Sendable {
    public let limit: Int
    /// The kept values in order: the first apart, the rest in a list. Most of an aggregator's
    /// lists keep one value, and a list of it was an allocation (and a release) per cell.
    private var head: Element?
    private var rest: [Element] = []
    public private(set) var count = 0

    /// The kept values, in order.
    public var items: [Element] {
        guard let head else { return [] }
        return rest.isEmpty ? [head] : [head] + rest
    }

    /// `items.map(transform)`, without the list of `items` first.
    public func map<T>(_ transform: (Element) throws -> T) rethrows -> [T] {
        guard let head else { return [] }
        if rest.isEmpty { return [try transform(head)] }
        var out: [T] = []
        out.reserveCapacity(1 + rest.count)
        out.append(try transform(head))
        for e in rest { out.append(try transform(e)) }
        return out
    }
    private var last: Element?
    private let less: (@Sendable (Element, Element) -> Bool)?

    public init(limit: Int, by less: @escaping @Sendable (Element, Element) -> Bool) {
        self.limit = limit
        self.less = less
    }

    /// A list given its order at each insert (`insert(_:by:)`): an aggregator's cells each hold
    /// two lists, and a closure kept per list was an allocation per list, and a release.
    public init(limit: Int) {
        self.limit = limit
        self.less = nil
    }

    public mutating func insert(_ e: Element) {
        guard let less else { preconditionFailure("SampleList(limit:) takes its order at insert(_:by:)") }
        insert(e, by: less)
    }

    public mutating func insert(_ e: Element, by less: (Element, Element) -> Bool) {
        if e == last { return }
        last = e
        if let head, head == e || rest.contains(e) { return }
        count += 1
        guard limit > 0 else { return }
        guard let first = head else {
            head = e
            return
        }
        // The place of `e` among the kept values (0: before the first), as one list would have it.
        if less(e, first) {
            rest.insert(first, at: 0)
            head = e
        } else {
            let i = rest.firstIndex { less(e, $0) } ?? rest.count
            guard 1 + i < limit else { return }
            rest.insert(e, at: i)
        }
        if 1 + rest.count > limit { rest.removeLast() }
    }
}
