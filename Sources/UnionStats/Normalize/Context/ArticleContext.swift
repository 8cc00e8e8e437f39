/// An article read once for context: its places (resolved in reading order),
/// organizations (short references expanded), time phrases and the figures'
/// metrics, by paragraph and offset. The headline and sub-headlines are read
/// first: they name the article's subject.
struct ArticleContext {
    typealias S = Unicode.Scalar

    struct Place {
        var start: Int
        var end: Int
        var entry: Int
        var written: String?
        /// False inside an affiliation (来自X医院的) or inside a counted noun (汉中市劳动模范9名).
        var usable: Bool
        /// One of several places listed together (深圳、东莞、南宁、海口): not the place of later figures.
        var listed = false
    }

    struct Org {
        var seg: Int
        var start: Int
        var end: Int
        /// The full name (expanded from 区总工会, 该公司工会 …); `.unknown` when it cannot be told.
        var name: OrgName
        var usable: Bool
        /// The most specific place in the name (or in the name it was expanded from).
        var place: Int?
        var bare: Bool
        /// May stand for a later short reference (usable, or named as where something happened).
        var referable: Bool
        /// The name ends in 工会 (工会委员会, 工会联合会); in 总工会.
        var union = false
        var generalUnion = false
    }

    struct Seg {
        var text: [S]
        var places: [Place] = []
        var times: [TimePhrase] = []
        /// The times that are not embedded in an object or a comparison.
        var freeTimes: [TimePhrase] = []
    }

    struct Fig {
        var seg: Int
        var start: Int
        var end: Int
        var metric: MetricSpan?
        /// Start of the sentence holding the figure (found once: period, owner, region and kind all read it).
        var sentence = 0
    }

    // No gazetteer: the caller passes its own to what reads one (a copy held here retained and released each of
    // its tables, and the context was copied once more when made).
    let defaultRegion: Int?
    var segs: [Seg] = []
    let bodyCount: Int
    var orgs: [Org] = []
    var figures: [Fig] = []

    var headline: Int { bodyCount }
    var subheadline: Int { bodyCount + 1 }
    /// The segment read `r`-th: the headline block first, then the body (an index, not an array made at each loop).
    @inline(__always)
    func segment(inReadingOrder r: Int) -> Int { r < 2 ? bodyCount + r : r - 2 }

    /// The context of `article` for its figures `mentions[index]` of `quantity`.
    /// (`gazetteer` borrowed: an initializer's argument is its own, copied by the caller, unless it says so.)
    init(article: Article, mentions: [Mention], figures input: [(index: Int, quantity: Quantity)], gazetteer: borrowing Gazetteer,
         defaultRegion: Int?) {
        self.defaultRegion = defaultRegion
        bodyCount = article.paragraphs.count
        // Room for the headline block too: growing the array for it copied every segment.
        segs.reserveCapacity(article.paragraphs.count + 2)
        for p in article.paragraphs { segs.append(Seg(text: p.scalars)) }
        segs.append(Seg(text: TextClasses.scalars(article.headline)))
        segs.append(Seg(text: TextClasses.scalars(article.subheadlines.joined(separator: "。"))))

        // Figures first: time phrases are read only in their segments and in the lead (the
        // lead paragraphs and the headline block), and finding them elsewhere was wasted.
        figures.reserveCapacity(input.count)
        mentions.withUnsafeBufferPointer { mentions in
            for item in input {
                // Fields read in place: a copy of a mention retains its six strings.
                let m = item.index, start = mentions[m].start, end = mentions[m].end
                var s = mentions[m].paragraph < 0 || mentions[m].paragraph >= bodyCount ? headline : mentions[m].paragraph
                // A figure of a sub-headline (also paragraph -1): the sub-headline segment when the headline lacks it.
                if s == headline, !ArticleContext.holds(mentions[m].raw, start, end, segs[headline].text),
                   ArticleContext.holds(mentions[m].raw, start, end, segs[subheadline].text) { s = subheadline }
                let r = ArticleContext.locate(mentions[m].raw, start, end, in: segs[s].text)
                figures.append(Fig(seg: s, start: r.lowerBound, end: r.upperBound, metric: nil,
                                   sentence: TextClasses.sentenceStart(segs[s].text, r.lowerBound)))
            }
        }

        // Time phrases are read in the lead and where a figure lies (a few figures: asked per segment,
        // cheaper than marking the segments in an array made per article).
        func timed(_ s: Int) -> Bool { ArticleContext.isLead(s, bodyCount: bodyCount) || figures.contains { $0.seg == s } }

        // Places, in reading order, so that earlier places disambiguate later ones.
        var resolver = RegionResolver.Named(gazetteer: gazetteer, defaultRegion: defaultRegion)
        // The finders' tables, read once per article and passed to each segment's scan (a static read is a `swift_once`).
        let streetStarts = Gazetteer.streetStarts, timeLists = TimePhraseFinder.lists, orgLists = OrganizationFinder.lists
        let surnames = RegionResolver.surnames  // once per article, not at each name (a static read is a `swift_once`)
        var names: [Gazetteer.NameMatch] = []  // one array for the segments' names, not one per segment
        for r in segs.indices {
            let s = segment(inReadingOrder: r)
            let text = segs[s].text
            var resolvedEnd = 0
            gazetteer.scanNames(text, into: &names, streetStarts)
            for m in names where m.start >= resolvedEnd {
                if let p = resolver.resolve(m, in: text, segment: s, gazetteer, surnames) {
                    // 在城关区等5个城区: an example from a list, not where the figure is.
                    let example = m.end < text.count && text[m.end] == "等"
                    if segs[s].places.isEmpty { segs[s].places.reserveCapacity(4) }  // grow once, not at 1, 2, 4
                    segs[s].places.append(Place(start: m.start, end: m.end, entry: p.entry, written: p.written, usable: !example))
                    resolvedEnd = m.end
                }
            }
            if timed(s) {
                segs[s].times = TimePhraseFinder.find(in: text, timeLists)
                // Most segments have no embedded phrase: then the free ones are the same array, not a copy.
                segs[s].freeTimes = segs[s].times.contains { $0.embedded } ? segs[s].times.filter { !$0.embedded } : segs[s].times
            }
        }

        // Their metrics, segment by segment in reading order within each (the order of the segments is free:
        // each reads its own figures and text).
        let order = figures.indices.sorted {
            (figures[$0].seg, figures[$0].start, $0) < (figures[$1].seg, figures[$1].start, $1)
        }
        var times: [Range<Int>] = [], placeSpans: [Range<Int>] = []
        // The figure before in the segment, by index, and each metric set in place: a copy of a figure
        // (an optional one too) retained and released its metric's text.
        var previous: Int? = nil
        // Read once, not in the closures below at each scalar (a static read is a `swift_once` call).
        let clauseEnd = TextClasses.clauseEnd, sentenceEnd = TextClasses.sentenceEnd
        for (n, i) in order.enumerated() {
            let s = figures[i].seg
            let text = segs[s].text
            if n == 0 || figures[order[n - 1]].seg != s {
                times = segs[s].times.map { $0.start..<$0.end }
                placeSpans = segs[s].places.map { $0.start..<$0.end }
                previous = nil
            }
            let start = figures[i].start
            var prevMetric: MetricSpan? = nil, prevInSentence: MetricSpan? = nil
            if let p = previous, figures[p].end <= start {
                let between = text[figures[p].end..<start]
                if !between.contains(where: { clauseEnd.contains($0) }) { prevMetric = figures[p].metric }
                if !between.contains(where: { sentenceEnd.contains($0) }) { prevInSentence = figures[p].metric }
            }
            let metric = MetricFinder.find(in: text, raw: start..<figures[i].end, unit: input[i].quantity.unit, times: times,
                                           previous: prevMetric, places: placeSpans, previousInSentence: prevInSentence)
            figures[i].metric = metric
            previous = i
        }

        for s in segs.indices {
            let ps = segs[s].places
            for k in ps.indices where k > 0 {
                let a = ps[k - 1], b = ps[k]
                if b.start - a.end == 1, "、和与及".unicodeScalars.contains(segs[s].text[a.end]), a.entry != b.entry,
                   !gazetteer.isAncestor(a.entry, of: b.entry), !gazetteer.isAncestor(b.entry, of: a.entry) {
                    segs[s].places[k - 1].listed = true
                    segs[s].places[k].listed = true
                }
            }
        }

        // Organizations, in reading order, expanding short references from earlier names.
        // Where a place name lies in the segment read: one array for the article, marked from the
        // segment's places before its names are read and cleared after.
        var covered = [Bool](repeating: false, count: segs.reduce(0) { max($0, $1.text.count) })
        // Read once per article, not at each name (a static read is a `swift_once` call).
        let unionEnds = ArticleContext.unionEnds, generalUnionEnd = ArticleContext.generalUnionEnd
        let titleStops = TextClasses.titleStops, bookOpen = TextClasses.bookOpen
        var found: [OrgMention] = []  // one array for the segments' names, not one per segment
        for r in segs.indices {
            let s = segment(inReadingOrder: r)
            let text = segs[s].text
            // By index: a loop over the array copied it (a retain and a release per segment).
            for q in segs[s].places.indices { for k in segs[s].places[q].start..<segs[s].places[q].end { covered[k] = true } }
            defer { for q in segs[s].places.indices { for k in segs[s].places[q].start..<segs[s].places[q].end { covered[k] = false } } }
            OrganizationFinder.find(in: text, covered: covered, into: &found, orgLists)
            for o in found {
                var org = Org(seg: s, start: o.start, end: o.end, name: .written(seg: s, start: o.start, end: o.end), usable: o.usable,
                              place: nil, bare: o.bare, referable: o.usable || o.location)
                if ArticleContext.metricSpanned(figures, s, where: { $0.overlaps(o.start..<o.end) }) { org.usable = false }
                org.place = deepestPlace(s, o.start, o.end, gazetteer)
                if o.placeUnions, let p = org.place {
                    ArticleContext.setName(&org, gazetteer.entries[p].name + "总工会")
                } else if o.bare {
                    expand(&org, core: OrganizationFinder.stripReferring(text[o.start..<o.end]), gazetteer)
                } else {
                    // The name as written: its ending read from the paragraph's scalars, not from the string.
                    (org.union, org.generalUnion) = ArticleContext.unionFlags(text[o.start..<o.end], unionEnds, generalUnionEnd)
                }
                if !o.usable, !o.location {
                    for k in segs[s].places.indices where segs[s].places[k].start >= o.start && segs[s].places[k].end <= o.end {
                        segs[s].places[k].usable = false
                    }
                }
                // An article with one organization usually has several: grow once, not at 1, 2, 4, 8.
                if orgs.isEmpty { orgs.reserveCapacity(16) }
                orgs.append(org)
            }
            // Places inside a counted noun (汉中市劳动模范9名) or a title (《北京市…办法》) are not where the figure is.
            for k in segs[s].places.indices
            where ArticleContext.metricSpanned(figures, s, where: { $0.contains(segs[s].places[k].start) })
                || TextClasses.insideBookTitle(text, segs[s].places[k].start, titleStops, bookOpen) {
                segs[s].places[k].usable = false
            }
        }
    }

    /// Whether the span of a metric found in segment `s`'s text passes `test`. Read from the figures (an
    /// article has few), not kept per segment: an array for each segment with figures cost an allocation.
    /// (Static, the figures passed: a method call on self from the initializer may copy the context.)
    static func metricSpanned(_ figures: [Fig], _ s: Int, where test: (Range<Int>) -> Bool) -> Bool {
        for i in figures.indices where figures[i].seg == s {
            if let start = figures[i].metric?.start, start >= 0, test(start..<figures[i].metric!.end) { return true }
        }
        return false
    }

    /// Whether a text holds the mention's raw text, at its offsets or anywhere.
    /// (A mention's raw text and offsets, not the mention: a copy of one retains its six strings.)
    static func holds(_ rawText: String, _ start: Int, _ end: Int, _ text: [S]) -> Bool {
        let raw = TextClasses.scalars(rawText)
        guard !raw.isEmpty, raw.count <= text.count else { return false }
        if start >= 0, end <= text.count, start < end, text[start..<end].elementsEqual(raw) { return true }
        return (0...(text.count - raw.count)).contains { TextClasses.has(text, $0, raw) }
    }

    /// The figure's offsets in its paragraph; when the mention's offsets do not
    /// hold its raw text, the first occurrence of the raw text.
    static func locate(_ rawText: String, _ start: Int, _ end: Int, in text: [S]) -> Range<Int> {
        // The usual case, the offsets hold the raw text, compares without decoding it into an array.
        if start >= 0, end <= text.count, start < end, text[start..<end].spells(rawText) {
            return start..<end
        }
        let raw = TextClasses.scalars(rawText)
        if !raw.isEmpty, raw.count <= text.count {
            for i in 0...(text.count - raw.count) where TextClasses.has(text, i, raw) { return i..<(i + raw.count) }
        }
        let s = max(0, min(start, text.count)), e = max(s, min(end, text.count))
        return s..<e
    }

    func deepestPlace(_ s: Int, _ start: Int, _ end: Int, _ gazetteer: Gazetteer) -> Int? {
        var best: Int? = nil
        for p in segs[s].places where p.start >= start && p.end <= end {
            if best == nil || gazetteer.entries[p.entry].level >= gazetteer.entries[best!].level { best = p.entry }
        }
        return best
    }

    /// 区总工会 after 顺义区总工会 → 顺义区总工会; 市总工会 in a Beijing paper → 北京市总工会.
    /// `core` is the short reference without a leading 该/本/其….
    mutating func expand(_ org: inout Org, core scalars: ArraySlice<S>, _ gazetteer: Gazetteer) {
        let core = TextTest(scalars)
        // The latest earlier name that ends with the reference and is longer (by index: no copies of organizations).
        var k = orgs.count - 1
        while k >= 0 {
            // Static, with the segments passed: a method call on self from here copied the whole context.
            if !orgs[k].bare, orgs[k].referable, ArticleContext.extends(orgs[k].name, core, in: segs) {
                org.name = orgs[k].name
                org.place = orgs[k].place
                // The same name: its ending was read when it was found.
                org.union = orgs[k].union
                org.generalUnion = orgs[k].generalUnion
                return
            }
            k -= 1
        }
        org.name = .unknown
        guard core.hasSuffix(ArticleContext.generalUnionEnd), let level = scalars.first, scalars.count == 4 else { return }
        // The most recent place of that level, else the default region.
        var candidates: [Int] = []
        for r in segs.indices {
            let s = segment(inReadingOrder: r)
            for p in segs[s].places where p.usable { candidates.append(p.entry) }
            if s == org.seg { break }
        }
        if let d = defaultRegion { candidates.insert(d, at: 0) }
        for e in candidates.reversed() {
            for a in gazetteer.chain(e) where gazetteer.entries[a].name.unicodeScalars.last == level {
                ArticleContext.setName(&org, gazetteer.entries[a].name + "总工会")
                org.place = a
                return
            }
        }
    }

    /// Whether `name` ends with `core` and is longer, as `TextClasses.hasSuffix` and `!=` on the strings tell:
    /// for plain text (a written name is, nearly always) ending in `core`'s scalars and having more of them.
    static func extends(_ name: OrgName, _ core: TextTest, in segs: [Seg]) -> Bool {
        switch name {
        case .unknown:
            return false
        case .made(let s):
            let c = core.string
            return TextClasses.hasSuffix(s, c) && s != c
        case .written(let seg, let start, let end):
            return ArticleContext.extends(TextTest(segs[seg].text[start..<end]), core)
        }
    }

    /// `extends` of a name written in the article.
    static func extends(_ written: TextTest, _ core: TextTest) -> Bool {
        guard written.plain, core.plain else {
            let s = written.string, c = core.string
            return TextClasses.hasSuffix(s, c) && s != c
        }
        return written.scalars.count > core.scalars.count && TextTest.ends(written.scalars, with: core.scalars)
    }

    /// The name as a String: made from the paragraph's scalars only for the figures that report it.
    func string(_ name: OrgName) -> String? {
        switch name {
        case .unknown: return nil
        case .made(let s): return s
        case .written(let seg, let start, let end): return TextClasses.string(segs[seg].text[start..<end])
        }
    }
}

/// An organization's full name: its own words or an earlier name's in the article (read from the
/// paragraph when a figure needs it), or made from a place (北京市 + 总工会).
enum OrgName {
    case unknown
    case written(seg: Int, start: Int, end: Int)
    case made(String)

    var isKnown: Bool {
        if case .unknown = self { return false }
        return true
    }
}

extension OrganizationFinder {
    /// The name (its scalars in the paragraph) without a leading 该/本/其….
    static func stripReferring(_ name: ArraySlice<S>) -> ArraySlice<S> {
        var body = name
        let r = referringStarts.length(at: name.startIndex, in: name)
        if r > 0, body.count > r { body.removeFirst(r) }
        return body
    }
}
