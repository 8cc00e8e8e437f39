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
            // `buffer` is `text`'s UTF-8 (Swift strings on Linux are native UTF-8), valid already.
            var repairer = Repairer(buffer, checking: false)
            defer { repairer.deallocate() }
            return repairer.run()!
        }
    }

    /// The paragraphs of a page whose bytes may be UTF-8: checked while pass 1 decodes them, so
    /// that no String of the whole page is made and validated first. Nil when they are not valid
    /// UTF-8 (the caller decodes the page as it would have, from the start, binary check and all).
    /// Pass 1 also counts the control bytes of the page's first `TextDecoder.binarySample` bytes:
    /// a binary page throws what `TextDecoder.rejectBinary` throws, before the other passes.
    static func paragraphs(fromUTF8 body: ArraySlice<UInt8>) throws -> [Paragraph]? {
        try body.withUnsafeBufferPointer { buffer in
            var repairer = Repairer(buffer, checking: true)
            defer { repairer.deallocate() }
            guard repairer.scanLines() else { return nil }
            try TextDecoder.reject(repairer.controls, sampleCount: min(buffer.count, TextDecoder.binarySample))
            repairer.measureWidth()
            return repairer.build()
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
    /// The page's UTF-8: paragraphs copy their unchanged lines from it.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether pass 1 checks that `bytes` are valid UTF-8 (else they are a String's).
    let checking: Bool
    var lines: [LineFeatures] = []
    /// Typical width (terminal columns) of a full line in hard-wrapped text (unset otherwise).
    var wrapWidth = 0
    var hardWrapped = false
    var indentationMarksParagraphs = true
    /// Pages up to `cacheLimit` bytes keep their cleaned lines from pass 1 for pass 3 (scalars of
    /// line `i` at `cachedStarts[i]..<cachedStarts[i + 1]` of `store`); larger pages decode and
    /// clean them again, one at a time at the start of `store`.
    static let cacheLimit = 4 << 20
    var caching = false
    var store: ScalarBuffer
    var cachedStarts: [Int32] = []
    /// Where the lines of the paragraph being made are in `store` (from, to for each), reused.
    var spans: [Int] = []
    /// A paragraph's text before it is copied into its String, reused.
    var textBytes = ScratchBuffer<UInt8>(capacity: 4096)
    /// A paragraph's scalars before they are copied into their array, reused.
    var paragraphScalars = ScalarBuffer(capacity: 1024)
    /// The control bytes of the page's first `TextDecoder.binarySample` bytes (when `checking`).
    var controls = ControlBytes()

    init(_ bytes: UnsafeBufferPointer<UInt8>, checking: Bool) {
        self.bytes = bytes
        self.checking = checking
        caching = bytes.count <= Repairer.cacheLimit
        // A scalar takes at least a byte: a cached page fits in as many scalars as it has bytes.
        store = ScalarBuffer(capacity: caching ? bytes.count : 256)
    }

    func deallocate() {
        store.deallocate()
        textBytes.deallocate()
        paragraphScalars.deallocate()
    }

    /// The paragraphs; nil when `checking` finds bytes that are not valid UTF-8.
    mutating func run() -> [Paragraph]? {
        guard scanLines() else { return nil }
        measureWidth()
        return build()
    }

    // MARK: pass 1

    /// Returns false when `checking` finds invalid UTF-8 (the lines are then left half made).
    mutating func scanLines() -> Bool {
        var start = 0
        let n = bytes.count
        lines.reserveCapacity(n / 40 + 1)
        if caching { cachedStarts.reserveCapacity(n / 40 + 2) }
        var at = 0  // where the line's scalars go in `store`
        let table = LineScan.table  // loaded once for the page's lines
        // The control bytes of the page's first `TextDecoder.binarySample` bytes (the binary check's).
        var counted = ControlBytes()
        let sample = TextDecoder.binarySample
        while start <= n {
            var end = n
            if start < n, let lf = memchr(bytes.baseAddress! + start, 0x0A, n - start) {
                end = bytes.baseAddress!.distance(to: lf.assumingMemoryBound(to: UInt8.self))
            }
            if end == n && start == n { break }
            if !caching { at = 0; store.reserve(end - start, keeping: 0) }
            var scan = LineScan()
            // A line within three bytes of the end is checked first: a character cut off there would be read past the page.
            if checking && end > n - 3 && String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) == nil { return false }
            let before = counted
            let (m, valid) = LineScan.decodeChecking(bytes, start..<end, into: store.base + at, scan: &scan, controls: &counted, table: table)
            if checking && !valid { return false }
            // A line past the binary check's first bytes is counted up to them only.
            if end > sample {
                counted = before
                if start < sample { for b in bytes[start..<sample] { counted.add(b) } }
            }
            let leading = m > 0 && Scalars.isSpace(store.base[at])
            let cleaned = Repairer.clean(store.base + at, count: m, scan: scan)
            var f = LineFeatures(start: Int32(truncatingIfNeeded: start + cleaned.leadingBytes),
                                 end: Int32(truncatingIfNeeded: max(start + cleaned.leadingBytes, end - cleaned.trailingBytes)))
            if cleaned.rewritten { f.flags |= LineFeatures.rewritten }
            if caching { cachedStarts.append(Int32(truncatingIfNeeded: at)) }
            let line = store.slice(at, cleaned.count)
            if caching { at += cleaned.count }
            if line.isEmpty {
                f.flags |= LineFeatures.blank
            } else {
                let scan = cleaned.scan
                f.width = Int32(truncatingIfNeeded: scan.width)
                if scan.clause { f.flags |= LineFeatures.clausePunctuation }
                if scan.spaces { f.flags |= LineFeatures.spaces }
                // A sentence ends with a sentence-final mark, which is a clause mark: a line without one skips the test.
                if scan.clause && Scalars.endsSentence(line) { f.flags |= LineFeatures.endsSentence }
                if line.last == "：" || line.last == ":" { f.flags |= LineFeatures.endsColon }
                // What the scan learned spares the tests below their own scans: a date needs six
                // digits, a parallel heading a comma.
                if line.count <= 40 {
                    let spacedOrSlashed = scan.spaces || scan.slash
                    if Bylines.mayBeCredit(line, spacedOrSlashed: spacedOrSlashed) && Bylines.isCredit(line, spacedOrSlashed: spacedOrSlashed) {
                        f.flags |= LineFeatures.credit | LineFeatures.startsParagraph
                    }
                    if scan.digits >= 6 && PageFurniture.dateHeader(Array(line)) != nil { f.flags |= LineFeatures.dateHeader | LineFeatures.startsParagraph }
                }
                if Bylines.bylineLength(line) != nil {
                    f.flags |= LineFeatures.startsParagraph | LineFeatures.byline
                }
                if leading { f.flags |= LineFeatures.indented }  // counts only in hard-wrapped text
                // A parallel heading has one clause mark, its comma: other lines skip the test.
                if scan.clauses == 1 && Repairer.isParallelHeading(oneClause: line, endsSentence: f.has(LineFeatures.endsSentence)) {
                    f.flags |= LineFeatures.heading
                }
            }
            lines.append(f)
            start = end + 1
        }
        if caching { cachedStarts.append(Int32(truncatingIfNeeded: at)) }
        controls = counted
        return true
    }

    /// A section heading of two parallel phrases joined by one comma (`温暖基金聚爱心,解大病职工燃眉之急`):
    /// short, no sentence end, each side at least four characters.
    /// `line` has exactly one clause mark (`LineScan.clauses`, which pass 1 asks first), so the search
    /// for the comma stops there. `endsSentence` is whether the line ends a sentence (`Scalars.endsSentence`),
    /// which pass 1 knows already.
    static func isParallelHeading<L: RandomAccessCollection>(oneClause line: L, endsSentence: Bool) -> Bool
        where L.Element == Unicode.Scalar, L.Index == Int {
        guard line.count >= 9, line.count <= 30, !endsSentence else { return false }
        var comma = 0
        while comma < line.count && !Scalars.isClausePunctuation(line[comma]) { comma += 1 }
        guard comma < line.count, line[comma] == "，" || line[comma] == "," else { return false }
        return comma >= 4 && line.count - comma - 1 >= 4
    }

    /// A line as `clean` leaves it: its first `count` scalars, the UTF-8 bytes trimmed off each
    /// end, whether it is other than the trimmed source line, and its scan.
    struct Cleaned {
        var count = 0
        var leadingBytes = 0
        var trailingBytes = 0
        var rewritten = false
        var scan = LineScan()
    }

    /// Trims, drops furniture, removes jump markers and undoes doubled characters, in place: the
    /// line's `count` scalars at `p` (whose scan is `scan`) are replaced by the cleaned line (none
    /// for a blank or furniture line), which is never longer.
    static func clean(_ p: UnsafeMutablePointer<Unicode.Scalar>, count: Int, scan: LineScan, checkFurniture: Bool = true) -> Cleaned {
        var out = Cleaned()
        out.scan = scan
        var lo = 0, hi = count
        while lo < hi && Scalars.isSpace(p[lo]) { out.leadingBytes += Scalars.utf8Length(p[lo]); out.scan.remove(space: p[lo]); lo += 1 }
        while hi > lo && Scalars.isSpace(p[hi - 1]) { out.trailingBytes += Scalars.utf8Length(p[hi - 1]); out.scan.remove(space: p[hi - 1]); hi -= 1 }
        if lo == hi { return out }
        if lo > 0 { memmove(p, p + lo, (hi - lo) * MemoryLayout<Unicode.Scalar>.stride) }
        out.count = hi - lo
        if checkFurniture && out.count <= 160 && PageFurniture.isFurniture(UnsafeBufferPointer(start: p, count: out.count), out.scan) {
            out.count = 0
            return out
        }
        // Both rewrites only shorten the line, so it is written back where it was.
        func replace(with new: ArraySlice<Unicode.Scalar>) {
            _ = UnsafeMutableBufferPointer(start: p, count: new.count).initialize(from: new)
            out.count = new.count
            out.rewritten = true
        }
        if out.scan.jumpOpener, let removed = PageFurniture.removingJumpMarkers(UnsafeBufferPointer(start: p, count: out.count)) {
            var a = removed.startIndex, b = removed.endIndex
            while a < b && Scalars.isSpace(removed[a]) { a += 1 }
            while b > a && Scalars.isSpace(removed[b - 1]) { b -= 1 }
            replace(with: removed[a..<b])
        }
        if let undone = DoubledCharacters.undo(UnsafeBufferPointer(start: p, count: out.count)) { replace(with: undone[...]) }
        if out.rewritten { out.scan = LineScan(UnsafeBufferPointer(start: p, count: out.count)) }
        return out
    }

    /// Hard-wrapped pages (lines cut at a column width, as copied from a PDF) have most
    /// lines within a few columns of the widest usual line (`WrapWidth`).
    mutating func measureWidth() {
        let wrap = WrapWidth(lines)
        indentationMarksParagraphs = wrap.indentationMarksParagraphs
        hardWrapped = wrap.hardWrapped
        wrapWidth = wrap.width
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

    /// Paragraphs `build` makes room for at most at once (40 bytes each): a page of millions of
    /// lines grows its array as it goes.
    static let paragraphRoom = 1 << 14

    mutating func build() -> [Paragraph] {
        var out: [Paragraph] = []
        // Room for a paragraph per line that is not blank (the most there can be), not grown one,
        // two, four as they come. Counted here: a count kept by pass 1 costs more there.
        var textLines = 0
        for l in lines where !l.has(LineFeatures.blank) { textLines += 1 }
        out.reserveCapacity(min(textLines, Repairer.paragraphRoom))
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
            if previous >= 0 && joins(prev: previous, cur: i, gap: gap, curBlockHeadlineLike: inBlockHeadline, prevBlockBodyLike: prevBlockBodyLike, prevBlockLines: gap == 0 ? blockLines : prevBlockLines) {
                builder.add(index: i, gap: gap)
            } else {
                finish(&builder, checking: &repeats, into: &out)
                builder.start(index: i)
            }
            previous = i
        }
        finish(&builder, checking: &repeats, into: &out)
        return out
    }

    /// Makes the paragraph `builder` holds and appends it to `out` unless it repeats one before.
    mutating func finish(_ builder: inout ParagraphBuilder, checking repeats: inout Repeats, into out: inout [Paragraph]) {
        guard !builder.isEmpty, let f = paragraph(&builder) else { return }
        if repeats.isNew(f.scalars, spaces: f.spaces, credit: lines[builder.lastLineIndex].has(LineFeatures.credit)) {
            out.append(f.paragraph)
        }
    }

    /// The paragraph of `builder`'s lines: their cleaned scalars one after another (spaces
    /// normalized), the line map and the text; and whether a space is left in it. Each line is
    /// copied once, into an array of the paragraph's size.
    mutating func paragraph(_ b: inout ParagraphBuilder) -> (paragraph: Paragraph, scalars: [Unicode.Scalar], spaces: Bool)? {
        // Where each line's cleaned scalars are in `store`: cached from pass 1 (`span` reads
        // `cachedStarts`), or decoded and cleaned again one after another into `spans` (furniture
        // lines were marked blank in pass 1).
        if !caching {
            spans.removeAll(keepingCapacity: true)
            let table = LineScan.table
            var at = 0
            for part in b.parts {
                let l = lines[part.index]
                store.reserve(at + Int(l.end - l.start), keeping: at)
                var scan = LineScan()
                let m = LineScan.decode(bytes, Int(l.start)..<Int(l.end), into: store.base + at, scan: &scan, table: table)
                let cleaned = Repairer.clean(store.base + at, count: m, scan: scan, checkFurniture: false)
                spans.append(at)
                spans.append(at + cleaned.count)
                at += cleaned.count
            }
        }
        var capacity = 0, starts = 0
        for (k, part) in b.parts.enumerated() {
            let (from, to) = span(k, part.index)
            capacity += to - from
            starts += part.gap + 1
        }
        // A paragraph of one line (most, where a line is a paragraph) shares one map, not an array each.
        var lineStarts: [Int] = starts == 1 ? Repairer.oneLine : []
        if starts > 1 { lineStarts.reserveCapacity(starts) }
        var spaces = false
        b.clearPieces()
        let base = store.base
        // The scalars are written into `paragraphScalars` and copied into an array of their size:
        // `[Unicode.Scalar](unsafeUninitializedCapacity:)` allocates through the standard library's
        // unspecialized path, which looks the array's type up in the runtime's metadata cache
        // (atomic reader counts shared by the threads) for every paragraph.
        paragraphScalars.reserve(capacity, keeping: 0)
        let out = UnsafeMutableBufferPointer(start: paragraphScalars.base, count: capacity)
        var n = 0
        for (k, part) in b.parts.enumerated() {
            if starts > 1 { for _ in 0...part.gap { lineStarts.append(n) } }
            let l = lines[part.index]
            let (lo, hi) = span(k, part.index)
            let src = base + lo, count = hi - lo
            let from = n
            if !l.has(LineFeatures.spaces) {
                (out.baseAddress! + n).initialize(from: src, count: count)
                n += count
                // Neither spaces to normalize nor markers or doubling undone: the text is the page's own bytes.
                if l.has(LineFeatures.rewritten) {
                    b.addText(scalars: from..<n)
                } else {
                    b.addText(bytes: Int(l.start)..<Int(l.end))
                }
            } else {
                let aggressive = l.has(LineFeatures.clausePunctuation) || count >= 24 || l.has(LineFeatures.byline)
                n = Repairer.normalizeSpaces(src, count, aggressive: aggressive, into: out.baseAddress!, at: n)
                if !spaces { spaces = out[from..<n].contains(where: Scalars.isSpace) }
                b.addText(scalars: from..<n)
            }
        }
        guard n > 0 else { return nil }
        let scalars = Array(paragraphScalars.slice(0, n))
        let text = b.text(bytes, scalars, scratch: &textBytes)
        return (Paragraph(text: text, scalars: scalars, firstLine: b.firstLine, lineStarts: lineStarts), scalars, spaces)
    }

    /// The line map of a paragraph of one line: it starts at scalar 0.
    static let oneLine = [0]

    /// Where the cleaned scalars of the paragraph's `k`-th line, line `index`, are in `store`.
    @inline(__always)
    func span(_ k: Int, _ index: Int) -> (from: Int, to: Int) {
        caching ? (Int(cachedStarts[index]), Int(cachedStarts[index + 1])) : (spans[2 * k], spans[2 * k + 1])
    }

    /// Writes the `count` scalars at `line` to `out` from `start` with spaces removed next to Chinese
    /// punctuation; in sentence lines (or long lines) also spaces between Chinese characters and between
    /// Chinese and ASCII. Spaces between two ASCII characters stay (one), and short headline lines keep
    /// their phrase spaces (`寒冬送暖 工会行动`). The line is trimmed: it neither starts nor ends with a
    /// space. Returns where the written scalars end.
    static func normalizeSpaces(_ line: UnsafePointer<Unicode.Scalar>, _ count: Int, aggressive: Bool,
                                into out: UnsafeMutablePointer<Unicode.Scalar>, at start: Int) -> Int {
        var n = start
        // Most lines have no space left inside: copy them whole.
        var first = 0
        while first < count && !Scalars.isSpace(line[first]) { first += 1 }
        (out + n).initialize(from: line, count: first)
        n += first
        var i = first
        let end = count
        while i < end {
            let s = line[i]
            if !Scalars.isSpace(s) { out[n] = s; n += 1; i += 1; continue }
            var j = i
            while j < end && Scalars.isSpace(line[j]) { j += 1 }
            if i > 0, j < end {
                let before = line[i - 1], after = line[j]
                let wide = Scalars.isWidePunctuation(before) || Scalars.isWidePunctuation(after)
                let bothASCII = before.value < 0x80 && after.value < 0x80
                if !wide && (bothASCII || !aggressive) { out[n] = " "; n += 1 }
            }
            i = j
        }
        return n
    }
}
