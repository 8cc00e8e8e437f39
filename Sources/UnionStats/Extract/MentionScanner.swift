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
            var agrees: UInt64 = 0
            figures(in: s, into: &found, agrees: &agrees)
            guard !found.isEmpty else { continue }
            TextSlices.with(p.text, scalars: s, room: &room) { slices in
                for k in found.indices {
                    out.append(mention(found, k, agrees: bit(k, of: agrees), in: slices, text: p.text, doc: doc, article: article.index,
                                       paragraph: pi, line: p.line(at: found[k].start)))
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
        var agrees: UInt64 = 0
        figures(in: s, into: &found, agrees: &agrees)
        guard !found.isEmpty else { return }
        TextSlices.with(text, scalars: s, room: &room) { slices in
            for k in found.indices {
                out.append(mention(found, k, agrees: bit(k, of: agrees), in: slices, text: text, doc: doc, article: article.index,
                                   paragraph: -1, line: article.line))
            }
        }
    }

    /// The figures in a text, in order.
    public static func figures(in text: String) -> [RecognizedFigure] {
        figures(in: text.scalars)
    }

    static func figures(in s: [Unicode.Scalar]) -> [RecognizedFigure] {
        var found: [RecognizedFigure] = []
        var agrees: UInt64 = 0
        figures(in: s, into: &found, agrees: &agrees)
        return found
    }

    /// The figures in `s`, in order, in `found` (emptied first, its room kept); bit k of `agrees` is
    /// set when figure k's `windowAgrees` (for the first 64: the figures of a paragraph that has more
    /// are read again by normalize, a cost without an allocation).
    static func figures(in s: [Unicode.Scalar], into found: inout [RecognizedFigure], agrees: inout UInt64) {
        found.removeAll(keepingCapacity: true)
        agrees = 0
        // One load of the tables for the whole text, not one lazy-global check per scalar or number.
        let lists = FigureRecognizer.lists
        let starts = lists.numberStarts
        var i = 0
        let n = s.count
        while i < n {
            // Skip to the next scalar that may start a number, reading both arrays by pointer.
            i = s.withUnsafeBufferPointer { s in
                starts.withUnsafeBufferPointer { nextMayStart(s, from: i, starts: $0) }
            }
            guard i < n, let outcome = FigureRecognizer.recognize(s, at: i, lists) else {
                i += 1
                continue
            }
            switch consume outcome {
            case .figure(let f, let next):
                if found.count < 64, s.withUnsafeBufferPointer({ windowAgrees($0, start: f.start, numberAt: i, end: f.end, starts: starts) }) {
                    agrees |= 1 << UInt64(found.count)
                }
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

    /// Bit `k` of `bits` (false past 63).
    @inline(__always)
    static func bit(_ k: Int, of bits: UInt64) -> Bool { k < 64 && (bits >> UInt64(k)) & 1 != 0 }

    /// Whether `QuantityParser`, reading the figure of `s[start..<end]` (recognized at the number
    /// starting at `i`) from the `contextLength` scalars around it alone, as normalize does, is sure
    /// to read the quantity recognized here in the whole text; `starts` is `NumberReader.startTable` (read once by the caller).
    /// The parser tries each scalar from `start` on: it meets the number at `i` first when no scalar
    /// before it may start one. The words the recognizer reads around a number lie within the
    /// window (the farthest, a title's 《 up to 40 scalars before `start` and its 》 up to 40 after
    /// `end`), but for a lone 一: whether it counts looks back over a clause and forward over spaces
    /// without bound, so its window must hold the whole text.
    @inline(__always)
    static func windowAgrees(_ s: UnsafeBufferPointer<Unicode.Scalar>, start: Int, numberAt i: Int, end: Int,
                             starts: [Bool]) -> Bool {
        var k = start
        while k < i {
            if NumberReader.mayStart(s[k], starts) { return false }
            k += 1
        }
        if ChineseNumeral.digit(s[i]) == 1 { return start <= contextLength && end + contextLength >= s.count }
        return true
    }

    /// The mention of figure `k` of `found`, the figures of the text `slices` cuts from; its quantity
    /// is kept for normalize when `agrees` (`windowAgrees`): the mention holds `found` (whose room the
    /// next text with figures does not reuse, then).
    static func mention(_ found: [RecognizedFigure], _ k: Int, agrees: Bool, in slices: TextSlices, text: String, doc: String,
                        article: Int, paragraph: Int, line: Int) -> Mention {
        // Its offsets, and where its quantity is when normalize may take it: the figure is not copied.
        let start = found[k].start, end = found[k].end
        // The figures right before and after it.
        let before = k > 0 ? found[k - 1].start..<found[k - 1].end : nil
        let after = k + 1 < found.count ? found[k + 1].start..<found[k + 1].end : nil
        let clause = ClauseSpan.sentence(slices.scalars, start: start, end: end, before: before, after: after)
        return Mention(doc: doc, article: article, paragraph: paragraph, start: start, end: end, line: line,
                       raw: slices.string(start, end), sentence: slices.string(clause.lowerBound, clause.upperBound),
                       context: ContextWindow(text: text, lo: slices.utf8Offset(start - contextLength), start: slices.utf8Offset(start),
                                              end: slices.utf8Offset(end), hi: slices.utf8Offset(end + contextLength)),
                       figures: agrees ? found : [], figure: agrees ? k : -1)
    }
}
