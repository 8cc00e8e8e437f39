/// A figure as found in the text, before normalization: where it is, and the
/// words as written. The boundary type between extract and normalize; it is
/// what the per-page intermediate CSV holds.
public struct Mention: Sendable, Equatable {
    public var doc: String
    /// `Article.index` of the article holding it; 0 for the headline block.
    public var article: Int { didSet { figure = -1 } }
    /// Index of the paragraph in `Article.paragraphs`; -1 when it is in the headline.
    public var paragraph: Int { didSet { figure = -1 } }
    /// Unicode-scalar offsets of `raw` in the paragraph text (or headline).
    public var start: Int { didSet { figure = -1 } }
    public var end: Int { didSet { figure = -1 } }
    /// Source line of the input file.
    public var line: Int
    /// Number, unit and qualifier words exactly as written: `248万余元`, `近2000场`, `最高为50万元`.
    public var raw: String { didSet { figure = -1 } }
    /// The clause holding the figure, copied from the repaired text.
    public var sentence: String
    /// Up to 40 scalars of the paragraph right before and after `raw` (the words around it:
    /// 每人 before 500元 makes it per person). The scanner's mentions cut them from their text only
    /// when asked (`run` seldom asks: normalize reads the paragraph's scalars), not for every mention.
    public var before: String {
        get { windowed ? context.before : storedBefore }
        set { keepContext(); storedBefore = newValue; figure = -1 }
    }
    public var after: String {
        get { windowed ? context.after : storedAfter }
        set { keepContext(); storedAfter = newValue; figure = -1 }
    }

    private var storedBefore: String
    private var storedAfter: String
    /// Where `before` and `after` are in their text, when they were not given as strings (`windowed`).
    private var context: ContextWindow
    private var windowed: Bool
    /// The figures the scanner recognized in the text it cut this mention from, and which of them
    /// is this one (-1: none). A reference to the scanner's array, not a copy of the figure: a
    /// mention that held a quantity of its own would be too large to be made in place in its array.
    private var figures: [RecognizedFigure]
    private var figure: Int32

    /// The quantity the scanner recognized in the text it cut this mention from, kept when
    /// `QuantityParser` is sure to read the same one from `before + raw + after`
    /// (`MentionScanner.windowAgrees`): normalize takes it instead of parsing the words again.
    /// nil: parse them (a mention read from an intermediate CSV, or made by hand). Not part of what
    /// the mention holds (not compared, not written); dropped when a field it comes from is set.
    var recognized: Quantity? {
        // Through `pointee`: only the quantity is copied out, where a subscript copies the whole figure first.
        figure >= 0 ? figures.withUnsafeBufferPointer { ($0.baseAddress! + Int(figure)).pointee.quantity } : nil
    }

    public init(doc: String, article: Int, paragraph: Int, start: Int, end: Int, line: Int, raw: String,
                sentence: String, before: String = "", after: String = "") {
        self.init(doc: doc, article: article, paragraph: paragraph, start: start, end: end, line: line, raw: raw,
                  sentence: sentence, before: before, after: after,
                  context: ContextWindow(text: "", lo: 0, start: 0, end: 0, hi: 0), windowed: false, figures: [], figure: -1)
    }

    /// A mention whose `before` and `after` are the UTF-8 ranges `window` gives of its text, and
    /// whose quantity is that of `figures[figure]` (`figure` -1: not known).
    init(doc: String, article: Int, paragraph: Int, start: Int, end: Int, line: Int, raw: String,
         sentence: String, context window: ContextWindow, figures: [RecognizedFigure], figure: Int) {
        self.init(doc: doc, article: article, paragraph: paragraph, start: start, end: end, line: line, raw: raw,
                  sentence: sentence, before: "", after: "", context: window, windowed: true, figures: figures,
                  figure: Int32(truncatingIfNeeded: figure))
    }

    /// Every stored field given (what the two initializers above share).
    private init(doc: String, article: Int, paragraph: Int, start: Int, end: Int, line: Int, raw: String,
                 sentence: String, before: String, after: String, context: ContextWindow, windowed: Bool,
                 figures: [RecognizedFigure], figure: Int32) {
        self.doc = doc
        self.article = article
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.line = line
        self.raw = raw
        self.sentence = sentence
        self.storedBefore = before
        self.storedAfter = after
        self.context = context
        self.windowed = windowed
        self.figures = figures
        self.figure = figure
    }

    /// Turns the window into the two strings, before one of them is set.
    private mutating func keepContext() {
        guard windowed else { return }
        storedBefore = context.before
        storedAfter = context.after
        context = ContextWindow(text: "", lo: 0, start: 0, end: 0, hi: 0)
        windowed = false
    }

    /// Equal by what they hold, however `before` and `after` are kept.
    public static func == (a: Mention, b: Mention) -> Bool {
        a.doc == b.doc && a.article == b.article && a.paragraph == b.paragraph && a.start == b.start
            && a.end == b.end && a.line == b.line && a.raw == b.raw && a.sentence == b.sentence
            && a.before == b.before && a.after == b.after
    }
}

/// The text of a mention and the UTF-8 offsets of its `before` (`lo..<start`) and `after`
/// (`end..<hi`): the text is shared (its paragraph holds it anyway), nothing is copied.
struct ContextWindow: Sendable {
    let text: String
    let lo: Int32, start: Int32, end: Int32, hi: Int32

    var before: String { slice(lo, start) }
    var after: String { slice(end, hi) }

    private func slice(_ a: Int32, _ b: Int32) -> String {
        guard a < b else { return "" }
        let u = text.utf8
        let i = u.index(u.startIndex, offsetBy: Int(a)), j = u.index(u.startIndex, offsetBy: Int(b))
        return String(text[i..<j])
    }
}
