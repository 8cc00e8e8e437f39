/// Per-figure lookups: the time phrase, organization and place that govern a figure.
extension ArticleContext {
    /// The first body paragraph with text (the lead).
    var lead: Int? { (0..<bodyCount).first { !segs[$0].text.isEmpty } }

    func sentenceStart(_ f: Fig) -> Int { f.sentence }

    /// The scalars of the figure's metric text: read from the paragraph when the
    /// metric was found there, else decoded (a metric taken from another figure).
    func metricScalars(_ f: Fig) -> ArraySlice<S> {
        guard let ms = f.metric else { return [] }
        return ms.start >= 0 ? MetricFinder.scalars(of: ms, in: segs[f.seg].text) : TextClasses.scalars(ms.text)[...]
    }

    /// The sentence from its start to the figure.
    func clauseBefore(_ f: Fig) -> ArraySlice<S> {
        segs[f.seg].text[sentenceStart(f)..<f.start]
    }

    // MARK: - period

    /// The nearest time phrase before the figure in its sentence, else in its
    /// paragraph, else the last one of the lead paragraph (近日, 当天 in the lead
    /// govern the article), resolved against the publication date.
    /// `pub` is `published` parsed (once per article). The period only: the phrase returned beside it,
    /// which no caller read, cost a generic destroy of an optional phrase at each figure.
    func period(of f: Fig, published: String, _ pub: PeriodResolver.Published) -> Period {
        let times = segs[f.seg].freeTimes
        let ss = sentenceStart(f)
        // By index, and the phrase found kept as its index: the phrases are large, and a closure over them
        // or an optional of one copies each one read (a memcpy and a retain).
        var found: Int? = nil
        if let k = ArticleContext.lastIndex(in: times, where: { times[$0].end <= f.start && times[$0].start >= ss }) {
            found = k
            if k > 0 {
                let p = k, prior = k - 1
                // 截至目前，2020年…: the year qualifies the phrase before it.
                if case .date(let c, nil) = times[p].kind, c.month == nil, c.day == nil, times[prior].start >= ss,
                   times[p].start - times[prior].end <= 2 {
                    switch times[prior].kind {
                    case .now, .until: found = prior
                    default: break
                    }
                }
                // 2019年，…全年有56项: 全年 is the year named before it.
                if case .partOfYear(nil) = times[p].kind, times[prior].start >= ss, case .date(let c, nil) = times[prior].kind,
                   c.year != nil, c.month == nil {
                    found = prior
                }
            }
        }
        if found == nil { found = ArticleContext.lastIndex(in: times, where: { times[$0].end <= f.start }) }
        // The lead: the first of the first two paragraphs that has a time phrase
        // (a quotation may open the article).
        var phraseSeg = f.seg
        if found == nil {
            for l in ArticleContext.leadSegments(bodyCount: bodyCount) where !segs[l].freeTimes.isEmpty {
                found = segs[l].freeTimes.count - 1
                phraseSeg = l
                break
            }
        }
        guard let k = found else { return Period() }
        let p = segs[phraseSeg].freeTimes[k]
        // 3月5日举办…，当天有412人…: 当天 is the day named before it in the paragraph.
        if ArticleContext.sameDayWords.contains(p.label),
           let d = times.last(where: { t in
               guard t.end <= p.start, case .date(let c, nil) = t.kind else { return false }
               return c.day != nil
           }) {
            var period = PeriodResolver.resolve(d, published: published, pub)
            period.label = p.label
            return period
        }
        return PeriodResolver.resolve(p, published: published, pub)
    }

    /// Whether segment `s` is in the lead (`leadSegments`): a body paragraph 0 or 1, or the headline block.
    @inline(__always)
    static func isLead(_ s: Int, bodyCount: Int) -> Bool { s < 2 || s >= bodyCount }

    /// The segments whose time phrases can govern the article: body paragraphs 0 and 1
    /// where there are such, then the headline block, in that order (those `isLead` tells).
    static func leadSegments(bodyCount: Int) -> [Int] {
        bodyCount >= 2 ? [0, 1, bodyCount, bodyCount + 1] : bodyCount == 1 ? [0, 1, 2] : [0, 1]
    }

    /// The last index of `items` that passes `test`.
    @inline(__always)
    static func lastIndex<T>(in items: [T], where test: (Int) -> Bool) -> Int? {
        var k = items.count - 1
        while k >= 0 { if test(k) { return k }; k -= 1 }
        return nil
    }

    static let sameDayWords = LiteralWords(["当天", "当日", "同日", "同一天"])

    // MARK: - organization


    static let unionEnds = LiteralWords(["工会", "工会委员会", "工会联合会"])

    static func isUnion(_ name: String) -> Bool { unionEnds.anySuffix(of: name) }

    /// Names the organization `name` (made, not written) with the `union` and `generalUnion` of that name.
    static func setName(_ org: inout Org, _ name: String) {
        org.name = .made(name)
        org.union = isUnion(name)
        org.generalUnion = TextClasses.hasSuffix(name, "总工会")
    }

    static let generalUnionEnd = "总工会".scalars

    /// `isUnion` and the 总工会 ending of the name written as `name`: for plain text (all of these
    /// words are) a string ending is an ending of scalars.
    /// (`ends` and `general` are `unionEnds` and `generalUnionEnd`, read by the caller once for all its names.)
    static func unionFlags(_ name: ArraySlice<S>, _ ends: LiteralWords = unionEnds,
                           _ general: [S] = generalUnionEnd) -> (union: Bool, general: Bool) {
        let written = TextTest(name)
        guard written.plain else { return (isUnion(written.string), TextClasses.hasSuffix(written.string, "总工会")) }
        return (ends.anySuffix(ofPlain: written.scalars), written.hasSuffix(general))
    }

    /// The nearest owner before the figure in its sentence; else the union of
    /// the place the sentence names (当天，朝阳区共开展… → 朝阳区总工会); else the
    /// nearest before it in the paragraph; the nearest union (else owner) in
    /// earlier paragraphs; the first after it in the paragraph; the article's
    /// first union (else owner).
    func organization(of f: Fig) -> Int? {
        // Indexes, not copies: an article's organizations are read once per figure.
        let ss = sentenceStart(f)
        var inSentence: Int? = nil, beforeInSeg: Int? = nil, afterInSeg: Int? = nil
        var earlier: Int? = nil, earlierUnion: Int? = nil
        for k in orgs.indices where usable(at: k) {
            if orgs[k].seg == f.seg {
                if orgs[k].end <= f.start {
                    beforeInSeg = k
                    if orgs[k].start >= ss { inSentence = k }
                }
                if afterInSeg == nil, orgs[k].start >= f.end { afterInSeg = k }
            } else if orgs[k].seg < f.seg {
                earlier = k
                if orgs[k].union { earlierUnion = k }
            }
        }
        if let k = inSentence { return k }
        if let p = nearestPlace(f, from: ss),
           let k = orgs.indices.first(where: { usable(at: $0) && orgs[$0].place == p.entry && orgs[$0].generalUnion }) {
            return k
        }
        if let k = beforeInSeg { return k }
        // Beyond the paragraph, a union is the likelier subject.
        if f.seg < bodyCount, let k = earlierUnion ?? earlier { return k }
        if let k = afterInSeg { return k }
        var first: Int? = nil
        for r in segs.indices {
            let s = segment(inReadingOrder: r)
            for k in orgs.indices where orgs[k].seg == s && usable(at: k) {
                if orgs[k].union { return k }
                if first == nil { first = k }
            }
        }
        return first
    }

    /// Whether organization `k` may own a figure.
    @inline(__always)
    func usable(at k: Int) -> Bool { orgs[k].usable && orgs[k].name.isKnown }

    // MARK: - region

    /// The nearest usable place before the figure from offset `from` of its paragraph.
    func nearestPlace(_ f: Fig, from: Int) -> Place? {
        segs[f.seg].places.last { $0.usable && $0.end <= f.start && $0.start >= from }
    }

    func region(_ p: Place, _ gazetteer: Gazetteer) -> Region { gazetteer.region(p.entry, written: p.written) }

    /// National (全国) in the figure's clause: none. Else the nearest place before
    /// the figure in its sentence (a list of places in different regions in its
    /// clause: none), the organization's place, the nearest place before it in
    /// the paragraph and in earlier paragraphs, the article's first place, and
    /// last the newspaper's default region. `org` is the organization's index in `orgs` and `name` its name; `gazetteer` is
    /// the one the context was read with. (An index: an optional organization passed cost a generic destroy at each figure.)
    func region(of f: Fig, organization org: Int?, name: String?, gazetteer: Gazetteer) -> Region {
        let text = segs[f.seg].text
        let cs = TextClasses.clauseStart(text, f.start)
        if ArticleContext.isNational(text[cs..<f.start]) { return Region() }
        let ss = sentenceStart(f)
        // The usable places before the figure: the last, the last not listed, and that one when in the sentence
        // (by index: a place copied retains its written name).
        let places = segs[f.seg].places
        var last: Int? = nil, lastSingle: Int? = nil
        for k in places.indices where places[k].usable && places[k].end <= f.start {
            last = k
            if !places[k].listed { lastSingle = k }
        }
        // Places listed together (深圳、东莞、南宁、海口) in the figure's clause: the figure spans them.
        if let k = last, places[k].start >= cs, places[k].listed { return Region() }
        if let k = lastSingle, places[k].start >= ss {
            let p = places[k]
            // A wider area than the owner's (北京市 for 顺义区总工会's figure) does not widen its scope.
            if let o = org, let op = orgs[o].place, gazetteer.isAncestor(p.entry, of: op) {
                return gazetteer.region(op, written: placeWritten(o, op))
            }
            return region(p, gazetteer)
        }
        if let o = org, let p = orgs[o].place { return gazetteer.region(p, written: placeWritten(o, p)) }
        // 全国总工会, 中国能源化学地质工会: a national body's figure has no region unless the sentence names one.
        if org != nil, let n = name, ArticleContext.isNationalBody(n) { return Region() }
        if let k = lastSingle { return region(places[k], gazetteer) }
        if f.seg < bodyCount {
            for s in stride(from: f.seg - 1, through: 0, by: -1) {
                if let p = segs[s].places.last(where: { $0.usable && !$0.listed }) { return region(p, gazetteer) }
            }
        }
        for s in (lead.map { [$0] } ?? []) + [headline, subheadline] + Array(0..<bodyCount) {
            if let p = segs[s].places.first(where: { $0.usable && !$0.listed }) { return region(p, gazetteer) }
        }
        if let d = defaultRegion { return gazetteer.region(d) }
        return Region()
    }

    static func isNationalBody(_ name: String) -> Bool {
        nationalStarts.anyPrefix(of: name) && nationalBodyEnds.anySuffix(of: name)
    }
    static let nationalStarts = LiteralWords(["全国", "中华全国", "中国"])
    static let nationalBodyEnds = LiteralWords(["工会", "互助会", "协会", "联合会"])

    /// 全国 in a clause makes it national, except in a title (全国劳模, 全国五一劳动奖章).
    static func isNational(_ t: ArraySlice<S>) -> Bool {
        var i = t.startIndex
        while i + 1 < t.endIndex {
            if t[i] == "全", t[i + 1] == "国", nationalTitles.length(at: i + 2, in: t) == 0 { return true }
            i += 1
        }
        return false
    }
    static let nationalTitles = TextClasses.words(["劳模", "劳动模范", "五一", "先进", "优秀", "模范", "示范", "百强", "十佳",
                                                   "工人先锋号", "三八红旗", "技术能手", "最美", "总工会", "人大", "政协", "职工教育"])

    /// The place `entry` as written in organization `k`'s name.
    func placeWritten(_ k: Int, _ entry: Int) -> String? {
        let start = orgs[k].start, end = orgs[k].end
        return segs[orgs[k].seg].places.first { $0.entry == entry && $0.start >= start && $0.end <= end }?.written
    }
}
