import Foundation

/// Resolves metric, region, organization and period for the figures of one
/// article. Places, organizations and time phrases are found once per article;
/// each figure then looks them up by position.
public struct ContextResolver: Sendable {
    public let dictionaries: Dictionaries
    /// Index of each source's default region in the gazetteer (nil: none).
    private let defaults: [String: Int]
    /// The default entries of the other sources met so far: found by searching the
    /// sources table and the gazetteer, once per source rather than once per article.
    private let searched = SearchedDefaults()

    public init(dictionaries: Dictionaries) {
        self.dictionaries = dictionaries
        var d: [String: Int] = [:]
        for row in dictionaries.sources.rows where !row.region.isEmpty {
            if let e = dictionaries.gazetteer.entry(path: row.region) { d[row.source] = e }
        }
        defaults = d
    }

    /// The default region's gazetteer entry for a source, if any.
    func defaultEntry(for source: String) -> Int? {
        if let e = defaults[source] { return e }
        return searched.entry(for: source) {
            // A source that contains a listed name (劳动午报社).
            let path = dictionaries.sources.defaultRegion(of: source)
            return path.isEmpty ? nil : dictionaries.gazetteer.entry(path: path)
        }
    }

    /// One `FigureContext` per figure, in the order given.
    public func resolve(article: Article, figures: [(mention: Mention, quantity: Quantity)], page: PageContext) -> [FigureContext] {
        resolve(article: article, mentions: figures.map(\.mention), figures: figures.indices.map { ($0, figures[$0].quantity) }, page: page,
                defaultRegion: defaultEntry(for: page.source))
    }

    /// One `FigureContext` per figure `mentions[index]` of `quantity`, in the order given (by index:
    /// a copy of a mention retains and releases six strings). `defaultRegion` is `defaultEntry(for: page.source)`.
    func resolve(article: Article, mentions: [Mention], figures: [(index: Int, quantity: Quantity)], page: PageContext,
                 defaultRegion: Int?) -> [FigureContext] {
        guard !figures.isEmpty else { return [] }
        let text = ArticleContext(article: article, mentions: mentions, figures: figures, gazetteer: dictionaries.gazetteer,
                                  defaultRegion: defaultRegion)
        let published = PeriodResolver.Published(page.published)
        // Each organization's name made once, for the figures that report it (an article has few).
        var names: [(org: Int, name: String?)] = []
        var contexts: [FigureContext] = []
        contexts.reserveCapacity(figures.count)
        for i in figures.indices {
            let f = text.figures[i]
            let metric = f.metric?.text ?? ""
            let period = text.period(of: f, published: page.published, published)
            // The organization by index: an optional copy of one cost a generic destroy at each figure.
            let org = text.organization(of: f)
            var name: String? = nil
            if let k = org {
                if let known = names.first(where: { $0.org == k }) {
                    name = known.name
                } else {
                    name = text.string(text.orgs[k].name)
                    names.append((k, name))
                }
            }
            let region = text.region(of: f, organization: org, name: name, gazetteer: dictionaries.gazetteer)
            // The metric's scalars, read once from its paragraph for the dictionary and the kind.
            let metricScalars = text.metricScalars(f)
            let entry = dictionaries.metrics.matchIndex(scalars: metricScalars)
            let kind = ContextResolver.kind(unit: figures[i].quantity.unit, metric: metric, metricScalars: metricScalars,
                                            dictionary: entry.map { dictionaries.metrics.metrics[$0].kind }, label: period.label,
                                            before: text.clauseBefore(f))
            // Made in the array, not copied into it.
            contexts.append(FigureContext(metric: metric, metricID: entry.map { dictionaries.metrics.metrics[$0].id } ?? "",
                                          kind: kind, region: region,
                                          organization: name ?? "", period: period))
        }
        return contexts
    }

    static let stateLabels = LiteralWords(["目前", "现在", "当前", "如今", "现有", "截至", "截止", "至今", "到目前为止"])
    static let stateWords = ["在档", "现有", "共有", "已有", "达到", "现存", "在册", "入库", "拥有"].map { Array($0.unicodeScalars) }

    /// rate for % and 率; the dictionary's kind; else level for a state at a
    /// date (在档/现有/共有… with 目前/截至…), else flow. `before` is the
    /// figure's sentence up to the figure; `metricScalars` are `metric`'s.
    static func kind(unit: String, metric: String, metricScalars m: ArraySlice<Unicode.Scalar>, dictionary: MetricKind?, label: String,
                     before: ArraySlice<Unicode.Scalar>) -> MetricKind {
        // `metric` ends in 率: for plain text its last scalar is 率 (TextClasses.hasSuffix), read from its scalars.
        let metricPlain = TextClasses.allPlain(m)
        if TextClasses.isPercent(unit) || (metricPlain ? m.last == "率" : metric.hasSuffix("率")) { return .rate }
        if let k = dictionary { return k }
        let stateLabel = stateLabels.anyPrefix(of: label)
        let beforePlain = TextClasses.allPlain(before)
        func said(_ w: [Unicode.Scalar]) -> Bool {
            TextClasses.contains(before, plain: beforePlain, w) || TextClasses.contains(m, plain: metricPlain, w)
        }
        if stateLabel, stateWords.contains(where: said) { return .level }
        if stateWords.prefix(2).contains(where: said) { return .level }
        return .flow
    }
}

/// A source → default entry memo shared by the threads that resolve articles. Bounded:
/// sources come from the manifest, but a manifest may name a new one on every row.
private final class SearchedDefaults: @unchecked Sendable {
    static let limit = 10_000
    private let lock = NSLock()
    private var entries: [String: Int?] = [:]

    func entry(for source: String, _ search: () -> Int?) -> Int? {
        lock.lock()
        let known = entries[source]
        lock.unlock()
        if let e = known { return e }
        let e = search()
        lock.lock()
        if entries.count < SearchedDefaults.limit { entries[source] = e }
        lock.unlock()
        return e
    }
}
