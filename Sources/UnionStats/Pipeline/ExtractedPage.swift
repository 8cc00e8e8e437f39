/// Everything extract learns from one input file: the boundary type between
/// the extract and normalize stages, stored as one intermediate CSV per page.
public struct ExtractedPage: Sendable, Equatable {
    public var page: Page
    public var articles: [Article]
    public var mentions: [Mention]
    /// Set when the page cannot be processed; then articles and mentions are empty.
    public var problem: PageProblem?

    public init(page: Page, articles: [Article], mentions: [Mention], problem: PageProblem? = nil) {
        self.page = page
        self.articles = articles
        self.mentions = mentions
        self.problem = problem
    }
}
