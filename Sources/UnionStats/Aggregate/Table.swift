import Foundation

/// Where one figure goes in the tables; every figure lands in exactly one.
public enum FigureRoute: String, Sendable {
    /// A flow or level with a month: into monthly.csv (and wide.csv for flows).
    case monthly
    /// A rate or a per-unit amount (每人500元) with a month: listed in rates.csv, never summed.
    case rate
    /// No single month but a period (三年来, 截至目前, 2019年, 每月): cumulative.csv with its period.
    case cumulative
    /// Neither a month nor a period: undated.csv.
    case undated

    // By the raw value's bytes: a String-backed enum otherwise hashes its raw value as a String,
    // normalized on every hash, and this is part of the aggregation's dictionary keys.
    public func hash(into hasher: inout Hasher) { ByteString.hash(rawValue, into: &hasher) }

    /// Borrowed and inlined, so a figure held in place (an element of a page's figures) is read
    /// where it is, not copied (a retain and a release of each of its texts).
    @inline(__always)
    public static func of(_ f: borrowing Figure) -> FigureRoute {
        of(month: !f.period.month.isEmpty, rate: f.kind == .rate, per: !f.quantity.per.isEmpty,
           period: !(f.period.label.isEmpty && f.period.start.isEmpty && f.period.end.isEmpty))
    }

    /// The rule on what a figure has: a month, kind rate, a per-unit, a period (also read from raw rows).
    static func of(month: Bool, rate: Bool, per: Bool, period: Bool) -> FigureRoute {
        if month { return rate || per ? .rate : .monthly }
        return period ? .cumulative : .undated
    }
}

/// Where a figure came from, as a person finds it again.
public struct SourceRef: Sendable, Hashable, Comparable {
    public var published: String
    public var source: String
    public var headline: String
    public var doc: String

    public init(_ f: Figure) {
        published = f.published
        source = f.source
        headline = f.headline
        doc = f.doc
    }

    public static func == (a: SourceRef, b: SourceRef) -> Bool {
        ByteString.equal(a.doc, b.doc) && ByteString.equal(a.headline, b.headline)
            && ByteString.equal(a.published, b.published) && ByteString.equal(a.source, b.source)
    }

    public func hash(into hasher: inout Hasher) {
        ByteString.hash(doc, into: &hasher)
        ByteString.hash(headline, into: &hasher)
    }

    /// By published, source, doc, headline (byte order), field by field without building arrays.
    public static func < (a: SourceRef, b: SourceRef) -> Bool {
        var c = ByteString.compare(a.published, b.published)
        if c == 0 { c = ByteString.compare(a.source, b.source) }
        if c == 0 { c = ByteString.compare(a.doc, b.doc) }
        if c == 0 { c = ByteString.compare(a.headline, b.headline) }
        return c < 0
    }
}

/// Key of a monthly row: month × region × metric × unit (× kind, so flows and
/// levels of a metric with no dictionary entry never mix).
public struct MonthlyKey: Sendable, Hashable {
    public var month: String
    public var region: String
    public var level: RegionLevel?
    /// metric_id when the dictionary knows the metric, else the metric text.
    public var metric: String
    public var unit: String
    public var kind: MetricKind

    // By bytes (`ByteString`): these keys are looked up several times per figure.
    public static func == (a: MonthlyKey, b: MonthlyKey) -> Bool {
        a.level == b.level && a.kind == b.kind && ByteString.equal(a.month, b.month) && ByteString.equal(a.region, b.region)
            && ByteString.equal(a.metric, b.metric) && ByteString.equal(a.unit, b.unit)
    }

    public func hash(into hasher: inout Hasher) {
        ByteString.hash(month, into: &hasher)
        ByteString.hash(region, into: &hasher)
        hasher.combine(level)
        ByteString.hash(metric, into: &hasher)
        ByteString.hash(unit, into: &hasher)
        hasher.combine(kind)
    }
}

/// One row of monthly.csv: a month's total (flows) or latest value (levels).
public struct MonthlyRow: Sendable {
    public var key: MonthlyKey
    public var regionCode: String
    public var metric: String
    public var metricID: String
    public var value: Decimal
    public var figures: Int
    public var qualifiers: [Qualifier]
    /// The first docs in byte order (at most `Aggregator.docLimit`) and how many there are.
    public var docs: [String]
    public var docCount: Int
    /// The first sources (at most `Aggregator.sourceLimit`) and how many there are.
    public var sources: [SourceRef]
    public var sourceCount: Int
    /// True when the row comes from figures of this exact region (not only from its sub-regions).
    public var direct: Bool

    public var approximate: Bool { qualifiers.contains { $0 != .exact } }

    public static let columns = ["month", "region", "region_code", "level", "metric", "metric_id", "unit", "kind",
                                 "value", "figures", "approximate", "qualifiers", "sources"]
    public static let numericColumns: Set<String> = ["region_code", "value", "figures"]

    public var fields: [String] {
        var all: [String] = []
        all.reserveCapacity(MonthlyRow.columns.count)
        forEachField(&all)
        return all
    }

    /// The fields of `columns`, in order, one at a time (a row is written without an array of them).
    public func forEachField<Sink: CSVFieldSink>(_ sink: inout Sink) {
        withUnsafePointer(to: self) { MonthlyRow.forEachField(of: $0, &sink) }
    }

    /// `forEachField` of the row at `row`, read field by field: a row passed by value from an
    /// array is a copy of all its texts (a retain and a release each).
    static func forEachField<Sink: CSVFieldSink>(of row: UnsafePointer<MonthlyRow>, _ sink: inout Sink) {
        sink.field(row.pointee.key.month); sink.field(row.pointee.key.region); sink.field(row.pointee.regionCode)
        sink.field(row.pointee.key.level?.rawValue ?? "")
        sink.field(row.pointee.metric); sink.field(row.pointee.metricID); sink.field(row.pointee.key.unit)
        sink.field(row.pointee.key.kind.rawValue)
        // Stored fields only: a computed property of `pointee` (`approximate`, `docsText`) copies the row.
        let qualifiers = row.pointee.qualifiers
        sink.field(row.pointee.value); sink.field(row.pointee.figures); sink.field(qualifiers.contains { $0 != .exact } ? "yes" : "no")
        sink.field(MonthlyRow.qualifiersText(qualifiers))
        sink.field(MonthlyRow.docsText(row.pointee.docs, count: row.pointee.docCount))
    }

    static let numeric = columns.map { numericColumns.contains($0) }

    /// The qualifiers but exact, joined by ";": appended to one String (short: no allocation),
    /// where a filtered list, its map and their join were three arrays per row.
    static func qualifiersText(_ qualifiers: [Qualifier]) -> String {
        var text = ""
        for q in qualifiers where q != .exact {
            if !text.isEmpty { text += ";" }
            text += q.rawValue
        }
        return text
    }

    /// Rows alone (no preamble, no header), as monthly.csv holds them.
    static func encodeRows(_ rows: [MonthlyRow], encoding: CSVEncoding) -> [UInt8] {
        CSVRowEncoder.encodeRows(rows, numeric: numeric, encoding: encoding) { row, out in MonthlyRow.forEachField(of: row, &out) }
    }

    /// `a.txt;b.txt`, or with more docs than listed `a.txt;b.txt;…;等57篇`.
    var docsText: String { MonthlyRow.docsText(docs, count: docCount) }

    static func docsText(_ docs: [String], count: Int) -> String {
        let listed = docs.joined(separator: ";")
        return count > docs.count ? listed + ";…;等\(count)篇" : listed
    }
}

/// The per-figure tables (rates.csv, cumulative.csv, undated.csv) share these columns.
public enum FigureListTable {
    public static let columns = ["month", "published", "region", "region_code", "metric", "metric_id", "unit", "kind",
                                 "value", "value_max", "qualifier", "per", "period_label", "period_start", "period_end",
                                 "source", "doc", "line", "headline", "raw"]
    public static let numericColumns: Set<String> = ["region_code", "value", "value_max", "line"]

    public static func fields(_ f: Figure) -> [String] {
        var all: [String] = []
        all.reserveCapacity(columns.count)
        forEachField(of: f, &all)
        return all
    }

    /// The row of `f`, one field at a time, in `columns` order.
    public static func forEachField<Sink: CSVFieldSink>(of f: Figure, _ sink: inout Sink) {
        sink.field(f.period.month); sink.field(f.published); sink.field(f.region.path); sink.field(f.region.code)
        sink.field(f.metric); sink.field(f.metricID); sink.field(f.quantity.unit); sink.field(f.kind.rawValue)
        sink.field(f.quantity.value)
        if let high = f.quantity.valueMax { sink.field(high) } else { sink.field("") }
        sink.field(f.quantity.qualifier.rawValue)
        sink.field(f.quantity.per); sink.field(f.period.label); sink.field(f.period.start); sink.field(f.period.end)
        sink.field(f.source); sink.field(f.doc); sink.field(f.line); sink.field(f.headline); sink.field(f.raw)
    }
}

/// Byte order for every sort, so all machines and locales agree.
public enum TableSort {
    public static func less(_ a: String, _ b: String) -> Bool {
        ByteString.compare(a, b) < 0
    }

    public static func less(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return less(x, y) }
        return a.count < b.count
    }
}
