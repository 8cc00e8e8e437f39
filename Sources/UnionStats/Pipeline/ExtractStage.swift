#if canImport(Glibc)
import Glibc
#endif

/// Stage 1: one input page in, its articles and figure mentions out.
public enum ExtractStage {
    /// Decodes, repairs, splits and scans one page's bytes. Never throws: a
    /// page that cannot be read comes back with `problem` set.
    public static func extract(doc: String, bytes: [UInt8]) -> ExtractedPage {
        do {
            let (paragraphs, encoding) = try repaired(bytes)
            let printed = PrintedDate.find(in: paragraphs)
            // The paragraphs are handed over (their last use): the splitter moves them into the articles.
            var articles = ArticleSplitter.articles(from: consume paragraphs)
            // Otherwise the page would be in no output at all, as if it had never been read.
            if articles.isEmpty { return rejected(doc, noText) }
            var mentions: [Mention] = []
            // Each article is moved out of the array for the scan and back in after it: read from the
            // array (`for article in articles`, `articles[a]`), it is copied first, a retain and a
            // release of each of its four strings and arrays, for a call that only reads it.
            articles.withUnsafeMutableBufferPointer { all in
                for a in all.indices {
                    let article = (all.baseAddress! + a).move()
                    MentionScanner.mentions(in: article, doc: doc, into: &mentions)
                    (all.baseAddress! + a).initialize(to: article)
                }
            }
            let page = Page(doc: doc, encoding: encoding, paragraphs: [], printedDate: printed)
            return ExtractedPage(page: page, articles: articles, mentions: mentions)
        } catch let problem as PageProblem {
            return rejected(doc, problem)
        } catch {
            return rejected(doc, PageProblem(code: "undecodable", reason: "\(error)"))
        }
    }

    /// The page's paragraphs and the name of its encoding. A page that may be UTF-8 is repaired
    /// from its bytes, checked as the repair decodes them; the others, and those that turn out not to
    /// be UTF-8, are decoded first. A plain UTF-8 page that leaves no paragraph (perhaps only
    /// spaces) is still decoded, for the problem `decode` finds in it, but not repaired again: its
    /// text is its bytes, so the repair would leave no paragraph again.
    static func repaired(_ bytes: [UInt8]) throws -> (paragraphs: [Paragraph], encoding: String) {
        // The repair's first pass makes the binary check of a UTF-8 page as it decodes it (and throws
        // for a binary one); a page it leaves to `decode` is checked there, as it would have been.
        if let (body, encoding) = TextDecoder.plainUTF8(bytes), let paragraphs = try TextRepair.paragraphs(fromUTF8: body) {
            if paragraphs.isEmpty { _ = try TextDecoder.decode(bytes, binaryChecked: true) }
            return (paragraphs, encoding)
        }
        let (text, encoding) = try TextDecoder.decode(bytes)
        return (TextRepair.paragraphs(from: text), encoding)
    }

    static let noText = PageProblem(code: "no-text", reason: "no article left once page furniture (navigation, imprint, ad markers) is taken out: not a news page, or saved incompletely")

    static func rejected(_ doc: String, _ problem: PageProblem) -> ExtractedPage {
        ExtractedPage(page: Page(doc: doc, encoding: "", paragraphs: []), articles: [], mentions: [], problem: problem)
    }
}
