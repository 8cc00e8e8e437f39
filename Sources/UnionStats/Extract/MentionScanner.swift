/// Finds figure mentions in an article: one pass over the Unicode scalars of
/// each paragraph (and of the headline and sub-headlines), asking
/// `FigureRecognizer` about every number it meets.
public enum MentionScanner {
    /// How many scalars of context `Mention.before` and `Mention.after` hold.
    public static let contextLength = 40

    public static func mentions(in article: Article, doc: String) -> [Mention] {
        var out: [Mention] = []
        mentions(in: article, doc: doc, into: &out)
        return out
    }

    /// Appends the article's mentions to `out` (a page's, without an array per article).
    static func mentions(in article: Article, doc: String, into out: inout [Mention]) {
        // One array of figures and one room for slice offsets for all the paragraphs: not one made
        // (and grown) for each.
        var found: [RecognizedFigure] = []
        // Room for the figures of most paragraphs at once: not grown from one, two, four.
        found.reserveCapacity(16)
        var room = ScratchBuffer<Int32>(capacity: 1024)
        defer { room.deallocate() }
        for (pi, p) in article.paragraphs.enumerated() {
            let s = p.scalars
            figures(in: s, into: &found)
            guard !found.isEmpty else { continue }
            TextSlices.with(p.text, scalars: s, room: &room) { slices in
                for k in found.indices {
                    out.append(mention(found, k, in: slices, text: p.text, doc: doc, article: article.index, paragraph: pi,
                                       line: p.line(at: found[k].start)))
                }
            }
        }
        // Headline and sub-headlines: paragraph -1, offsets in that text, the article's line.
        mentions(inHeadline: article.headline, of: article, doc: doc, found: &found, room: &room, into: &out)
        for text in article.subheadlines { mentions(inHeadline: text, of: article, doc: doc, found: &found, room: &room, into: &out) }
    }

    /// Appends the mentions of a headline or sub-headline `text` of `article` to `out`; `found`
    /// and `room` are the article's, reused.
    static func mentions(inHeadline text: String, of article: Article, doc: String, found: inout [RecognizedFigure],
                         room: inout ScratchBuffer<Int32>, into out: inout [Mention]) {
        guard !text.isEmpty else { return }
        let s = text.scalars
        figures(in: s, into: &found)
        guard !found.isEmpty else { return }
        TextSlices.with(text, scalars: s, room: &room) { slices in
            for k in found.indices {
                out.append(mention(found, k, in: slices, text: text, doc: doc, article: article.index, paragraph: -1, line: article.line))
            }
        }
    }

    /// The figures in a text, in order.
    public static func figures(in text: String) -> [RecognizedFigure] {
        figures(in: text.scalars)
    }

    static func figures(in s: [Unicode.Scalar]) -> [RecognizedFigure] {
        var found: [RecognizedFigure] = []
        figures(in: s, into: &found)
        return found
    }

    /// The figures in `s`, in order, in `found` (emptied first, its room kept).
    static func figures(in s: [Unicode.Scalar], into found: inout [RecognizedFigure]) {
        found.removeAll(keepingCapacity: true)
        let starts = NumberReader.startTable   // one load of the table, not one lazy-global check per scalar
        var i = 0
        let n = s.count
        while i < n {
            // Skip to the next scalar that may start a number, reading both arrays by pointer.
            i = s.withUnsafeBufferPointer { s in
                starts.withUnsafeBufferPointer { nextMayStart(s, from: i, starts: $0) }
            }
            guard i < n, let outcome = FigureRecognizer.recognize(s, at: i) else {
                i += 1
                continue
            }
            switch consume outcome {
            case .figure(let f, let next):
                found.append(f)
                i = max(next, i + 1)
            case .skip(let next):
                i = max(next, i + 1)
            }
        }
    }

    /// The first index from `i` of a scalar of `s` that may start a number (`starts`, the table
    /// `NumberReader.startTable` of the Basic Multilingual Plane, says so), or `s.count`. Four
    /// scalars are passed over at a time when none is past the plane and none is in the table:
    /// their values or-ed for the first test, their table bytes or-ed for the second.
    @inline(__always)
    static func nextMayStart(_ s: UnsafeBufferPointer<Unicode.Scalar>, from i: Int, starts: UnsafeBufferPointer<Bool>) -> Int {
        let n = s.count
        var k = i
        if starts.count == 0x10000 {
            let v = UnsafeRawPointer(s.baseAddress!).assumingMemoryBound(to: UInt32.self)
            let t = UnsafeRawPointer(starts.baseAddress!).assumingMemoryBound(to: UInt8.self)
            while k + 4 <= n {
                let a = v[k], b = v[k + 1], c = v[k + 2], d = v[k + 3]
                if (a | b | c | d) >> 16 != 0 { break }
                if t[Int(a)] | t[Int(b)] | t[Int(c)] | t[Int(d)] != 0 { break }
                k += 4
            }
        }
        while k < n {
            let v = Int(s[k].value)
            if v < starts.count && starts[v] { break }
            k += 1
        }
        return k
    }

    /// The mention of figure `k` of `found`, the figures of the text `slices` cuts from.
    static func mention(_ found: [RecognizedFigure], _ k: Int, in slices: TextSlices, text: String, doc: String, article: Int,
                        paragraph: Int, line: Int) -> Mention {
        // Its offsets only: the figure itself (quantity and all) is not copied.
        let start = found[k].start, end = found[k].end
        // The figures right before and after it.
        let before = k > 0 ? found[k - 1].start..<found[k - 1].end : nil
        let after = k + 1 < found.count ? found[k + 1].start..<found[k + 1].end : nil
        let clause = ClauseSpan.sentence(slices.scalars, start: start, end: end, before: before, after: after)
        return Mention(doc: doc, article: article, paragraph: paragraph, start: start, end: end, line: line,
                       raw: slices.string(start, end), sentence: slices.string(clause.lowerBound, clause.upperBound),
                       context: ContextWindow(text: text, lo: slices.utf8Offset(start - contextLength), start: slices.utf8Offset(start),
                                              end: slices.utf8Offset(end), hi: slices.utf8Offset(end + contextLength)))
    }
}
