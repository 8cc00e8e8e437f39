import Foundation
@testable import UnionStats

/// The shipped `pipeline/` tables, loaded once for all context tests.
enum PipelineFixture {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("pipeline").path
    }()

    static let dictionaries: Dictionaries = {
        do { return try Dictionaries.load(from: directory) } catch { fatalError("pipeline/ does not load: \(error)") }
    }()

    /// An article of one paragraph per string; each figure's raw text is marked ⟦like this⟧.
    static func article(_ paragraphs: [String], headline: String = "") -> (Article, [(mention: Mention, quantity: Quantity)]) {
        var paras: [Paragraph] = []
        var figures: [(mention: Mention, quantity: Quantity)] = []
        for (pi, p) in paragraphs.enumerated() {
            var scalars: [Unicode.Scalar] = []
            var start = -1
            for s in p.unicodeScalars {
                if s == "⟦" { start = scalars.count; continue }
                if s == "⟧" {
                    let raw = TextClasses.string(scalars[start..<scalars.count])
                    let unit = raw.unicodeScalars.last.map { String($0) } ?? ""
                    let m = Mention(doc: "t", article: 1, paragraph: pi, start: start, end: scalars.count, line: pi + 1,
                                    raw: raw, sentence: "")
                    figures.append((m, Quantity(value: 1, unit: unit == "%" ? "%" : unit)))
                    continue
                }
                scalars.append(s)
            }
            paras.append(Paragraph(text: TextClasses.string(scalars), firstLine: pi + 1))
        }
        return (Article(index: 1, headline: headline, paragraphs: paras), figures)
    }

    /// Resolves every marked figure of an article.
    static func resolve(_ paragraphs: [String], headline: String = "", source: String = "劳动午报",
                        published: String = "2020-01-08") -> [FigureContext] {
        let (a, f) = article(paragraphs, headline: headline)
        return ContextResolver(dictionaries: dictionaries).resolve(article: a, figures: f,
                                                                   page: PageContext(doc: "t", published: published, source: source))
    }
}
