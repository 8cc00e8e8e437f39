#if canImport(Glibc)
import Glibc
#endif

/// Stage 1: one input page in, its articles and figure mentions out.
public enum ExtractStage {
    /// Pages above this size are rejected rather than read into memory.
    public static let maximumPageBytes = 256 << 20

    /// Decodes, repairs, splits and scans one page's bytes. Never throws: a
    /// page that cannot be read comes back with `problem` set.
    public static func extract(doc: String, bytes: [UInt8]) -> ExtractedPage {
        do {
            let (text, encoding) = try TextDecoder.decode(bytes)
            let paragraphs = TextRepair.paragraphs(from: text)
            let printed = PrintedDate.find(in: paragraphs)
            let articles = ArticleSplitter.articles(from: paragraphs)
            var mentions: [Mention] = []
            for article in articles {
                mentions += MentionScanner.mentions(in: article, doc: doc)
            }
            let page = Page(doc: doc, encoding: encoding, paragraphs: [], printedDate: printed)
            return ExtractedPage(page: page, articles: articles, mentions: mentions)
        } catch let problem as PageProblem {
            return rejected(doc, problem)
        } catch {
            return rejected(doc, PageProblem(code: "undecodable", reason: "\(error)"))
        }
    }

    /// Reads and extracts the file at `path`; unreadable or oversized files come back rejected.
    public static func extract(path: String, doc: String? = nil) -> ExtractedPage {
        let name = doc ?? FilePaths.baseName(path)
        switch FilePaths.readAll(path, limit: maximumPageBytes) {
        case .success(let bytes):
            return extract(doc: name, bytes: bytes)
        case .failure(let problem):
            return rejected(name, problem)
        }
    }

    static func rejected(_ doc: String, _ problem: PageProblem) -> ExtractedPage {
        ExtractedPage(page: Page(doc: doc, encoding: "", paragraphs: []), articles: [], mentions: [], problem: problem)
    }
}
