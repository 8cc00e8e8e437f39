/// Finds a publication date printed on the page (STUB: owned by the extract work).
public enum PrintedDate {
    /// `YYYY-MM-DD` or `YYYY-MM`, or nil.
    public static func find(in paragraphs: [Paragraph]) -> String? { nil }
}
