/// Resolves metric, region, organization and period for the figures of one
/// article (STUB: owned by the context work).
public struct ContextResolver: Sendable {
    public let dictionaries: Dictionaries

    public init(dictionaries: Dictionaries) {
        self.dictionaries = dictionaries
    }

    /// One `FigureContext` per figure, in the order given.
    public func resolve(article: Article, figures: [(mention: Mention, quantity: Quantity)], page: PageContext) -> [FigureContext] {
        figures.map { _ in FigureContext() }
    }
}
