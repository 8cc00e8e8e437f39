/// Splits a page's paragraphs into articles.
///
/// Body paragraphs form runs; a byline (`本报讯`, `据…讯`, `本报…电`) starts a new
/// article inside a run. Short lines without a sentence end form headline
/// blocks between the runs. Newspapers print headlines before their article or,
/// as 劳动午报's e-paper text does, after it, sometimes several orphans together
/// at the foot of the page; so each headline line goes to the article whose body
/// shares most of its character bigrams (the one before or after it, or a nearby
/// article that has no headline yet), and lines that match nothing follow their
/// block's neighbours or the page's usual order. A single comma-headed line or a
/// series of equal-length lines between runs without bylines are section heads
/// inside one article (`对口帮扶暖人心,圆贫困学子上学梦`).
public enum ArticleSplitter {
    public static func articles(from paragraphs: [Paragraph]) -> [Article] {
        var splitter = Splitter(paragraphs)
        return splitter.run()
    }
}

struct Splitter {
    enum Kind { case body, byline, credit, headline, skip }

    struct Proto {
        var paras: [Int] = []
        var opensWithByline = false
        var opensWithCredit = false
    }

    struct Block {
        var lines: [Int] = []
        /// Index of the run-article before the block, -1 when none.
        var after: Int
    }

    let paragraphs: [Paragraph]
    var scalars: [[Unicode.Scalar]] = []
    var kinds: [Kind] = []
    var bylineLengths: [Int] = []
    var protos: [Proto] = []
    var blocks: [Block] = []
    var bodyBigrams: [Int: BigramSet] = [:]

    /// Likeness a line needs to be tied to an article, and its lead over the next best.
    static let strong = 0.5
    static let margin = 0.2
    /// Weaker likeness that decides between the two neighbours when nothing else does.
    static let lean = 0.25
    static let leanMargin = 0.15
    /// How far (in articles) an orphan headline may be from its article.
    static let window = 12
    /// Scalars of each body read for bigrams (headlines repeat the lead).
    static let bodyLimit = 4000

    init(_ paragraphs: [Paragraph]) { self.paragraphs = paragraphs }

    mutating func run() -> [Article] {
        classify()
        group()
        if protos.isEmpty {
            // Only short lines: keep them as one article's body rather than lose them.
            let lines = paragraphs.indices.filter { kinds[$0] != .skip }
            guard !lines.isEmpty else { return [] }
            return [Article(index: 1, headline: "", paragraphs: lines.map { paragraphs[$0] })]
        }
        mergeSections()
        let assigned = assignHeadlines()
        return build(assigned)
    }

    /// Only the first `prefixLimit` scalars of a paragraph are kept for classification: longer
    /// paragraphs are body text, and a byline sits at the start.
    static let prefixLimit = 100

    mutating func classify() {
        scalars.reserveCapacity(paragraphs.count)
        for p in paragraphs {
            var s: [Unicode.Scalar] = []
            var whole = true
            for x in p.text.unicodeScalars {
                if s.count == Splitter.prefixLimit { whole = false; break }
                s.append(x)
            }
            // Long paragraphs keep no scalars: only their byline length is needed later.
            scalars.append(whole ? s : [])
            let byline = Bylines.bylineLength(s)
            bylineLengths.append(byline ?? 0)
            let kind: Kind
            if whole && s.count <= 40 && PageFurniture.dateHeader(s) != nil {
                kind = .skip
            } else if byline != nil {
                kind = .byline
            } else if whole && s.count <= 30 && Bylines.isCredit(s) {
                kind = .credit
            } else if whole && Headlines.isCandidate(p, scalars: s) {
                kind = .headline
            } else {
                kind = .body
            }
            kinds.append(kind)
        }
    }

    mutating func group() {
        var lastWasBlock = false
        for i in paragraphs.indices {
            switch kinds[i] {
            case .skip:
                continue
            case .headline:
                if lastWasBlock {
                    blocks[blocks.count - 1].lines.append(i)
                } else {
                    blocks.append(Block(lines: [i], after: protos.count - 1))
                    lastWasBlock = true
                }
            case .byline:
                protos.append(Proto(paras: [i], opensWithByline: true))
                lastWasBlock = false
            case .body, .credit:
                if lastWasBlock || protos.isEmpty {
                    protos.append(Proto(paras: [i], opensWithCredit: kinds[i] == .credit))
                } else {
                    protos[protos.count - 1].paras.append(i)
                }
                lastWasBlock = false
            }
        }
    }

    // MARK: section heads

    mutating func mergeSections() {
        var candidates: [Int] = []
        for (b, block) in blocks.enumerated() where block.lines.count == 1 {
            let p = block.after, n = block.after + 1
            guard p >= 0, n < protos.count, !protos[n].opensWithByline, !protos[n].opensWithCredit else { continue }
            let line = scalars[block.lines[0]]
            guard !Headlines.isLabel(line), !Headlines.isOrganizationKicker(line) else { continue }
            candidates.append(b)
        }
        // A series counts only inside one stretch of text: no byline between its members.
        var run = [Int](repeating: 0, count: candidates.count)
        for k in candidates.indices.dropFirst() {
            let from = blocks[candidates[k - 1]].after + 1, to = blocks[candidates[k]].after
            let bylineBetween = from <= to && (from...to).contains { protos[$0].opensWithByline || protos[$0].opensWithCredit }
            run[k] = run[k - 1] + (bylineBetween ? 1 : 0)
        }
        var byLength: [Int: Int] = [:]   // key: run * 1000 + length
        for (k, b) in candidates.enumerated() {
            byLength[run[k] * 1000 + Headlines.compact(scalars[blocks[b].lines[0]]).count, default: 0] += 1
        }
        var sections = Set<Int>()
        for (k, b) in candidates.enumerated() {
            let c = Headlines.compact(scalars[blocks[b].lines[0]])
            let comma = c.dropLast().contains(where: { $0 == "，" || $0 == "," })
            if comma || (c.count >= 5 && byLength[run[k] * 1000 + c.count, default: 0] >= 2) { sections.insert(b) }
        }
        guard !sections.isEmpty else { return }
        var sectionBefore: [Int: Int] = [:]  // proto index n -> section block in front of it
        for b in sections { sectionBefore[blocks[b].after + 1] = b }
        var merged: [Proto] = []
        var map: [Int] = []
        for (i, p) in protos.enumerated() {
            if let b = sectionBefore[i], !merged.isEmpty {
                merged[merged.count - 1].paras += blocks[b].lines + p.paras
            } else {
                merged.append(p)
            }
            map.append(merged.count - 1)
        }
        var kept: [Block] = []
        for (b, block) in blocks.enumerated() where !sections.contains(b) {
            kept.append(Block(lines: block.lines, after: block.after >= 0 ? map[block.after] : -1))
        }
        for b in sections { for l in blocks[b].lines { kinds[l] = .body } }
        protos = merged
        blocks = kept
    }

    // MARK: headlines

    /// Keeps the cache of body bigrams to the articles near `a` (headline blocks are visited in order).
    mutating func forget(below a: Int) {
        if bodyBigrams.count > 4 * Splitter.window { bodyBigrams = bodyBigrams.filter { $0.key >= a } }
    }

    mutating func body(_ a: Int) -> BigramSet {
        if let s = bodyBigrams[a] { return s }
        var set = BigramSet()
        var budget = Splitter.bodyLimit
        for p in protos[a].paras where budget > 0 {
            budget -= Headlines.bigrams(paragraphs[p].text.unicodeScalars, limit: budget, into: &set)
        }
        bodyBigrams[a] = set
        return set
    }

    /// For each headline line, the article it belongs to.
    mutating func assignHeadlines() -> [Int] {
        var owner = [Int](repeating: -1, count: paragraphs.count)
        var lineBigrams = [BigramSet?](repeating: nil, count: paragraphs.count)
        for block in blocks {
            // Column labels (工会动态) say nothing about the article: they only follow their block.
            for l in block.lines { lineBigrams[l] = Headlines.isLabel(scalars[l]) ? BigramSet() : Headlines.bigrams(scalars[l]) }
        }

        // 1. Lines that clearly match the article before or after them.
        var towardBefore = 0, towardAfter = 0
        // Likeness to the article before and after, kept for step 3.
        var before = [Double](repeating: -1, count: paragraphs.count)
        var after = [Double](repeating: -1, count: paragraphs.count)
        bodyBigrams = [:]
        for block in blocks {
            forget(below: block.after - 1)
            let p = block.after, n = block.after + 1 < protos.count ? block.after + 1 : -1
            for l in block.lines {
                let h = lineBigrams[l]!
                guard h.count >= 2 else { continue }
                let sp = p >= 0 ? Headlines.likeness(h, body(p)) : -1
                let sn = n >= 0 ? Headlines.likeness(h, body(n)) : -1
                before[l] = sp
                after[l] = sn
                if sp >= Splitter.strong && sp >= sn + Splitter.margin {
                    owner[l] = p; towardBefore += 1
                } else if sn >= Splitter.strong && sn >= sp + Splitter.margin {
                    owner[l] = n; towardAfter += 1
                }
            }
        }
        // 2. Orphans: a nearby article that has no headline yet and clearly matches.
        var headed = Set(owner.filter { $0 >= 0 })
        bodyBigrams = [:]
        for block in blocks {
            forget(below: block.after - Splitter.window - 1)
            let p = block.after, n = block.after + 1
            for l in block.lines where owner[l] < 0 {
                let h = lineBigrams[l]!
                guard h.count >= 3 else { continue }
                let lo = max(0, p - Splitter.window), hi = min(protos.count - 1, n + Splitter.window)
                guard lo <= hi else { continue }
                var best = -1, bestScore = 0.0, second = 0.0
                for a in lo...hi where a == p || a == n || !headed.contains(a) {
                    let s = Headlines.likeness(h, body(a))
                    if s > bestScore { second = bestScore; bestScore = s; best = a } else if s > second { second = s }
                }
                if best >= 0 && bestScore >= Splitter.strong && bestScore >= second + Splitter.margin {
                    owner[l] = best
                }
            }
            for l in block.lines where owner[l] >= 0 { headed.insert(owner[l]) }
        }
        // 3. Lines that lean toward one neighbour.
        bodyBigrams = [:]
        for block in blocks {
            let p = block.after, n = block.after + 1 < protos.count ? block.after + 1 : -1
            for l in block.lines where owner[l] < 0 {
                guard lineBigrams[l]!.count >= 2 else { continue }
                let sp = before[l], sn = after[l]
                if sp >= Splitter.lean && sp >= sn + Splitter.leanMargin {
                    owner[l] = p
                } else if sn >= Splitter.lean && sn >= sp + Splitter.leanMargin {
                    owner[l] = n
                }
            }
        }
        // 4. The rest follow the nearest tied line of their block (the next one first),
        //    else the page's usual order (headline before its article unless most go after).
        let headlineFirst = towardAfter >= towardBefore
        for block in blocks {
            for (k, l) in block.lines.enumerated() where owner[l] < 0 {
                var found: Int? = nil
                for m in (k + 1)..<max(k + 1, block.lines.count) { if owner[block.lines[m]] >= 0 { found = owner[block.lines[m]]; break } }
                if found == nil {
                    for m in stride(from: k - 1, through: 0, by: -1) { if owner[block.lines[m]] >= 0 { found = owner[block.lines[m]]; break } }
                }
                if let a = found { owner[l] = a; continue }
                let p = block.after, n = block.after + 1 < protos.count ? block.after + 1 : -1
                if headlineFirst { owner[l] = n >= 0 ? n : p } else { owner[l] = p >= 0 ? p : n }
            }
        }
        return owner
    }

    // MARK: articles

    func build(_ owner: [Int]) -> [Article] {
        var linesOf = [[Int]](repeating: [], count: protos.count)
        for (l, a) in owner.enumerated() where a >= 0 { linesOf[a].append(l) }
        var out: [Article] = []
        for (a, proto) in protos.enumerated() {
            let lines = linesOf[a].sorted()
            let texts = lines.map { scalars[$0] }
            let main = Headlines.mainIndex(texts)
            let headline = main >= 0 ? paragraphs[lines[main]].text : ""
            let subs = lines.indices.filter { $0 != main }.map { paragraphs[lines[$0]].text }
            var paras = proto.paras.map { paragraphs[$0] }
            var byline = ""
            if let first = proto.paras.first, kinds[first] == .byline {
                let n = bylineLengths[first]
                byline = trimmed(Scalars.string(paragraphs[first].text.unicodeScalars.prefix(n)))
                let rest = paras[0].droppingPrefix(n)
                if rest.text.unicodeScalars.contains(where: { !Scalars.isSpace($0) }) { paras[0] = rest } else { paras.removeFirst() }
            }
            if byline.isEmpty {
                // Reporter credits at the start or the end of the article are its byline.
                var lead = 0
                while lead < paras.count, lead < proto.paras.count, kinds[proto.paras[lead]] == .credit,
                      Bylines.isReporterCredit(scalars[proto.paras[lead]]) { lead += 1 }
                if lead > 0 && lead < paras.count {
                    byline = paras[0..<lead].map(\.text).joined(separator: " ")
                    paras.removeFirst(lead)
                } else {
                    var tail = 0
                    while tail < paras.count - 1, kinds[proto.paras[proto.paras.count - 1 - tail]] == .credit,
                          Bylines.isReporterCredit(scalars[proto.paras[proto.paras.count - 1 - tail]]) { tail += 1 }
                    if tail > 0 {
                        byline = paras[(paras.count - tail)...].map(\.text).joined(separator: " ")
                        paras.removeLast(tail)
                    }
                }
            }
            guard !paras.isEmpty || !headline.isEmpty else { continue }
            out.append(Article(index: out.count + 1, headline: headline, subheadlines: subs, byline: byline, paragraphs: paras))
        }
        return out
    }

    func trimmed(_ s: String) -> String {
        var u = Array(s.unicodeScalars)
        while let l = u.last, Scalars.isSpace(l) { u.removeLast() }
        while let f = u.first, Scalars.isSpace(f) { u.removeFirst() }
        return Scalars.string(u)
    }
}
