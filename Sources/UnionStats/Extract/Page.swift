/// A page read from `input/`: decoded, repaired and split into articles.
/// The boundary type between decoding/repair and article splitting.
public struct Page: Sendable, Equatable {
    /// The input file's name (not its path): `000_beb573b588d2f9ba.txt`.
    public var doc: String
    /// How the bytes were decoded: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030`.
    public var encoding: String
    /// Paragraphs after repair, in page order, each with its first source line.
    public var paragraphs: [Paragraph]
    /// A date printed on the page (`YYYY-MM-DD` or `YYYY-MM`), the last resort for dating it.
    public var printedDate: String?

    public init(doc: String, encoding: String, paragraphs: [Paragraph], printedDate: String? = nil) {
        self.doc = doc
        self.encoding = encoding
        self.paragraphs = paragraphs
        self.printedDate = printedDate
    }
}

/// One repaired paragraph: hard-wrapped lines joined, with a map from
/// positions in `text` back to lines of the input file.
public struct Paragraph: Sendable, Equatable {
    public var text: String { didSet { decoded = nil } }
    /// `lineStarts[i]` is the offset (in Unicode scalars of `text`) where source line `firstLine + i` begins.
    public var lineStarts: [Int]
    public var firstLine: Int
    /// `text`'s scalars as repair built them, kept so that splitting, scanning and
    /// normalizing do not decode every paragraph again; nil for a paragraph read
    /// from an intermediate CSV or longer than `keptScalarsLimit`.
    private var decoded: [Unicode.Scalar]?

    public init(text: String, firstLine: Int, lineStarts: [Int] = [0]) {
        self.text = text
        self.firstLine = firstLine
        self.lineStarts = lineStarts
    }

    /// A paragraph with its scalars (`scalars` must be `text`'s).
    init(text: String, scalars: [Unicode.Scalar], firstLine: Int, lineStarts: [Int]) {
        self.init(text: text, firstLine: firstLine, lineStarts: lineStarts)
        if scalars.count <= Paragraph.keptScalarsLimit { decoded = scalars }
    }

    /// Longer paragraphs (a page without line breaks) are decoded when needed: kept, a 16 MB page's scalars take 64 MB.
    static let keptScalarsLimit = 1 << 16

    /// The text as Unicode scalars.
    var scalars: [Unicode.Scalar] { decoded ?? text.scalars }
    /// The scalars when they are kept (no decoding).
    var keptScalars: [Unicode.Scalar]? { decoded }

    /// Paragraphs are equal by what they say, whether or not their scalars are kept.
    public static func == (a: Paragraph, b: Paragraph) -> Bool {
        a.text == b.text && a.lineStarts == b.lineStarts && a.firstLine == b.firstLine
    }

    /// Drops the first `n` scalars (a byline cut off), the line map shifted so that every
    /// remaining scalar still points at its source line. Made in place where the paragraph's
    /// storage is its own: the text and the kept scalars move down in their buffers instead of
    /// being copied into new ones, and a one-line map (shared by most paragraphs) is left as it is.
    mutating func dropPrefix(_ n: Int) {
        guard n > 0 else { return }
        // Taken out first: setting `text` clears `decoded`.
        var kept: [Unicode.Scalar]? = nil
        swap(&kept, &decoded)
        let cut = text.utf8.withContiguousStorageIfAvailable { UTF8Coding.byteOffset(ofScalar: n, in: $0) }
            ?? { var copy = text; return copy.withUTF8 { UTF8Coding.byteOffset(ofScalar: n, in: $0) } }()
        text.removeSubrange(text.startIndex..<text.utf8.index(text.utf8.startIndex, offsetBy: cut))
        var first = 0
        for (i, s) in lineStarts.enumerated() where s <= n { first = i }
        if first > 0 || lineStarts.contains(where: { $0 > 0 }) { lineStarts = lineStarts[first...].map { max(0, $0 - n) } }
        firstLine += first
        if let count = kept?.count, n <= count {
            kept!.removeFirst(n)
            swap(&kept, &decoded)
        }
    }

    /// The source line holding the scalar at `offset`.
    public func line(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return firstLine + lo
    }
}
