/// The per-page file between extract and normalize. One CSV, so that extract
/// can run as a filter (page on stdin, CSV on stdout); a `record` column says
/// what each row holds:
///
/// - `page`:    text = encoding, extra = date printed on the page
/// - `reject`:  text = problem code, extra = reason
/// - `article`: article, line, text = headline, extra = byline
/// - `subhead`: article, text = a sub-headline or kicker
/// - `para`:    article, paragraph, line = first source line, text, extra = line starts
/// - `mention`: article, paragraph, line, start, end, text = raw, sentence, before, after
public enum IntermediateCSV {
    public static let columns = ["record", "doc", "article", "paragraph", "line", "start", "end",
                                 "text", "sentence", "before", "after", "extra"]

    public static func write(_ page: ExtractedPage, to path: String) throws {
        let w = try CSVWriter(path: path, header: columns, numericColumns: Set(columns), encoding: .utf8)
        do {
            try write(page, with: w)
            try w.close()
        } catch {
            w.abandon()
            throw error
        }
    }

    static func write(_ e: ExtractedPage, with w: CSVWriter) throws {
        let doc = e.page.doc
        func row(_ record: String, article: Int = 0, paragraph: Int = 0, line: Int = 0, start: Int = 0, end: Int = 0,
                 text: String = "", sentence: String = "", before: String = "", after: String = "", extra: String = "") throws {
            try w.write([record, doc, String(article), String(paragraph), String(line), String(start), String(end),
                         text, sentence, before, after, extra])
        }
        if let problem = e.problem {
            try row("reject", text: problem.code, extra: problem.reason)
            return
        }
        try row("page", text: e.page.encoding, extra: e.page.printedDate ?? "")
        for a in e.articles {
            try row("article", article: a.index, line: a.line, text: a.headline, extra: a.byline)
            for s in a.subheadlines { try row("subhead", article: a.index, text: s) }
            for (i, p) in a.paragraphs.enumerated() {
                try row("para", article: a.index, paragraph: i, line: p.firstLine, text: p.text,
                        extra: p.lineStarts.map(String.init).joined(separator: " "))
            }
        }
        for m in e.mentions {
            try row("mention", article: m.article, paragraph: m.paragraph, line: m.line, start: m.start, end: m.end,
                    text: m.raw, sentence: m.sentence, before: m.before, after: m.after)
        }
    }

    /// Reads a page back; errors name the file and the row.
    public static func read(_ path: String) throws -> ExtractedPage {
        var page = Page(doc: "", encoding: "", paragraphs: [])
        var articles: [Article] = []
        var mentions: [Mention] = []
        var problem: PageProblem? = nil
        try CSVReader(path: path).forEachRecord(required: columns) { r in
            let int = { (c: String) throws -> Int in
                guard let v = Int(r[c]) else {
                    throw CSVError.malformed(path: path, row: r.row, reason: "column \(c) is not a number: \(r[c])")
                }
                return v
            }
            page.doc = r["doc"]
            switch r["record"] {
            case "page":
                page.encoding = r["text"]
                page.printedDate = r["extra"].isEmpty ? nil : r["extra"]
            case "reject":
                problem = PageProblem(code: r["text"], reason: r["extra"])
            case "article":
                articles.append(Article(index: try int("article"), headline: r["text"], byline: r["extra"], paragraphs: []))
            case "subhead":
                guard !articles.isEmpty else { throw CSVError.malformed(path: path, row: r.row, reason: "subhead before any article") }
                articles[articles.count - 1].subheadlines.append(r["text"])
            case "para":
                guard !articles.isEmpty else { throw CSVError.malformed(path: path, row: r.row, reason: "para before any article") }
                let starts = r["extra"].split(separator: " ").compactMap { Int($0) }
                articles[articles.count - 1].paragraphs.append(
                    Paragraph(text: r["text"], firstLine: try int("line"), lineStarts: starts.isEmpty ? [0] : starts))
            case "mention":
                mentions.append(Mention(doc: r["doc"], article: try int("article"), paragraph: try int("paragraph"),
                                        start: try int("start"), end: try int("end"), line: try int("line"),
                                        raw: r["text"], sentence: r["sentence"], before: r["before"], after: r["after"]))
            case let other:
                throw CSVError.malformed(path: path, row: r.row, reason: "unknown record type '\(other)'")
            }
        }
        return ExtractedPage(page: page, articles: articles, mentions: mentions, problem: problem)
    }
}
