/// Finds the publication date printed in a page's header or footer: a short
/// line holding a full date together with e-paper words (`2019年2月28日 放大 缩小 默认`),
/// a weekday (`2020年1月8日 星期三`) or an edition number, or a date alone on its line.
/// Dates inside article sentences are never taken.
public enum PrintedDate {
    /// How many paragraphs at the top and at the foot of a page are searched.
    static let headerParagraphs = 12
    static let footerParagraphs = 6

    /// `YYYY-MM-DD` or `YYYY-MM`, or nil.
    public static func find(in paragraphs: [Paragraph]) -> String? {
        let n = paragraphs.count
        var candidates = Array(0..<min(n, headerParagraphs))
        if n > headerParagraphs { candidates += Array(max(headerParagraphs, n - footerParagraphs)..<n) }
        for i in candidates {
            // More than 160 bytes hold more than 40 scalars: skip decoding long paragraphs.
            guard paragraphs[i].text.utf8.count <= 160 else { continue }
            let s = paragraphs[i].keptScalars ?? Array(paragraphs[i].text.unicodeScalars)  // kept: no decoding
            guard s.count <= 40 else { continue }
            if let date = PageFurniture.dateHeader(s) { return date }
        }
        return nil
    }
}
