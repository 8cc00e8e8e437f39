/// A figure as found in the text, before normalization: where it is, and the
/// words as written. The boundary type between extract and normalize; it is
/// what the per-page intermediate CSV holds.
public struct Mention: Sendable, Equatable {
    public var doc: String
    /// `Article.index` of the article holding it; 0 for the headline block.
    public var article: Int
    /// Index of the paragraph in `Article.paragraphs`; -1 when it is in the headline.
    public var paragraph: Int
    /// Unicode-scalar offsets of `raw` in the paragraph text (or headline).
    public var start: Int
    public var end: Int
    /// Source line of the input file.
    public var line: Int
    /// Number, unit and qualifier words exactly as written: `248万余元`, `近2000场`, `最高为50万元`.
    public var raw: String
    /// The clause holding the figure, copied from the repaired text.
    public var sentence: String
    /// Up to 40 scalars of the paragraph right before and after `raw` (the words around it:
    /// 每人 before 500元 makes it per person).
    public var before: String
    public var after: String

    public init(doc: String, article: Int, paragraph: Int, start: Int, end: Int, line: Int, raw: String,
                sentence: String, before: String = "", after: String = "") {
        self.doc = doc
        self.article = article
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.line = line
        self.raw = raw
        self.sentence = sentence
        self.before = before
        self.after = after
    }
}
