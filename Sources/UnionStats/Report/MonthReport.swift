/// A report lists the pages it draws on with the same facts normalize knows about a page.
extension PageContext: Comparable {
    public init(_ f: Figure) { self.init(doc: f.doc, published: f.published, source: f.source) }

    /// Reports list pages by date, newspaper, then file name: the first field that differs
    /// (as `String`s) decides, by bytes, as `TableSort.less` of the three fields' lists, without the lists.
    public static func < (a: PageContext, b: PageContext) -> Bool {
        if let before = PageContext.order(a.published, b.published) { return before }
        if let before = PageContext.order(a.source, b.source) { return before }
        return PageContext.order(a.doc, b.doc) ?? false
    }

    /// nil for equal texts, else whether `x` sorts first; equal bytes are equal text, with no `==`.
    @inline(__always)
    private static func order(_ x: String, _ y: String) -> Bool? {
        if ByteString.equal(x, y) || x == y { return nil }
        return TableSort.less(x, y)
    }
}

/// Everything one month's report shows; built by `ReportStage`, rendered by `ReportWriter`.
public struct MonthReport: Sendable {
    /// `YYYY-MM`.
    public var month: String
    /// Pages with figures of this month, and pages published this month.
    public var pages: [PageContext] = []
    /// This month's totals (flows) and latest values (levels), per region the figures name (no rollups).
    public var rows: [MonthlyRow] = []
    /// Rates and per-unit amounts of this month, one each.
    public var rates: [Figure] = []
    /// Multi-month, cumulative and year-to-date figures of the pages published this month.
    public var cumulative: [Figure] = []
    /// Figures with no month and no period from the pages published this month.
    public var undated: [Figure] = []
    /// The previous calendar month's rows, for the change section.
    public var previous: [MonthlyRow] = []
    /// `YYYY-MM-DD` from SOURCE_DATE_EPOCH when set; nil keeps the report free of dates.
    public var generated: String? = nil

    public init(month: String) { self.month = month }
}
