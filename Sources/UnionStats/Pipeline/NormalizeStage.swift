import Foundation

/// Stage 2: every page's mentions, the manifest and the `pipeline/`
/// dictionaries in; `figures.csv`, `articles.csv` and `rejects.csv` out.
public final class NormalizeStage {
    public let manifest: Manifest
    public let resolver: ContextResolver
    public let diagnostics: DiagnosticCollector

    public init(manifest: Manifest, dictionaries: Dictionaries, diagnostics: DiagnosticCollector) {
        self.manifest = manifest
        self.resolver = ContextResolver(dictionaries: dictionaries)
        self.diagnostics = diagnostics
    }

    /// The normalized result of one page.
    public struct PageResult: Sendable {
        public var figures: [Figure]
        public var articles: [[String]]
        public var rejects: [[String]]
    }

    public static let articleColumns = ["doc", "article", "headline", "byline", "line", "published", "source",
                                        "paragraphs", "characters", "figures"]
    public static let rejectColumns = ["doc", "line", "problem", "reason"]

    /// Normalizes one extracted page. Pure: safe to call from many threads.
    public func normalize(_ e: ExtractedPage) -> PageResult {
        let doc = e.page.doc
        if let problem = e.problem {
            return PageResult(figures: [], articles: [], rejects: [[doc, "", problem.code, problem.reason]])
        }
        let entry = manifest.entry(doc)
        let published = PublicationDate.resolve(manifest: entry?.published, fileName: doc, printed: e.page.printedDate)
        let source = entry?.source ?? ""
        let context = PageContext(doc: doc, published: published, source: source)

        // Mentions by index: grouping, ordering and dropping repeats move Ints, not copies of
        // mentions (six strings each, retained and released at every copy).
        // In article order, each article's mentions are a run found by two binary searches,
        // without a dictionary of grown arrays.
        let byArticle = NormalizeStage.articleOrder(e.mentions)

        var figures: [Figure] = []
        figures.reserveCapacity(e.mentions.count)  // at most one per mention: grown once, not at 1, 2, 4 …
        var articleRows: [[String]] = []
        var window: ScalarString = []  // a mention's words, reused from mention to mention
        let defaultRegion = resolver.defaultEntry(for: source)  // the page's, found once for its articles
        e.mentions.withUnsafeBufferPointer { mentions in
            for article in e.articles {
                let own = Array(byArticle[NormalizeStage.run(of: article.index, in: byArticle, of: mentions)])
                let kept = NormalizeStage.firstOccurrences(own, of: e.mentions, in: article)
                var parsed: [(index: Int, quantity: Quantity)] = []
                parsed.reserveCapacity(kept.count)
                for i in kept {
                    if let q = QuantityParser.parse(mentions.baseAddress! + i, in: article, window: &window) { parsed.append((i, q)) }
                }
                let contexts = resolver.resolve(article: article, mentions: e.mentions, figures: parsed, page: context,
                                                defaultRegion: defaultRegion)
                // By index: each figure takes the strings it needs, not a copy of the whole mention or context.
                for k in parsed.indices {
                    let i = parsed[k].index
                    figures.append(Figure(doc: doc, article: article.index, headline: article.headline, published: published,
                                          source: source, line: mentions[i].line, raw: mentions[i].raw,
                                          quantity: parsed[k].quantity, metric: contexts[k].metric, metricID: contexts[k].metricID,
                                          kind: contexts[k].kind, region: contexts[k].region, organization: contexts[k].organization,
                                          period: contexts[k].period, sentence: mentions[i].sentence))
                }
                // The kept scalars are the text's: counted without reading the text again.
                let chars = article.paragraphs.reduce(0) { $0 + ($1.keptScalars?.count ?? NormalizeStage.scalarCount($1.text)) }
                articleRows.append([doc, String(article.index), article.headline, article.byline, String(article.line),
                                    published, source, String(article.paragraphs.count), String(chars), String(parsed.count)])
            }
        }
        return PageResult(figures: figures, articles: articleRows, rejects: [])
    }

    /// Whether the mentions' article numbers never go down (each article's mentions are one run).
    static func groupedByArticle(_ mentions: [Mention]) -> Bool {
        mentions.withUnsafeBufferPointer { m in
            m.indices.dropFirst().allSatisfy { m[$0 - 1].article <= m[$0].article }
        }
    }

    /// The mentions' indices in article order, each article's in page order: as they come when
    /// `groupedByArticle` (the scanner gives them so), else sorted.
    static func articleOrder(_ mentions: [Mention]) -> [Int] {
        if groupedByArticle(mentions) { return Array(mentions.indices) }
        return mentions.withUnsafeBufferPointer { m in
            m.indices.sorted { m[$0].article != m[$1].article ? m[$0].article < m[$1].article : $0 < $1 }
        }
    }

    /// Where article `article`'s mentions are in `order` (an `articleOrder` of `mentions`).
    static func run(of article: Int, in order: [Int], of mentions: UnsafeBufferPointer<Mention>) -> Range<Int> {
        // The first place whose article is at least `a`.
        func first(atLeast a: Int) -> Int {
            var low = 0, high = order.count
            while low < high {
                let mid = (low + high) / 2
                if mentions[order[mid]].article < a { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return first(atLeast: article)..<first(atLeast: article + 1)
    }

    /// A raw figure said twice in one article is one figure, from its first
    /// body occurrence (a headline copy counts only when the body lacks it).
    /// Two copies within one sentence are a breakdown (`奖状1个，…先进集体1个`),
    /// not a repeat, and both stay.
    static func firstOccurrences(_ mentions: [Mention], in article: Article? = nil) -> [Mention] {
        firstOccurrences(Array(mentions.indices), of: mentions, in: article).map { mentions[$0] }
    }

    /// Articles with at most this many mentions look for a raw text said before by a scan of
    /// those kept so far: most have a handful, for which hashing each text and sizing a
    /// dictionary cost more than the comparisons. Longer ones use the dictionary.
    static let seenScanLimit = 16

    /// `firstOccurrences` of `all[indices]`, as indices into `all`. `scanLimit`: see `seenScanLimit`
    /// (tests give both ways the same mentions).
    static func firstOccurrences(_ indices: [Int], of all: [Mention], in article: Article?,
                                 scanLimit: Int = seenScanLimit) -> [Int] {
        all.withUnsafeBufferPointer { all in
            // Fields read in place: a `let` of a mention is a copy of its strings.
            let ordered = indices.sorted { i, j in
                let ka = all[i].paragraph < 0 ? Int.max : all[i].paragraph, kb = all[j].paragraph < 0 ? Int.max : all[j].paragraph
                return ka != kb ? ka < kb : all[i].start < all[j].start
            }
            var kept: [Int] = []
            kept.reserveCapacity(ordered.count)
            if ordered.count <= scanLimit {
                // `keys[k]`: the key of `kept[k]`; the last equal one is the one the dictionary would hold.
                var keys: [String] = []
                keys.reserveCapacity(ordered.count)
                for i in ordered {
                    let key = repeatKey(all[i].raw)
                    if let first = keys.lastIndex(where: { ByteString.equal($0, key) }),
                       !sameSentence(all[kept[first]], all[i], in: article) { continue }
                    keys.append(key)
                    kept.append(i)
                }
            } else {
                // Raw text by its bytes (`ByteKey`: all of an article's text comes from one decoding), to
                // the last kept mention that says it.
                var seen: [ByteKey: Int] = [:]
                seen.reserveCapacity(ordered.count)  // sized once, not grown and rehashed at 1, 2, 4 …
                for i in ordered {
                    let key = ByteKey(repeatKey(all[i].raw))
                    if let first = seen[key], !sameSentence(all[kept[first]], all[i], in: article) { continue }
                    seen[key] = kept.count
                    kept.append(i)
                }
            }
            // Back to reading order: headline first, then body.
            return kept.sorted { i, j in
                all[i].paragraph != all[j].paragraph ? all[i].paragraph < all[j].paragraph : all[i].start < all[j].start
            }
        }
    }

    /// What makes two raw texts the same figure: `raw` without its whitespace.
    @inline(__always)
    static func repeatKey(_ raw: String) -> String {
        let spaced = mayHoldWhitespace(raw) && raw.unicodeScalars.contains(where: isWhitespace)
        return spaced ? String(String.UnicodeScalarView(raw.unicodeScalars.filter { !isWhitespace($0) })) : raw
    }

    /// False when no scalar of `s` can be whitespace: each whitespace scalar (U+0009–000D, 0020, 0085, 00A0,
    /// 1680, 2000–200A, 2028, 2029, 202F, 205F, 3000) has a UTF-8 byte of 0x20 or less, or a lead byte
    /// C2, E1, E2 or E3; a figure's digits and ideographs have none, and are not decoded to tell.
    static func mayHoldWhitespace(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 <= 0x20 || $0 == 0xC2 || ($0 >= 0xE1 && $0 <= 0xE3) }
        } ?? true
    }

    /// `properties.isWhitespace`, answered without the property lookup for visible ASCII and CJK ideographs.
    @inline(__always)
    static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if (v > 0x20 && v < 0x7F) || (v >= 0x4E00 && v <= 0x9FFF) { return false }
        return c.properties.isWhitespace
    }

    /// `s.unicodeScalars.count`, from the UTF-8 bytes: every byte but a continuation byte starts a scalar.
    static func scalarCount(_ s: String) -> Int {
        let fast = s.utf8.withContiguousStorageIfAvailable { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
        return fast ?? s.unicodeScalars.count
    }

    /// True when `b` follows `a` in the same paragraph with no sentence end between them.
    static func sameSentence(_ a: Mention, _ b: Mention, in article: Article?) -> Bool {
        guard let article, a.paragraph >= 0, a.paragraph == b.paragraph, a.paragraph < article.paragraphs.count,
              a.end <= b.start else { return false }
        let scalars = article.paragraphs[a.paragraph].scalars
        guard b.start <= scalars.count else { return false }
        return !scalars[a.end..<b.start].contains(where: ScalarClass.isSentenceEnd)
    }
}
