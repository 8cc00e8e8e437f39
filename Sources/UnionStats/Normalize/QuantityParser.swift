import Foundation

/// Parses a mention's raw text into a `Quantity`, reading the words around it
/// (`before`/`after`) the same way the scanner did: 每人 before 500元 gives per 人.
/// Returns nil for a raw that is not a figure (a date, an ordinal, a code…).
public enum QuantityParser {
    public static func parse(_ mention: Mention) -> Quantity? {
        // The three decoded into one array, as if joined.
        let (s, ends) = String.scalars(of: [mention.before, mention.raw, mention.after])
        return parse(s, raw: ends[0]..<ends[1])
    }

    /// `parse(mention)` of a mention of `article`. A body mention whose offsets hold its raw text in a
    /// paragraph with kept scalars was cut from those scalars by the scanner: `before + raw + after` are
    /// the paragraph's scalars from `contextLength` before the raw text to `contextLength` after it, read
    /// in place (copied into `window`, reused from mention to mention) instead of decoding three strings.
    static func parse(_ mention: Mention, in article: Article, window: inout ScalarString) -> Quantity? {
        withUnsafePointer(to: mention) { parse($0, in: article, window: &window) }
    }

    /// `parse(_:in:window:)` of the mention `m` points to, its fields read in place (a copy of a mention
    /// retains its six strings). A mention the scanner made in `run` mostly holds the quantity it
    /// recognized, which is this one (`Mention.recognized`): taken, the words are not read again.
    static func parse(_ m: UnsafePointer<Mention>, in article: Article, window: inout ScalarString) -> Quantity? {
        if let q = m.pointee.recognized { return q }
        return reparse(m, in: article, window: &window)
    }

    /// `parse(_:in:window:)` reading the words, whether or not the scanner's quantity is kept.
    static func reparse(_ m: UnsafePointer<Mention>, in article: Article, window: inout ScalarString) -> Quantity? {
        let p = m.pointee.paragraph, start = m.pointee.start, end = m.pointee.end
        guard p >= 0, p < article.paragraphs.count, let text = article.paragraphs[p].keptScalars,
              start >= 0, start < end, end <= text.count, text[start..<end].spells(m.pointee.raw)
        else { return parse(m.pointee) }
        let lo = max(0, start - MentionScanner.contextLength), hi = min(text.count, end + MentionScanner.contextLength)
        if lo == 0, hi == text.count { return parse(text, raw: start..<end) }
        window.removeAll(keepingCapacity: true)
        window.append(contentsOf: text[lo..<hi])
        return parse(window, raw: (start - lo)..<(end - lo))
    }

    /// The quantity of the first figure read in `raw` of `s` when it lies within `raw`.
    private static func parse(_ s: ScalarString, raw: Range<Int>) -> Quantity? {
        let lo = raw.lowerBound, hi = raw.upperBound
        var i = lo
        while i < hi {
            guard NumberReader.mayStart(s[i]), let outcome = FigureRecognizer.recognize(s, at: i) else {
                i += 1
                continue
            }
            switch outcome {
            case .figure(let f, _):
                return f.start >= lo && f.end <= hi ? f.quantity : nil
            case .skip(let next):
                i = max(next, i + 1)
            }
        }
        return nil
    }

    /// Parses a figure written on its own (`248万余元`, `近2000场`): for tests and tools.
    public static func parse(raw: String, before: String = "", after: String = "") -> Quantity? {
        parse(Mention(doc: "", article: 0, paragraph: 0, start: 0, end: 0, line: 0, raw: raw, sentence: raw,
                      before: before, after: after))
    }
}
