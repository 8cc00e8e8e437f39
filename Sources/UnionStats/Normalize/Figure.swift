import Foundation

/// Whether figures of a metric may be added up over time.
public enum MetricKind: String, Sendable, CaseIterable {
    /// Happened within its period (meetings held, money paid): summed per month.
    case flow
    /// A state at a date (households on file, organisations existing): latest value kept.
    case level
    /// A percentage or rate: never summed or averaged.
    case rate

    // By the raw value's bytes: a String-backed enum otherwise hashes its raw value as a String,
    // normalized on every hash, and this is part of the aggregation's dictionary keys.
    public func hash(into hasher: inout Hasher) { ByteString.hash(rawValue, into: &hasher) }

    /// A byte of its own for each kind (keys laid out as bytes).
    var code: UInt8 {
        switch self {
        case .flow: return 0
        case .level: return 1
        case .rate: return 2
        }
    }
}

/// When a figure happened, resolved against the page's publication date.
public struct Period: Sendable, Equatable {
    /// The words that set the time, as written: `三年来`, `当天`, `2019年`, `截至目前`.
    public var label: String
    /// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) bounds; "" when unknown.
    public var start: String
    public var end: String
    /// `YYYY-MM` when the figure lies in one calendar month; "" otherwise.
    public var month: String

    public init(label: String = "", start: String = "", end: String = "", month: String = "") {
        self.label = label
        self.start = start
        self.end = end
        self.month = month
    }
}

/// A place resolved through the gazetteer.
public struct Region: Sendable, Equatable {
    /// Path from province level: `北京市/朝阳区/三里屯街道`; "" when none.
    public var path: String
    /// Statistical division code of the most specific level: `110105004`; "" when none.
    public var code: String

    public init(path: String = "", code: String = "") {
        self.path = path
        self.code = code
    }
}

/// One output row of `output/figures.csv`: a normalized figure with where it came from.
public struct Figure: Sendable, Equatable {
    public var doc: String
    public var article: Int
    public var headline: String
    /// Publication date of the page: `YYYY-MM-DD`, `YYYY-MM` or "" (undated).
    public var published: String
    public var source: String
    public var line: Int
    public var raw: String
    public var quantity: Quantity
    public var metric: String
    public var metricID: String
    public var kind: MetricKind
    public var region: Region
    public var organization: String
    public var period: Period
    public var sentence: String

    public init(doc: String, article: Int, headline: String, published: String, source: String, line: Int,
                raw: String, quantity: Quantity, metric: String, metricID: String, kind: MetricKind,
                region: Region, organization: String, period: Period, sentence: String) {
        self.doc = doc
        self.article = article
        self.headline = headline
        self.published = published
        self.source = source
        self.line = line
        self.raw = raw
        self.quantity = quantity
        self.metric = metric
        self.metricID = metricID
        self.kind = kind
        self.region = region
        self.organization = organization
        self.period = period
        self.sentence = sentence
    }

    /// The columns of `output/figures.csv`, in order (DESIGN.md).
    public static let columns = [
        "doc", "article", "headline", "published", "source", "line", "raw", "value", "value_max", "unit",
        "qualifier", "per", "metric", "metric_id", "kind", "region", "region_code", "organization",
        "period_label", "period_start", "period_end", "month", "sentence",
    ]
    public static let numericColumns: Set<String> = ["article", "line", "value", "value_max", "region_code"]

    public var fields: [String] {
        var all: [String] = []
        all.reserveCapacity(Figure.columns.count)
        forEachField(&all)
        return all
    }

    /// The fields of `columns`, in order, one at a time (a row is written without an array of them).
    public func forEachField<Sink: CSVFieldSink>(_ sink: inout Sink) {
        sink.field(doc); sink.field(article); sink.field(headline); sink.field(published); sink.field(source)
        sink.field(line); sink.field(raw); sink.field(quantity.value)
        if let high = quantity.valueMax { sink.field(high) } else { sink.field("") }
        sink.field(quantity.unit); sink.field(quantity.qualifier.rawValue); sink.field(quantity.per)
        sink.field(metric); sink.field(metricID); sink.field(kind.rawValue); sink.field(region.path); sink.field(region.code)
        sink.field(organization); sink.field(period.label); sink.field(period.start); sink.field(period.end)
        sink.field(period.month); sink.field(sentence)
    }
}

extension Figure {
    static let sentenceIndex = columns.firstIndex(of: "sentence")!
    static let organizationIndex = columns.firstIndex(of: "organization")!

    /// Reads a row of `output/figures.csv` back; nil when a number does not parse.
    public init?(record r: CSVRecord) {
        // Columns by their index in `Figure.columns`, looked up once per file (`CSVHeader`).
        let ix = r.header.figureIndices
        self.init(column: { r.field(at: ix[$0]) }, unguard: Figure.unguard)
    }

    /// From `fields` in `Figure.columns` order, as `fields` gives them (no formula guards to undo).
    init?(fields: [String]) {
        guard fields.count == Figure.columns.count else { return nil }
        self.init(column: { fields[$0] }, unguard: { $0 })
    }

    private init?(column c: (Int) -> String, unguard: (String) -> String) {
        guard let value = Decimal(plainText: c(7)) else { return nil }
        let maxText = c(8)
        let valueMax = maxText.isEmpty ? nil : Decimal(plainText: maxText)
        self.init(
            doc: c(0), article: Int(c(1)) ?? 0, headline: unguard(c(2)),
            published: c(3), source: unguard(c(4)), line: Int(c(5)) ?? 0,
            raw: unguard(c(6)),
            quantity: Quantity(value: value, valueMax: valueMax, unit: c(9),
                               qualifier: Qualifier(rawValue: c(10)) ?? .exact, per: c(11)),
            metric: unguard(c(12)), metricID: c(13), kind: MetricKind(rawValue: c(14)) ?? .flow,
            region: Region(path: c(15), code: c(16)), organization: unguard(c(17)),
            period: Period(label: unguard(c(18)), start: c(19), end: c(20), month: c(21)),
            sentence: unguard(c(22)))
    }

    /// Undoes the writer's formula guard (`'=…` back to `=…`).
    /// On the bytes: `hasPrefix` and `count` work by Characters, normalizing every text
    /// field of every figure read. A guard is `'` and then an ASCII byte that starts a
    /// formula, so the first Character is the `'` alone and dropping one byte drops it.
    static func unguard(_ s: String) -> String {
        let u = s.utf8
        guard u.first == UInt8(ascii: "'") else { return s }
        let rest = u.dropFirst()
        guard let next = rest.first, CSVWriter.startsFormula(next) else { return s }
        return String(Substring(rest))
    }
}

extension Figure {
    /// The String that a column of `columns` writes, nil for a column that writes something else
    /// (a number, or a text made for the row: `qualifier`, `kind`); `forEachField` passes the
    /// String as the column's field (a test holds the two together).
    static func textColumn(_ column: String) -> WritableKeyPath<Figure, String>? {
        switch column {
        case "doc": return \.doc
        case "headline": return \.headline
        case "published": return \.published
        case "source": return \.source
        case "raw": return \.raw
        case "unit": return \.quantity.unit
        case "per": return \.quantity.per
        case "metric": return \.metric
        case "metric_id": return \.metricID
        case "region": return \.region.path
        case "region_code": return \.region.code
        case "organization": return \.organization
        case "period_label": return \.period.label
        case "period_start": return \.period.start
        case "period_end": return \.period.end
        case "month": return \.period.month
        case "sentence": return \.sentence
        default: return nil
        }
    }
}
