import Foundation

/// Gathers the monthly reports from figures handed over one at a time, in
/// figures.csv's order: from figures.csv (`ReportStage`) or straight from the
/// normalize stage (`unionstats run`).
///
/// Memory: only the monthly totals are held; the figures a report lists one by
/// one (rates, cumulative and undated figures) wait in scratch files
/// (`ListSpill`) until their month's report is made.
public final class ReportsBuilder {
    private var aggregator = Aggregator(rollup: false)
    private var pages: [String: Set<PageContext>] = [:]
    private let spill: ListSpill

    /// Scratch files go in a folder inside `scratchDir`, removed when done.
    public init(scratchDir: String) throws {
        spill = try ListSpill(parent: scratchDir)
    }

    deinit { spill.remove() }

    public func add(_ f: Figure) throws {
        let route = aggregator.add(f)
        let month: String?
        switch route {
        case .monthly, .rate: month = f.period.month
        case .cumulative, .undated: month = ReportStage.monthOf(f.published)
        }
        guard let month else { return }
        pages[month, default: []].insert(PageContext(f))
        if route != .monthly {
            var listed = f
            listed.sentence = ""  // no report shows it
            try spill.add(listed, route: route, month: month)
        }
    }

    /// Hands over one month's report at a time, by month.
    public func finish(_ body: (MonthReport) throws -> Void) throws {
        defer { spill.remove() }
        var rowsByMonth: [String: [MonthlyRow]] = [:]
        for row in aggregator.rows() { rowsByMonth[row.key.month, default: []].append(row) }
        let generated = ReportStage.sourceDate()
        for month in pages.keys.sorted(by: TableSort.less) {
            var report = MonthReport(month: month)
            let lists = try spill.take(month)
            report.rates = lists[.rate] ?? []
            report.cumulative = lists[.cumulative] ?? []
            report.undated = lists[.undated] ?? []
            report.rows = rowsByMonth[month] ?? []
            report.previous = NumberFormat.previousMonth(month).flatMap { rowsByMonth[$0] } ?? []
            report.pages = (pages[month] ?? []).sorted()
            report.generated = generated
            try body(report)
        }
    }
}
