import Foundation

/// Parses a mention's raw text into a `Quantity`, reading the words around it
/// (`before`/`after`) the same way the scanner did: 每人 before 500元 gives per 人.
/// Returns nil for a raw that is not a figure (a date, an ordinal, a code…).
public enum QuantityParser {
    public static func parse(_ mention: Mention) -> Quantity? {
        // The three decoded into one array, as if joined.
        let (s, ends) = String.scalars(of: [mention.before, mention.raw, mention.after])
        let lo = ends[0], hi = ends[1]
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
