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
    /// The paragraphs are handed over: each goes to one article, moved, not copied.
    public static func articles(from paragraphs: consuming [Paragraph]) -> [Article] {
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

        /// An article opening with paragraph `first`, given room for the paragraphs that follow
        /// (about six an article): not grown one, two, four, eight as they come.
        init(first: Int, opensWithByline: Bool = false, opensWithCredit: Bool = false) {
            paras.reserveCapacity(8)
            paras.append(first)
            self.opensWithByline = opensWithByline
            self.opensWithCredit = opensWithCredit
        }
    }

    struct Block {
        var lines: [Int] = []
        /// Index of the run-article before the block, -1 when none.
        var after: Int
    }

    /// The page's paragraphs; `build` moves them into the articles (`take`).
    var paragraphs: [Paragraph]
    var scalars: [[Unicode.Scalar]] = []
    var kinds: [Kind] = []
    var bylineLengths: [Int] = []
    var protos: [Proto] = []
    var blocks: [Block] = []
    /// Bigrams of article bodies near the headline block being placed; nil when not (or no longer) computed.
    var bodyBigrams: [BigramSet?] = []
    /// Every bigram of the page's headline lines (set before any body's bigrams are asked for).
    var headlineBigrams: BigramSet.Member?
    var cachedFrom = 0
    var cachedElements = 0

    /// Likeness a line needs to be tied to an article, and its lead over the next best.
    static let strong = 0.5
    static let margin = 0.2
    /// Weaker likeness that decides between the two neighbours when nothing else does.
    static let lean = 0.25
    static let leanMargin = 0.15
    /// How far (in articles) an orphan headline may be from its article.
    static let window = 12
    /// Scalars of each body read for bigrams (headlines repeat the lead).
    static let bodyLimit = 2000

    init(_ paragraphs: consuming [Paragraph]) { self.paragraphs = paragraphs }

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
        bylineLengths.reserveCapacity(paragraphs.count)
        kinds.reserveCapacity(paragraphs.count)
        // By index, reading the fields it needs: `for p in paragraphs` copies each paragraph, a
        // retain and a release of its text, line map and scalars.
        for i in paragraphs.indices {
            var s: [Unicode.Scalar] = []
            var whole = true
            let byline: Int?
            if let kept = paragraphs[i].keptScalars {
                // A long paragraph's byline is read from its prefix where it is, not from a copy.
                whole = kept.count <= Splitter.prefixLimit
                if whole { s = kept }
                byline = whole ? Bylines.bylineLength(kept) : Bylines.bylineLength(kept[..<Splitter.prefixLimit])
            } else {
                var text = paragraphs[i].text
                text.withUTF8 { buf in
                    s.reserveCapacity(min(buf.count, Splitter.prefixLimit))
                    for x in UTF8Scalars(buf) {
                        if s.count == Splitter.prefixLimit { whole = false; break }
                        s.append(x)
                    }
                }
                byline = Bylines.bylineLength(s)
            }
            // Long paragraphs keep no scalars: only their byline length is needed later.
            scalars.append(whole ? s : [])
            bylineLengths.append(byline ?? 0)
            let kind: Kind
            if whole && s.count <= 40 && PageFurniture.dateHeader(s) != nil {
                kind = .skip
            } else if byline != nil {
                kind = .byline
            } else if whole && s.count <= 30 && Bylines.isCredit(s) {
                kind = .credit
            } else if whole && Headlines.isCandidate(lineCount: paragraphs[i].lineStarts.count, scalars: s) {
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
                protos.append(Proto(first: i, opensWithByline: true))
                lastWasBlock = false
            case .body, .credit:
                if lastWasBlock || protos.isEmpty {
                    protos.append(Proto(first: i, opensWithCredit: kinds[i] == .credit))
                } else {
                    protos[protos.count - 1].paras.append(i)
                }
                lastWasBlock = false
            }
        }
    }

    // MARK: articles

    /// Paragraph `i`, moved out of `paragraphs` (an empty one is left in its place). Each
    /// paragraph goes to one article: a copy would retain its text, line map and scalars, to
    /// release them again with the page's array.
    mutating func take(_ i: Int) -> Paragraph {
        var p = Paragraph(text: "", firstLine: 0, lineStarts: [])
        swap(&p, &paragraphs[i])
        return p
    }

    mutating func build(_ owner: [Int]) -> [Article] {
        var linesOf = [[Int]].filled([], count: protos.count)
        for (l, a) in owner.enumerated() where a >= 0 { linesOf[a].append(l) }
        var out: [Article] = []
        for (a, proto) in protos.enumerated() {
            let lines = linesOf[a].sorted()
            let texts = lines.map { scalars[$0] }
            let main = Headlines.mainIndex(texts)
            let headline = main >= 0 ? take(lines[main]).text : ""
            // Every line but the main headline (all of them when there is none) is a sub-headline.
            var subs: [String] = []
            if lines.count > (main >= 0 ? 1 : 0) {
                subs.reserveCapacity(lines.count)
                for k in lines.indices where k != main { subs.append(take(lines[k]).text) }
            }
            var paras: [Paragraph] = []
            paras.reserveCapacity(proto.paras.count)
            for p in proto.paras { paras.append(take(p)) }
            var byline = ""
            if let first = proto.paras.first, kinds[first] == .byline {
                let n = bylineLengths[first]
                let s = paras[0].scalars
                let cut = min(n, s.count)
                var lo = 0, hi = cut
                while hi > lo && Scalars.isSpace(s[hi - 1]) { hi -= 1 }
                while lo < hi && Scalars.isSpace(s[lo]) { lo += 1 }
                byline = Scalars.string(s, lo, hi)
                if s[cut...].contains(where: { !Scalars.isSpace($0) }) { paras[0].dropPrefix(n) } else { paras.removeFirst() }
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
}
