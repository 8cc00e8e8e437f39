/// The first `limit` distinct values in sort order, plus how many distinct
/// values were seen, so a total over thousands of pages keeps a few names and
/// a count instead of every name (memory stays flat, cells stay short).
///
/// The count is exact when equal values arrive together, as figures.csv
/// delivers a page's figures together; values that come back later are
/// counted again once the kept list is full.
public struct SampleList<Element: Hashable>: Sendable where Element: Sendable {
    public let limit: Int
    public private(set) var items: [Element] = []
    public private(set) var count = 0
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
        if items.contains(e) { return }
        count += 1
        let i = items.firstIndex { less(e, $0) } ?? items.count
        if i < limit {
            items.insert(e, at: i)
            if items.count > limit { items.removeLast() }
        }
    }
}
