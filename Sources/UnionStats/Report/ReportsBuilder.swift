import Foundation

/// Gathers the monthly reports from figures handed over one at a time, in
/// figures.csv's order: from figures.csv (`ReportStage`) or straight from the
/// normalize stage (`unionstats run`).
///
/// Memory does not grow with the corpus: every figure a report uses waits in
/// a scratch file for its month (`PartitionSpill`); reports are made one month
/// at a time, in month order, holding that month's figures and the previous
/// month's totals (for the comparison).
public final class ReportsBuilder {
    private let byMonth: PartitionSpill

    /// Scratch files go in a folder inside `scratchDir`, removed when done.
    public init(scratchDir: String) throws {
        byMonth = try PartitionSpill(parent: scratchDir, name: "reports")
    }

    deinit { byMonth.remove() }

    public func add(_ f: Figure) throws {
        let route = FigureRoute.of(f)
        let month: String?
        // The same rule on raw rows is `FigureScan.routing` (make's cached aggregate).
        switch route {
        case .monthly, .rate: month = f.period.month
        case .cumulative, .undated: month = ReportStage.monthOf(f.published)
        }
        guard let month else { return }
        try byMonth.add(f, route: route, to: month)
    }

    /// Hands over one month's report at a time, by month.
    public func finish(_ body: (MonthReport) throws -> Void) throws {
        try finish(render: { $0 }, consume: { _, report in try body(report) })
    }

    /// Makes each month's report and passes it through `render` on a thread of its
    /// own (months are independent but for the previous month's totals, which are
    /// folded again from its figures, so more workers could share the months when
    /// memory allows); `consume` gets the results in month order.
    public func finish<Rendered>(render: @escaping (MonthReport) -> Rendered,
                                 consume: (_ month: String, Rendered) throws -> Void) throws {
        defer { byMonth.remove() }
        try byMonth.seal()
        let months = byMonth.partitions.sorted(by: TableSort.less)
        let generated = ReportStage.sourceDate()
        let spill = byMonth
        let carried = LastTotals()
        // One month is made at a time, beside the writing of the one before: each month in
        // flight holds its figures and its text, and two at once took a 1 GB run past 200 MB.
        try orderedParallel(count: months.count, workers: 1, window: 1, work: { i -> Result<Rendered, Error> in
            Result {
                let month = months[i]
                var previous: [MonthlyRow]? = nil
                if i > 0, months[i - 1] == NumberFormat.previousMonth(month) {
                    previous = try carried.rows(of: months[i - 1]) {
                        ReportsBuilder.totals(try spill.readFigures(months[i - 1], route: .monthly)[.monthly] ?? [])
                    }
                }
                let figures = try spill.readFigures(month)
                let report = ReportsBuilder.report(month: month, figures: figures, previous: previous,
                                                   pages: ReportsBuilder.pages(of: figures), generated: generated)
                carried.keep(report.rows, of: month)
                return render(report)
            }
        }, consume: { i, result in try consume(months[i], result.get()) })
    }

    /// The pages a month's figures come from. Found again from the figures when the
    /// month is made, not gathered as figures arrive: a set per page would grow with the corpus.
    static func pages(of figures: [FigureRoute: [Figure]]) -> Set<PageContext> {
        var pages = Set<PageContext>()
        for list in figures.values {
            // A page's figures come together (page order): one insert (three strings hashed) per run.
            var last = -1
            for i in list.indices {
                if last >= 0, ByteString.equal(list[last].doc, list[i].doc), ByteString.equal(list[last].published, list[i].published),
                   ByteString.equal(list[last].source, list[i].source) { continue }
                pages.insert(PageContext(list[i]))
                last = i
            }
        }
        return pages
    }

    /// One month's report from its figures by route and the previous calendar
    /// month's totals (nil when that month has no report).
    static func report(month: String, figures lists: [FigureRoute: [Figure]], previous: [MonthlyRow]?,
                       pages: Set<PageContext>, generated: String?) -> MonthReport {
        var report = MonthReport(month: month)
        report.rows = totals(lists[.monthly] ?? [])
        report.previous = previous ?? []
        report.rates = lists[.rate] ?? []
        report.cumulative = lists[.cumulative] ?? []
        report.undated = lists[.undated] ?? []
        report.pages = pages.sorted()
        report.generated = generated
        return report
    }

    /// A month's totals without rollups: a report shows each figure in the region it names.
    static func totals(_ figures: [Figure]) -> [MonthlyRow] {
        var aggregator = Aggregator(rollup: false, cells: figures.count)
        for f in figures { aggregator.add(f) }
        return aggregator.rows()
    }
}

/// The totals of the month whose report was made last, handed to the next month's
/// comparison instead of being folded again from its figures (`ReportsBuilder.finish`,
/// and make's cached aggregate, which makes only some months' reports).
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
