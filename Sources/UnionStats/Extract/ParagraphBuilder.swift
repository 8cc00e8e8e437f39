/// One paragraph being built: which lines it joins, then its text. The text is made once, at the
/// end, from pieces: lines the repair left as they were are copied from the page's UTF-8; only
/// rewritten lines are encoded from scalars.
struct ParagraphBuilder {
    /// Part of the paragraph's text: UTF-8 offsets `lo..<hi` of the page, or, when `encoded`,
    /// the paragraph's scalars `lo..<hi`.
    struct Piece {
        var encoded: Bool
        var lo: Int
        var hi: Int
    }

    /// A line of the paragraph: its index in the repairer's lines and the blank lines before it
    /// (0 for the first).
    struct Part {
        var index: Int
        var gap: Int
    }

    /// The paragraph's lines, reused from paragraph to paragraph.
    var parts: [Part] = []
    var firstLine = 0
    /// The text in page order, reused from paragraph to paragraph.
    var pieces: [Piece] = []

    var isEmpty: Bool { parts.isEmpty }
    var lastLineIndex: Int { parts.last?.index ?? -1 }

    mutating func start(index: Int) {
        // Most paragraphs are one line: `removeLast` drops it without the general `removeAll`
        // (a replaceSubrange of some 80 instructions a paragraph).
        if parts.count == 1 { parts.removeLast() } else { parts.removeAll(keepingCapacity: true) }
        parts.append(Part(index: index, gap: 0))
        firstLine = index + 1
    }

    /// Adds line `index` after `gap` blank lines.
    mutating func add(index: Int, gap: Int) {
        parts.append(Part(index: index, gap: gap))
    }

    /// Empties `pieces` for the next paragraph's text (most have one piece: see `start`).
    mutating func clearPieces() {
        if pieces.count == 1 { pieces.removeLast() } else { pieces.removeAll(keepingCapacity: true) }
    }

    /// The next line's text is the page's UTF-8 `range`.
    mutating func addText(bytes range: Range<Int>) {
        guard !range.isEmpty else { return }
        pieces.append(Piece(encoded: false, lo: range.lowerBound, hi: range.upperBound))
    }

    /// The next line's text is the paragraph's scalars `range` (joined to an encoded piece right before it).
    mutating func addText(scalars range: Range<Int>) {
        guard !range.isEmpty else { return }
        if let last = pieces.last, last.encoded, last.hi == range.lowerBound {
            pieces[pieces.count - 1].hi = range.upperBound
        } else {
            pieces.append(Piece(encoded: true, lo: range.lowerBound, hi: range.upperBound))
        }
    }

    /// The paragraph's text, its pieces joined: `bytes` are the page's UTF-8 and `scalars` the
    /// paragraph's. Both are valid UTF-8 once encoded, so the text is copied into its String
    /// without the validation that `String(decoding:)` or `String(unsafeUninitializedCapacity:)`
    /// would run over it again: a paragraph of one unchanged line straight from the page, others
    /// joined in `scratch` first.
    func text(_ bytes: UnsafeBufferPointer<UInt8>, _ scalars: [Unicode.Scalar], scratch: inout ScratchBuffer<UInt8>) -> String {
        // The text is all ASCII when it has as many bytes as scalars.
        if pieces.count == 1 && !pieces[0].encoded {
            let lo = pieces[0].lo, hi = pieces[0].hi
            return UTF8Coding.string(validated: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), isASCII: hi - lo == scalars.count)
        }
        var room = 0
        for p in pieces { room += p.encoded ? 4 * (p.hi - p.lo) : p.hi - p.lo }
        scratch.reserve(room, keeping: 0)
        let out = UnsafeMutableBufferPointer(start: scratch.base, count: room)
        let n = scalars.withUnsafeBufferPointer { buf in
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
        return UTF8Coding.string(validated: UnsafeBufferPointer(start: scratch.base, count: n), isASCII: n == scalars.count)
    }
}
