/// One article of a page: its headline (which newspapers often print after the
/// body) and its body paragraphs.
public struct Article: Sendable, Equatable {
    /// 1-based position on the page.
    public var index: Int
    public var headline: String
    /// Sub-headlines and kickers printed with the headline, joined by " / ".
    public var subheadlines: [String]
    /// The byline as printed (`本报讯 （记者 马超）`, `据中工网讯`), "" if none.
    public var byline: String
    public var paragraphs: [Paragraph]

    public init(index: Int, headline: String, subheadlines: [String] = [], byline: String = "", paragraphs: [Paragraph]) {
        self.index = index
        self.headline = headline
        self.subheadlines = subheadlines
        self.byline = byline
        self.paragraphs = paragraphs
    }

    /// The first source line of the body.
    public var line: Int { paragraphs.first?.firstLine ?? 0 }
}
