/// Splits a page's paragraphs into articles (STUB: owned by the extract work; one article for now).
public enum ArticleSplitter {
    public static func articles(from paragraphs: [Paragraph]) -> [Article] {
        paragraphs.isEmpty ? [] : [Article(index: 1, headline: "", paragraphs: paragraphs)]
    }
}
