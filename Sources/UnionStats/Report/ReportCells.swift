/// The text of the report's cells that are put together from several fields,
/// written straight into a table's bytes (no `String` per cell), or any `ByteAppending`.
extension ReportWriter {
    static func regionLabel(_ path: String) -> String { path.isEmpty ? "（地区不明）" : path }

    static func metricLabel(_ metric: String) -> String { metric.isEmpty ? "（未识别）" : metric }

    /// `人民日报 2020-11-03 《标题》`, or the file name when there is no headline.
    static func appendSource<Sink: ByteAppending>(source: String, published: String, headline: String, doc: String, to out: inout Sink) {
        out.appendText(source.isEmpty ? "来源不明" : source)
        out.appendByte(0x20)
        out.appendText(published.isEmpty ? "日期不明" : published)
        out.appendByte(0x20)
        if headline.isEmpty {
            out.appendText(doc)
        } else {
            out.appendText("《")
            out.appendText(headline)
            out.appendText("》")
        }
    }

    /// ` 等N处` after a row's first source when it has `count` > 1.
    static func appendMoreSources<Sink: ByteAppending>(_ count: Int, to out: inout Sink) {
        if count > 1 {
            out.appendText(" 等")
            out.appendText(String(count))
            out.appendText("处")
        }
    }

    /// Parts of a note, joined by `，`.
    struct NoteParts {
        var empty = true

        mutating func add<Sink: ByteAppending>(_ s: String, to out: inout Sink) {
            if !empty { out.appendText("，") }
            empty = false
            out.appendText(s)
        }
    }

    /// A row's note from its qualifiers, kind and number of figures.
    static func appendNote<Sink: ByteAppending>(qualifiers: [Qualifier], kind: MetricKind, figures: Int, to out: inout Sink) {
        var parts = NoteParts()
        for q in qualifiers {
            let text = NumberFormat.chinese(q)
            if !text.isEmpty { parts.add(text, to: &out) }
        }
        switch kind {
        case .level: parts.add("月内最新", to: &out)
        case .flow, .rate: if figures > 1 { parts.add(String(figures) + "条合计", to: &out) }
        }
    }

    /// A figure's note, from its quantity and kind.
    static func appendNote<Sink: ByteAppending>(_ q: Quantity, kind: MetricKind, to out: inout Sink) {
        appendNote(qualifier: q.qualifier, per: q.per, kind: kind, to: &out)
    }

    /// `appendNote` of a quantity's qualifier and per-unit (a `Quantity` passed from a figure was a copy).
    static func appendNote<Sink: ByteAppending>(qualifier: Qualifier, per: String, kind: MetricKind, to out: inout Sink) {
        var parts = NoteParts()
        let text = NumberFormat.chinese(qualifier)
        if !text.isEmpty { parts.add(text, to: &out) }
        if kind == .rate { parts.add("比率", to: &out) }
        if !per.isEmpty { parts.add("每" + per, to: &out) }
        if kind == .level { parts.add("存量", to: &out) }
    }

    /// The unit, `/per` after it for per-unit amounts.
    static func appendUnit<Sink: ByteAppending>(_ q: Quantity, to out: inout Sink) {
        appendUnit(unit: q.unit, per: q.per, to: &out)
    }

    static func appendUnit<Sink: ByteAppending>(unit: String, per: String, to out: inout Sink) {
        out.appendText(unit)
        if !per.isEmpty {
            out.appendByte(UInt8(ascii: "/"))
            out.appendText(per)
        }
    }
}
