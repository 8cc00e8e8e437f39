import Foundation

extension MonthReport {
    /// One month's report from its figures by route and the previous calendar
    /// month's totals (nil when that month has no report). `totals`: the month's totals
    /// when already folded (`Aggregator.directRows`), else they are folded here.
    init(month: String, figures lists: [FigureRoute: [Figure]], previous: [MonthlyRow]?, generated: String?,
         totals: [MonthlyRow]? = nil) {
        self.init(month: month)
        rows = totals ?? MonthReport.totals(lists[.monthly] ?? [])
        self.previous = previous ?? []
        rates = lists[.rate] ?? []
        cumulative = lists[.cumulative] ?? []
        undated = lists[.undated] ?? []
        pages = MonthReport.pages(of: lists).sorted()
        self.generated = generated
    }

    /// The pages a month's figures come from, each once. Found again from the figures when the
    /// month is made, not gathered as figures arrive: a set per page would grow with the corpus.
    /// Told apart by their texts' bytes (`ByteKeyTable`): a `Set` hashed three strings per page
    /// with Unicode-aware hashing, thousands of instructions. Where bytes and `String` equality
    /// could differ (a text that is not plain), the pages found are put through a `Set` as well.
    static func pages(of figures: [FigureRoute: [Figure]]) -> [PageContext] {
        var pages: [PageContext] = []
        var numbers = ByteKeyTable()
        let key = ByteKey.Builder()
        var plain = true
        for list in figures.values {
            // A page's figures come together (page order): one look-up per run. Read back, they share
            // their page's Strings: the same String is the same text without comparing bytes.
            var last = -1
            for i in list.indices {
                if last >= 0, ByteString.equal(list[last].doc, list[i].doc), ByteString.equal(list[last].published, list[i].published),
                   ByteString.equal(list[last].source, list[i].source) { continue }
                last = i
                key.clear()
                key.add(list[i].doc)
                key.add(list[i].published)
                key.add(list[i].source)
                guard numbers.number(of: key).isNew else { continue }
                let page = PageContext(list[i])
                plain = plain && TextClasses.allPlain(page.doc) && TextClasses.allPlain(page.published) && TextClasses.allPlain(page.source)
                pages.append(page)
            }
        }
        guard !plain else { return pages }
        var seen = Set<PageContext>()
        return pages.filter { seen.insert($0).inserted }
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
