/// The metric dictionary (`pipeline/metrics.csv`): canonical metric ids with
/// names, synonyms, unit and kind. A metric phrase from the text maps to the
/// id whose longest synonym (or Chinese name) it contains.
public struct MetricDictionary: Sendable {
    public struct Metric: Sendable, Equatable {
        public var id: String
        public var nameZH: String
        public var nameEN: String
        public var synonyms: [String]
        public var unit: String
        public var kind: MetricKind
    }

    public private(set) var metrics: [Metric] = []
    /// (synonym, metric index), longest synonym first.
    private var patterns: [(text: String, metric: Int)] = []
    /// Pattern indexes by their first scalar.
    private var byFirst = ScalarMap<[Int]>([:])
    private var patternScalars: [[Unicode.Scalar]] = []

    public init(metrics: [Metric] = []) {
        for m in metrics { append(m) }
        index()
    }

    public mutating func add(_ m: Metric) {
        append(m)
        index()
    }

    /// A metric and its patterns, not yet in order (a table loads all, then orders them once).
    private mutating func append(_ m: Metric) {
        let i = metrics.count
        metrics.append(m)
        for s in Set([m.nameZH] + m.synonyms) where !s.isEmpty { patterns.append((s, i)) }
    }

    /// Patterns ordered longest first (then by text and metric: the order is the same whatever order they came in).
    private mutating func index() {
        patterns.sort { a, b in
            let la = a.text.unicodeScalars.count, lb = b.text.unicodeScalars.count
            return la != lb ? la > lb : (a.text, a.metric) < (b.text, b.metric)
        }
        patternScalars = patterns.map { Array($0.text.unicodeScalars) }
        byFirst = ScalarMap(grouping: Array(patterns.indices)) { patternScalars[$0][0] }
    }

    /// The metric whose longest synonym the phrase contains; nil when none.
    public func match(_ phrase: String) -> Metric? {
        match(scalars: TextClasses.scalars(phrase)[...])
    }

    /// `match` of a phrase given as its scalars (a metric read from a paragraph is not decoded again).
    func match(scalars t: ArraySlice<Unicode.Scalar>) -> Metric? {
        matchIndex(scalars: t).map { metrics[$0] }
    }

    /// The index in `metrics` of `match(scalars:)`: its fields are read in place, not copied with its strings.
    func matchIndex(scalars t: ArraySlice<Unicode.Scalar>) -> Int? {
        var best: Int? = nil  // index into patterns: smaller is longer (or earlier)
        for i in t.indices {
            guard let candidates = byFirst[t[i]] else { continue }
            for p in candidates where best == nil || p < best! {
                let w = patternScalars[p]
                if i + w.count <= t.endIndex, t[i..<(i + w.count)].elementsEqual(w) { best = p; break }
            }
        }
        return best.map { patterns[$0].metric }
    }
}

/// Newspapers and their default region (`pipeline/sources.csv`).
public struct SourceTable: Sendable {
    /// (source name, default region path), in file order.
    public private(set) var rows: [(source: String, region: String)] = []

    public init(rows: [(source: String, region: String)] = []) {
        self.rows = rows
    }

    /// The default region path of a source: an exact name first, else the
    /// longest listed name that the source's name contains (劳动午报社).
    public func defaultRegion(of source: String) -> String {
        if let r = rows.first(where: { $0.source == source }) { return r.region }
        var best: (len: Int, region: String)? = nil
        for r in rows where !r.source.isEmpty && source.contains(r.source) {
            let l = r.source.unicodeScalars.count
            if best == nil || l > best!.len { best = (l, r.region) }
        }
        return best?.region ?? ""
    }
}
