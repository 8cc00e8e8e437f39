import Foundation

/// Parses a mention's raw text into a `Quantity`, reading the words around it
/// (`before`/`after`) the same way the scanner did: 每人 before 500元 gives per 人.
/// Returns nil for a raw that is not a figure (a date, an ordinal, a code…).
public enum QuantityParser {
    public static func parse(_ mention: Mention) -> Quantity? {
        var s: [Unicode.Scalar] = []
        s.reserveCapacity(mention.before.utf8.count + mention.raw.utf8.count + mention.after.utf8.count)
        TextClasses.appendScalars(of: mention.before, to: &s)
        let lo = s.count
        TextClasses.appendScalars(of: mention.raw, to: &s)
        let hi = s.count
        TextClasses.appendScalars(of: mention.after, to: &s)
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
