/// What normalize knows about a page beyond its text: the manifest's date and
/// newspaper, and that newspaper's default region from `pipeline/sources.csv`.
public struct PageContext: Sendable, Hashable {
    public var doc: String
    /// `YYYY-MM-DD`, `YYYY-MM` or "" (undated).
    public var published: String
    public var source: String

    public init(doc: String, published: String, source: String) {
        self.doc = doc
        self.published = published
        self.source = source
    }
}

/// The context attributes of one figure: what is counted, where, by whom, when.
public struct FigureContext: Sendable, Equatable {
    public var metric: String
    public var metricID: String
    public var kind: MetricKind
    public var region: Region
    public var organization: String
    public var period: Period

    public init(metric: String = "", metricID: String = "", kind: MetricKind = .flow, region: Region = Region(),
                organization: String = "", period: Period = Period()) {
        self.metric = metric
        self.metricID = metricID
        self.kind = kind
        self.region = region
        self.organization = organization
        self.period = period
    }
}
