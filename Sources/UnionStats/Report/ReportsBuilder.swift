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
    private var pages: [String: Set<PageContext>] = [:]
    private let byMonth: PartitionSpill

    /// Scratch files go in a folder inside `scratchDir`, removed when done.
    public init(scratchDir: String) throws {
        byMonth = try PartitionSpill(parent: scratchDir, name: "reports")
    }

    deinit { byMonth.remove() }

    public func add(_ f: Figure) throws {
        let route = FigureRoute.of(f)
        let month: String?
        switch route {
        case .monthly, .rate: month = f.period.month
        case .cumulative, .undated: month = ReportStage.monthOf(f.published)
        }
        guard let month else { return }
        pages[month, default: []].insert(PageContext(f))
        try byMonth.add(f, route: route, to: month)
    }

    /// Hands over one month's report at a time, by month.
    public func finish(_ body: (MonthReport) throws -> Void) throws {
        defer { byMonth.remove() }
        let generated = ReportStage.sourceDate()
        var previous: (month: String, rows: [MonthlyRow])?
        for month in pages.keys.sorted(by: TableSort.less) {
            let lists = try byMonth.takeFigures(month)
            // Without rollups: a report shows each figure in the region it names.
            var aggregator = Aggregator(rollup: false)
            for f in lists[.monthly] ?? [] { aggregator.add(f) }
            var report = MonthReport(month: month)
            report.rows = aggregator.rows()
            report.rates = lists[.rate] ?? []
            report.cumulative = lists[.cumulative] ?? []
            report.undated = lists[.undated] ?? []
            if let p = previous, p.month == NumberFormat.previousMonth(month) { report.previous = p.rows }
            report.pages = (pages[month] ?? []).sorted()
            report.generated = generated
            try body(report)
            previous = (month, report.rows)
        }
    }
}
