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
    public var text: String
    /// `lineStarts[i]` is the offset (in Unicode scalars of `text`) where source line `firstLine + i` begins.
    public var lineStarts: [Int]
    public var firstLine: Int

    public init(text: String, firstLine: Int, lineStarts: [Int] = [0]) {
        self.text = text
        self.firstLine = firstLine
        self.lineStarts = lineStarts
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
