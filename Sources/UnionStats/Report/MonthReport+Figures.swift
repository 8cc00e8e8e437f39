import Foundation

extension MonthReport {
    /// One month's report from its figures by route and the previous calendar
    /// month's totals (nil when that month has no report). `totals`: the month's totals
    /// when already folded (`Aggregator.directRows`), else they are folded here.
    init(month: String, figures lists: [FigureRoute: [Figure]], previous: [MonthlyRow]?, generated: String?,
         totals: [MonthlyRow]? = nil) {
        self.init(month: month, totals: totals ?? MonthReport.totals(lists[.monthly] ?? []), rates: lists[.rate] ?? [],
                  cumulative: lists[.cumulative] ?? [], undated: lists[.undated] ?? [], pages: MonthReport.pages(of: lists),
                  generated: generated)
        self.previous = previous ?? []
    }

    /// One month's report from its totals, its figures listed by route (`rates`, `cumulative`,
    /// `undated`) and the pages of all its figures (`Pages`), without the month before.
    init(month: String, totals: [MonthlyRow], rates: [Figure], cumulative: [Figure], undated: [Figure],
         pages: [PageContext], generated: String?) {
        self.init(month: month)
        rows = totals
        self.rates = rates
        self.cumulative = cumulative
        self.undated = undated
        self.pages = pages.sorted()
        self.generated = generated
    }

    /// The pages a month's figures come from, each once. Found again from the figures when the
    /// month is made, not gathered as figures arrive: a set per page would grow with the corpus.
    /// Told apart by their texts' bytes (`ByteKeyTable`): a `Set` hashed three strings per page
    /// with Unicode-aware hashing, thousands of instructions. Where bytes and `String` equality
    /// could differ (a text that is not plain), the pages found are put through a `Set` as well.
    static func pages(of figures: [FigureRoute: [Figure]]) -> [PageContext] {
        var pages = Pages()
        for list in figures.values {
            for i in list.indices { pages.add(list[i]) }
        }
        return pages.found()
    }

    /// The pages of figures met one at a time (`pages(of:)`), each once.
    struct Pages {
        private var pages: [PageContext] = []
        private var numbers = ByteKeyTable()
        private let key = ByteKey.Builder()
        private var plain = true
        /// The page of the figure before: a page's figures come together (page order), one look-up
        /// per run. Read back, they share their page's Strings: the same String is the same text
        /// without comparing bytes.
        private var last: (doc: String, published: String, source: String)? = nil

        mutating func add(_ f: borrowing Figure) {
            if let last, ByteString.equal(last.doc, f.doc), ByteString.equal(last.published, f.published),
               ByteString.equal(last.source, f.source) { return }
            last = (f.doc, f.published, f.source)
            key.clear()
            key.add(f.doc)
            key.add(f.published)
            key.add(f.source)
            guard numbers.number(of: key).isNew else { return }
            plain = plain && TextClasses.allPlain(f.doc) && TextClasses.allPlain(f.published) && TextClasses.allPlain(f.source)
            pages.append(PageContext(doc: f.doc, published: f.published, source: f.source))
        }

        /// The pages met, each once, in the order first met.
        func found() -> [PageContext] {
            guard !plain else { return pages }
            var seen = Set<PageContext>()
            return pages.filter { seen.insert($0).inserted }
        }
    }

    /// A month's totals without rollups: a report shows each figure in the region it names.
    static func totals(_ figures: [Figure]) -> [MonthlyRow] {
        var aggregator = Aggregator(rollup: false, cells: figures.count)
        for f in figures { aggregator.add(f) }
        return aggregator.rows()
    }
}

/// The totals of the month whose report was made last, handed to the next month's
/// comparison instead of being folded again from its figures (make's cached aggregate,
/// which makes only some months' reports).
final class LastTotals: @unchecked Sendable {
    private let lock = NSLock()
    private var month: String?
    private var rows: [MonthlyRow] = []

    func keep(_ rows: [MonthlyRow], of month: String) {
        lock.lock(); defer { lock.unlock() }
        (self.month, self.rows) = (month, rows)
    }

    /// The totals of `month`: the ones kept when they are its, else `fold()`'s.
    func rows(of month: String, else fold: () throws -> [MonthlyRow]) rethrows -> [MonthlyRow] {
        lock.lock()
        let kept = self.month == month ? rows : nil
        lock.unlock()
        return try kept ?? fold()
    }
}
