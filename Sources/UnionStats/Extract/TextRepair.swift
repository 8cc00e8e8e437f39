#if canImport(Glibc)
import Glibc
#endif

/// Repairs a page's text into paragraphs:
/// - drops page furniture and ad markers (`PageFurniture`) and jump markers like `(上接第1版)`;
/// - undoes headline lines printed with doubled characters (`DoubledCharacters`);
/// - joins hard-wrapped lines (nothing is inserted: Chinese has no spaces), also across the blank
///   lines that column breaks leave inside sentences;
/// - removes the stray spaces that PDF copies leave around Chinese punctuation and characters;
/// - drops repeated paragraphs and repeated paragraph tails (`Repeats`).
/// Each paragraph keeps a map from its scalar offsets back to source lines.
public enum TextRepair {
    public static func paragraphs(from text: String) -> [Paragraph] {
        var copy = text
        return copy.withUTF8 { buffer in
            // `buffer` is `text`'s UTF-8 (Swift strings on Linux are native UTF-8): its offsets index `text`.
            var repairer = Repairer(buffer, source: text)
            return repairer.run()
        }
    }
}

/// Features of one source line, computed in a first pass; a page of 200 MB keeps
/// only these (16 bytes a line), not the decoded lines.
struct LineFeatures {
    /// UTF-8 offsets of the line with its leading and trailing spaces trimmed.
    var start: Int32 = 0
    var end: Int32 = 0
    var width: Int32 = 0
    var flags: UInt16 = 0

    static let blank: UInt16 = 1            // empty, furniture, or only a jump marker
    static let endsSentence: UInt16 = 2
    static let clausePunctuation: UInt16 = 4
    static let startsParagraph: UInt16 = 8  // a byline, a credit, or (in hard-wrapped text) an indented line
    static let endsColon: UInt16 = 16
    static let credit: UInt16 = 32
    static let dateHeader: UInt16 = 64
    static let indented: UInt16 = 128
    static let heading: UInt16 = 256       // two parallel phrases around one comma: `对口帮扶暖人心,圆贫困学子上学梦`
    static let byline: UInt16 = 512        // opens with a byline (`本报讯`), kept for pass 3
    static let spaces: UInt16 = 1024       // has spaces inside: pass 3 normalizes them
    static let rewritten: UInt16 = 2048    // jump markers removed or doubled characters undone: not the source bytes

    func has(_ f: UInt16) -> Bool { flags & f != 0 }
}

struct Repairer {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The page text whose UTF-8 `bytes` are: paragraphs copy their unchanged lines from it.
    let source: String
    var lines: [LineFeatures] = []
    var scratch: [Unicode.Scalar] = []
    /// The cleaned current line, reused from line to line so that no line allocates.
    var line: [Unicode.Scalar] = []
    /// Typical width (terminal columns) of a full line in hard-wrapped text.
    var wrapWidth = 0
    var hardWrapped = false
    var indentationMarksParagraphs = true
    /// Pages up to `cacheLimit` bytes keep their cleaned lines from pass 1 for pass 3 (scalars of
    /// line `i` at `cachedStarts[i]..<cachedStarts[i + 1]`); larger pages decode and clean them again.
    static let cacheLimit = 4 << 20
    var caching = false
    var cached: [Unicode.Scalar] = []
    var cachedStarts: [Int32] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, source: String) {
        self.bytes = bytes
        self.source = source
    }

    mutating func run() -> [Paragraph] {
        scanLines()
        measureWidth()
        return build()
    }

    // MARK: pass 1

    mutating func scanLines() {
        var start = 0
        let n = bytes.count
        lines.reserveCapacity(n / 40 + 1)
        caching = n <= Repairer.cacheLimit
        if caching {
            cached.reserveCapacity(n / 2)
            cachedStarts.reserveCapacity(n / 40 + 2)
        }
        while start <= n {
            var end = n
            if start < n, let lf = memchr(bytes.baseAddress! + start, 0x0A, n - start) {
                end = bytes.baseAddress!.distance(to: lf.assumingMemoryBound(to: UInt8.self))
            }
            if end == n && start == n { break }
            let m = Scalars.decodeUTF8(bytes, start..<end, into: &scratch)
            let leading = m > 0 && Scalars.isSpace(scratch[0])
            let cleaned = Repairer.clean(scratch, count: m, into: &line)
            // The trimmed line's bytes: trimmed spaces are measured, not assumed ASCII.
            var from = start, to = end
            for k in 0..<cleaned.lo { from += Scalars.utf8Length(scratch[k]) }
            for k in cleaned.hi..<max(cleaned.hi, m) { to -= Scalars.utf8Length(scratch[k]) }
            var f = LineFeatures(start: Int32(truncatingIfNeeded: from), end: Int32(truncatingIfNeeded: max(from, to)))
            if cleaned.rewritten { f.flags |= LineFeatures.rewritten }
            if caching {
                cachedStarts.append(Int32(truncatingIfNeeded: cached.count))
                cached.append(contentsOf: line)
            }
            if line.isEmpty {
                f.flags |= LineFeatures.blank
            } else {
                var width = 0, digits = 0
                var clause = false, spaces = false, slash = false
                for s in line {
                    // Common ideographs, most of a line: two columns, neither punctuation nor space.
                    if s.value >= 0x4E00 && s.value <= 0x9FFF { width += 2; continue }
                    width += Scalars.width(s)
                    if !clause && Scalars.isClausePunctuation(s) { clause = true }
                    if !spaces && Scalars.isSpace(s) { spaces = true }
                    if s == "/" { slash = true }
                    if PageFurniture.digitValue(s) != nil { digits += 1 }
                }
                f.width = Int32(truncatingIfNeeded: width)
                if clause { f.flags |= LineFeatures.clausePunctuation }
                if spaces { f.flags |= LineFeatures.spaces }
                if Scalars.endsSentence(line) { f.flags |= LineFeatures.endsSentence }
                if line.last == "：" || line.last == ":" { f.flags |= LineFeatures.endsColon }
                // What the loop learned spares the tests below their own scans: a date needs six
                // digits, a parallel heading a comma.
                if line.count <= 40 {
                    if Bylines.isCredit(line, spacedOrSlashed: spaces || slash) { f.flags |= LineFeatures.credit | LineFeatures.startsParagraph }
                    if digits >= 6 && PageFurniture.dateHeader(line) != nil { f.flags |= LineFeatures.dateHeader | LineFeatures.startsParagraph }
                }
                if Bylines.bylineLength(line) != nil { f.flags |= LineFeatures.startsParagraph | LineFeatures.byline }
                if leading { f.flags |= LineFeatures.indented }  // counts only in hard-wrapped text
                if clause && Repairer.isParallelHeading(line) { f.flags |= LineFeatures.heading }
            }
            lines.append(f)
            start = end + 1
        }
        if caching { cachedStarts.append(Int32(truncatingIfNeeded: cached.count)) }
    }

    /// A section heading of two parallel phrases joined by one comma (`温暖基金聚爱心,解大病职工燃眉之急`):
    /// short, no sentence end, each side at least four characters.
    static func isParallelHeading(_ line: [Unicode.Scalar]) -> Bool {
        guard line.count <= 30, !Scalars.endsSentence(line) else { return false }
        var comma = -1
        for (i, s) in line.enumerated() where Scalars.isClausePunctuation(s) {
            guard comma < 0, s == "，" || s == "," else { return false }
            comma = i
        }
        return comma >= 4 && line.count - comma - 1 >= 4
    }

    /// Trims, drops furniture, removes jump markers and undoes doubled characters.
    /// Reads the first `count` scalars of `raw`; the result replaces the contents of `line`,
    /// whose storage is reused (empty for a blank or furniture line). Returns the trimmed
    /// range of `raw` and whether the line is other than `raw[lo..<hi]`.
    @discardableResult
    static func clean(_ raw: [Unicode.Scalar], count: Int, into line: inout [Unicode.Scalar],
                      checkFurniture: Bool = true) -> (lo: Int, hi: Int, rewritten: Bool) {
        line.removeAll(keepingCapacity: true)
        var lo = 0, hi = count
        while lo < hi && Scalars.isSpace(raw[lo]) { lo += 1 }
        while hi > lo && Scalars.isSpace(raw[hi - 1]) { hi -= 1 }
        if lo == hi { return (lo, hi, false) }
        line.append(contentsOf: raw[lo..<hi])
        if checkFurniture && line.count <= 160 && PageFurniture.isFurniture(line) { line.removeAll(keepingCapacity: true); return (lo, hi, false) }
        var rewritten = false
        if let removed = PageFurniture.removingJumpMarkers(line) {
            line = removed
            while let f = line.first, Scalars.isSpace(f) { line.removeFirst() }
            while let l = line.last, Scalars.isSpace(l) { line.removeLast() }
            rewritten = true
        }
        if let undone = DoubledCharacters.undo(line) { line = undone; rewritten = true }
        return (lo, hi, rewritten)
    }

    /// Hard-wrapped pages (lines cut at a column width, as copied from a PDF) have most
    /// lines within a few columns of the widest usual line.
    mutating func measureWidth() {
        var histogram = [Int](repeating: 0, count: 1025)
        var count = 0, indented = 0
        for l in lines where !l.has(LineFeatures.blank) {
            histogram[min(Int(l.width), 1024)] += 1
            count += 1
            if l.has(LineFeatures.indented) { indented += 1 }
        }
        // When most lines are indented, indentation marks nothing.
        indentationMarksParagraphs = indented * 2 < count
        guard count >= 5 else { return }
        var seen = 0
        var p80 = 0
        for w in 0...1024 {
            seen += histogram[w]
            if seen * 10 >= count * 8 { p80 = w; break }
        }
        var near = 0
        for w in max(0, p80 - 4)...min(1024, p80 + 1) { near += histogram[w] }
        wrapWidth = p80
        hardWrapped = p80 <= 120 && p80 >= 12 && near * 2 >= count
    }

    // MARK: pass 2: joining decisions

    /// Whether the block (run of non-blank lines) starting at `i` looks like a headline block:
    /// few short lines, none with clause punctuation or a sentence end.
    func headlineLikeBlock(from i: Int) -> Bool {
        var k = i
        var n = 0
        while k < lines.count && !lines[k].has(LineFeatures.blank) {
            let l = lines[k]
            if l.has(LineFeatures.clausePunctuation) || l.has(LineFeatures.endsSentence) { return false }
            n += 1
            if n > 4 { return false }
            k += 1
        }
        return n > 0
    }

    func startsParagraph(_ l: LineFeatures) -> Bool {
        l.has(LineFeatures.startsParagraph) || (hardWrapped && indentationMarksParagraphs && l.has(LineFeatures.indented))
    }

    /// Should line `cur` continue the paragraph whose last line is `prev`, with `gap` blank lines between?
    func joins(prev p: Int, cur c: Int, gap: Int, curBlockHeadlineLike: Bool, prevBlockBodyLike: Bool, prevBlockLines: Int) -> Bool {
        let prev = lines[p], cur = lines[c]
        if startsParagraph(cur) || prev.has(LineFeatures.credit) || prev.has(LineFeatures.dateHeader) { return false }
        if !hardWrapped && (prev.has(LineFeatures.heading) || cur.has(LineFeatures.heading)) { return false }
        if curBlockHeadlineLike { return false }
        let pw = Int(prev.width), cw = Int(cur.width)
        if hardWrapped {
            let w = wrapWidth
            if gap == 0 {
                if pw < w - 8 { return false }
                if prev.has(LineFeatures.endsSentence) && pw < w - 1 { return false }
                return true
            }
            guard gap <= 2, !prev.has(LineFeatures.endsSentence), pw >= w - 8, pw <= w + 1 else { return false }
            // After a sentence line cut by a column break anything body-like continues it; after a
            // lone short line (perhaps a headline) only a full-width line, which cannot open a paragraph.
            if prevBlockBodyLike { return true }
            return cw >= w - 3 || cur.has(LineFeatures.endsSentence)
        }
        // One line per paragraph: a paragraph line cut off mid-sentence (no sentence end) continues
        // on the next body line, across the blank line the page put there. Lines in a run of
        // several short lines (captions, headline lists) stand alone.
        guard !prev.has(LineFeatures.endsSentence), !prev.has(LineFeatures.endsColon) else { return false }
        let curBodyLike = cw >= 60 || (cur.has(LineFeatures.clausePunctuation) && cur.has(LineFeatures.endsSentence))
        guard curBodyLike else { return false }
        if gap == 0 { return pw >= 120 }
        return gap <= 3 && prevBlockLines == 1 && (pw >= 60 || (pw >= 24 && prev.has(LineFeatures.clausePunctuation)))
    }

    // MARK: pass 3: build paragraphs

    mutating func build() -> [Paragraph] {
        var out: [Paragraph] = []
        var repeats = Repeats()
        var builder = ParagraphBuilder()
        var previous = -1          // index of the last non-blank line
        var blockHeadlineLike = false
        var lastWasBlank = true
        var blockBodyLike = false, prevBlockBodyLike = false
        var blockLines = 0, prevBlockLines = 0
        for i in 0..<lines.count {
            let l = lines[i]
            if l.has(LineFeatures.blank) { lastWasBlank = true; continue }
            if lastWasBlank {
                prevBlockBodyLike = blockBodyLike
                prevBlockLines = blockLines
                blockBodyLike = false
                blockLines = 0
                blockHeadlineLike = hardWrapped ? headlineLikeBlock(from: i) : false
            }
            let inBlockHeadline = blockHeadlineLike
            lastWasBlank = false
            blockLines += 1
            if blockLines >= 2 || l.has(LineFeatures.clausePunctuation) || l.has(LineFeatures.endsSentence) { blockBodyLike = true }
            let gap = previous < 0 ? 0 : i - previous - 1
            if previous >= 0 && !builder.isEmpty && joins(prev: previous, cur: i, gap: gap, curBlockHeadlineLike: inBlockHeadline, prevBlockBodyLike: prevBlockBodyLike, prevBlockLines: gap == 0 ? blockLines : prevBlockLines) {
                builder.startLine(gapLines: gap)
            } else {
                if let f = builder.finish(source: source, bytes: bytes), repeats.isNew(f.paragraph.text, f.scalars, spaces: builder.spaces, credit: lines[builder.lastLineIndex].has(LineFeatures.credit)) {
                    out.append(f.paragraph)
                }
                builder.start(lineNumber: i + 1)
            }
            // The cleaned line goes straight into the paragraph, its spaces normalized on the way.
            if caching {
                Repairer.appendLine(cached, Int(cachedStarts[i])..<Int(cachedStarts[i + 1]), l, to: &builder)
            } else {
                let m = Scalars.decodeUTF8(bytes, Int(l.start)..<Int(l.end), into: &scratch)
                Repairer.clean(scratch, count: m, into: &line, checkFurniture: false)  // furniture lines were marked blank in pass 1
                Repairer.appendLine(line, 0..<line.count, l, to: &builder)
            }
            builder.lastLineIndex = i
            previous = i
        }
        if let f = builder.finish(source: source, bytes: bytes), repeats.isNew(f.paragraph.text, f.scalars, spaces: builder.spaces, credit: builder.lastLineIndex >= 0 && lines[builder.lastLineIndex].has(LineFeatures.credit)) {
            out.append(f.paragraph)
        }
        return out
    }

    /// Appends the cleaned line `source[range]` (features `l`) to the paragraph being built.
    /// Static: a method of `self` would copy the repairer (and retain its arrays) for every line.
    static func appendLine(_ source: [Unicode.Scalar], _ range: Range<Int>, _ l: LineFeatures, to builder: inout ParagraphBuilder) {
        let from = builder.scalars.count
        guard l.has(LineFeatures.spaces) else {
            builder.scalars.append(contentsOf: source[range])
            // Neither spaces to normalize nor markers or doubling undone: the text is the page's own bytes.
            if l.has(LineFeatures.rewritten) {
                builder.addText(scalars: from..<builder.scalars.count)
            } else {
                builder.addText(bytes: Int(l.start)..<Int(l.end))
            }
            return
        }
        let aggressive = l.has(LineFeatures.clausePunctuation) || range.count >= 24 || l.has(LineFeatures.byline)
        Repairer.normalizeSpaces(source, range, aggressive: aggressive, into: &builder.scalars)
        builder.spaces = builder.spaces || builder.scalars[builder.lineStarts.last!...].contains(where: Scalars.isSpace)
        builder.addText(scalars: from..<builder.scalars.count)
    }

    /// Appends `line[range]` to `out` with spaces removed next to Chinese punctuation; in sentence
    /// lines (or long lines) also spaces between Chinese characters and between Chinese and ASCII.
    /// Spaces between two ASCII characters stay (one), and short headline lines keep their phrase
    /// spaces (`寒冬送暖 工会行动`). The line is trimmed: it neither starts nor ends with a space.
    static func normalizeSpaces(_ line: [Unicode.Scalar], _ range: Range<Int>, aggressive: Bool, into out: inout [Unicode.Scalar]) {
        var i = range.lowerBound
        let end = range.upperBound
        // Most lines have no space left inside: copy them whole.
        var first = i
        while first < end && !Scalars.isSpace(line[first]) { first += 1 }
        out.append(contentsOf: line[i..<first])
        i = first
        while i < end {
            let s = line[i]
            if !Scalars.isSpace(s) { out.append(s); i += 1; continue }
            var j = i
            while j < end && Scalars.isSpace(line[j]) { j += 1 }
            if i > range.lowerBound, j < end {
                let before = line[i - 1], after = line[j]
                let wide = Scalars.isWidePunctuation(before) || Scalars.isWidePunctuation(after)
                let bothASCII = before.value < 0x80 && after.value < 0x80
                if !wide && (bothASCII || !aggressive) { out.append(" ") }
            }
            i = j
        }
    }
}
