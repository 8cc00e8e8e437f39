/// A page a report draws on.
public struct PageRef: Sendable, Hashable, Comparable {
    public var doc: String
    public var source: String
    public var published: String

    public init(doc: String, source: String, published: String) {
        self.doc = doc
        self.source = source
        self.published = published
    }

    public init(_ f: Figure) { self.init(doc: f.doc, source: f.source, published: f.published) }

    public static func < (a: PageRef, b: PageRef) -> Bool {
        TableSort.less([a.published, a.source, a.doc], [b.published, b.source, b.doc])
    }
}

/// Everything one month's report shows; built by `ReportStage`, rendered by `ReportWriter`.
public struct MonthReport: Sendable {
    /// `YYYY-MM`.
    public var month: String
    /// Pages with figures of this month, and pages published this month.
    public var pages: [PageRef] = []
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
