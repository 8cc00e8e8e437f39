/// The text of the report's cells that are put together from several fields,
/// written straight into a table's bytes (no `String` per cell).
extension ReportWriter {
    /// Whether `a` and `b` are the same bytes: at once when they are the same string (one storage,
    /// or the same small string), as a page's figures read back share their texts; else by bytes.
    @inline(__always)
    static func sameText(_ a: String, _ b: String) -> Bool {
        ByteString.sameValue(a, b) || ByteString.equal(a, b)
    }

    static func regionLabel(_ path: String) -> String { path.isEmpty ? "（地区不明）" : path }

    static func metricLabel(_ metric: String) -> String { metric.isEmpty ? "（未识别）" : metric }

    /// `人民日报 2020-11-03 《标题》`, or the file name when there is no headline.
    static func appendSource(source: String, published: String, headline: String, doc: String, to out: inout [UInt8]) {
        out.appendUTF8(source.isEmpty ? "来源不明" : source)
        out.append(0x20)
        out.appendUTF8(published.isEmpty ? "日期不明" : published)
        out.append(0x20)
        if headline.isEmpty {
            out.appendUTF8(doc)
        } else {
            out.appendUTF8("《")
            out.appendUTF8(headline)
            out.appendUTF8("》")
        }
    }

    /// ` 等N处` after a row's first source when it has `count` > 1.
    static func appendMoreSources(_ count: Int, to out: inout [UInt8]) {
        if count > 1 {
            out.appendUTF8(" 等")
            out.appendUTF8(String(count))
            out.appendUTF8("处")
        }
    }

    /// Parts of a note, joined by `，`.
    struct NoteParts {
        var empty = true

        mutating func add(_ s: String, to out: inout [UInt8]) {
            if !empty { out.appendUTF8("，") }
            empty = false
            out.appendUTF8(s)
        }
    }

    /// A row's note from its qualifiers, kind and number of figures.
    static func appendNote(qualifiers: [Qualifier], kind: MetricKind, figures: Int, to out: inout [UInt8]) {
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
    static func appendNote(_ q: Quantity, kind: MetricKind, to out: inout [UInt8]) {
        var parts = NoteParts()
        let text = NumberFormat.chinese(q.qualifier)
        if !text.isEmpty { parts.add(text, to: &out) }
        if kind == .rate { parts.add("比率", to: &out) }
        if !q.per.isEmpty { parts.add("每" + q.per, to: &out) }
        if kind == .level { parts.add("存量", to: &out) }
    }

    /// The unit, `/per` after it for per-unit amounts.
    static func appendUnit(_ q: Quantity, to out: inout [UInt8]) {
        out.appendUTF8(q.unit)
        if !q.per.isEmpty {
            out.append(UInt8(ascii: "/"))
            out.appendUTF8(q.per)
        }
    }
}
