/// Accumulates one paragraph's scalars and its line map. The text is made once, at the end,
/// from pieces: lines the repair left as they were are copied from the page's UTF-8; only
/// rewritten lines are encoded from scalars.
struct ParagraphBuilder {
    /// Part of the paragraph's text: UTF-8 offsets `lo..<hi` of the page, or, when `encoded`,
    /// the scalars `scalars[lo..<hi]`.
    struct Piece {
        var encoded: Bool
        var lo: Int
        var hi: Int
    }

    var lineStarts: [Int] = []
    var firstLine = 0
    var lastLineIndex = -1
    /// The paragraph's scalars; each line's are appended after `start` or `startLine`.
    var scalars: [Unicode.Scalar] = []
    /// Whether `scalars` hold a space (only lines with spaces can leave one).
    var spaces = false
    /// The text in page order, reused from paragraph to paragraph.
    var pieces: [Piece] = []

    var isEmpty: Bool { lineStarts.isEmpty }

    mutating func start(lineNumber: Int) {
        lineStarts.removeAll(keepingCapacity: true)
        scalars.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
        spaces = false
        firstLine = lineNumber
        startLine(gapLines: 0)
    }

    /// Marks where the next line begins (after `gapLines` blank lines).
    mutating func startLine(gapLines: Int) {
        for _ in 0...gapLines { lineStarts.append(scalars.count) }
    }

    /// The next line's text is the page's UTF-8 `range`.
    mutating func addText(bytes range: Range<Int>) {
        guard !range.isEmpty else { return }
        pieces.append(Piece(encoded: false, lo: range.lowerBound, hi: range.upperBound))
    }

    /// The next line's text is `scalars[range]` (joined to an encoded piece right before it).
    mutating func addText(scalars range: Range<Int>) {
        guard !range.isEmpty else { return }
        if let last = pieces.last, last.encoded, last.hi == range.lowerBound {
            pieces[pieces.count - 1].hi = range.upperBound
        } else {
            pieces.append(Piece(encoded: true, lo: range.lowerBound, hi: range.upperBound))
        }
    }

    mutating func finish(source: String, bytes: UnsafeBufferPointer<UInt8>) -> (paragraph: Paragraph, scalars: [Unicode.Scalar])? {
        guard !lineStarts.isEmpty, !scalars.isEmpty else { lineStarts.removeAll(); pieces.removeAll(keepingCapacity: true); return nil }
        let s = scalars
        let p = Paragraph(text: text(source, bytes), scalars: s, firstLine: firstLine, lineStarts: lineStarts)
        // The paragraph holds these two buffers now, so the next paragraph starts new ones:
        // emptied "keeping capacity", every later paragraph got a buffer as large as the
        // largest before it (a page with one long paragraph and many short ones, many times over).
        scalars = []
        lineStarts = []
        pieces.removeAll(keepingCapacity: true)
        return (p, s)
    }

    /// The paragraph's text, its pieces joined. A paragraph of one unchanged line is a copy of
    /// that part of `source` (`bytes` are its UTF-8). Pieces are joined in one buffer that the
    /// String validates once: appending Substrings one by one costs more for lines of usual length.
    func text(_ source: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if pieces.count == 1 && !pieces[0].encoded {
            let u = source.utf8
            return String(source[u.index(u.startIndex, offsetBy: pieces[0].lo)..<u.index(u.startIndex, offsetBy: pieces[0].hi)])
        }
        if pieces.count == 1 { return Scalars.string(scalars, pieces[0].lo, pieces[0].hi) }
        var size = 0
        for p in pieces {
            if p.encoded {
                for k in p.lo..<p.hi { size += Scalars.utf8Length(scalars[k]) }
            } else {
                size += p.hi - p.lo
            }
        }
        return scalars.withUnsafeBufferPointer { buf in
            String(unsafeUninitializedCapacity: size) { out in
                var n = 0
                for p in pieces {
                    if p.encoded {
                        for k in p.lo..<p.hi { n = UTF8Coding.encode(buf[k].value, into: out, at: n) }
                    } else {
                        UnsafeMutableRawPointer(out.baseAddress! + n).copyMemory(from: bytes.baseAddress! + p.lo, byteCount: p.hi - p.lo)
                        n += p.hi - p.lo
                    }
                }
                return n
            }
        }
    }
}
