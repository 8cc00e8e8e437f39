import Foundation

/// Writes `output/reports/YYYY-MM.txt` from `output/figures.csv`.
///
/// One report per month that has figures with that month or pages published
/// in it. The monthly numbers are recomputed from the figures with the same
/// `Aggregator` as the tables (without rollups: a report shows each figure in
/// the region it names), so reports do not depend on the tables' encoding.
/// Reports of months that no longer have data are removed.
///
/// Memory: while figures.csv is read only the monthly totals are held; the
/// figures a report lists one by one (rates, cumulative and undated figures)
/// wait in scratch files (`ListSpill`) until their month's report is written.
/// Figures of pages with no publication date and no month are in no report;
/// they are in tables/undated.csv and tables/cumulative.csv.
public enum ReportStage {
    public static func run(figuresPath: String, tablesDir: String, reportsDir: String) throws {
        var written = Set<String>()
        try forEachReport(figuresPath: figuresPath, scratchDir: reportsDir) { report in
            let name = "\(report.month).txt"
            written.insert(name)
            try OutputFile.replace(FilePaths.join(reportsDir, name), with: Array(ReportWriter.render(report).utf8))
        }
        for name in try FilePaths.list(reportsDir) where isReportName(name) && !written.contains(name) {
            _ = unlink(FilePaths.join(reportsDir, name))
        }
    }

    /// All reports in memory, sorted by month (for tests and small inputs).
    public static func build(figuresPath: String) throws -> [MonthReport] {
        var reports: [MonthReport] = []
        try forEachReport(figuresPath: figuresPath, scratchDir: NSTemporaryDirectory()) { reports.append($0) }
        return reports
    }

    /// Reads the figures once, then hands over one month's report at a time, by month.
    public static func forEachReport(figuresPath: String, scratchDir: String, _ body: (MonthReport) throws -> Void) throws {
        var aggregator = Aggregator(rollup: false)
        var pages: [String: Set<PageContext>] = [:]
        let spill = try ListSpill(parent: scratchDir)
        defer { spill.remove() }
        try FiguresInput(figuresPath, scratchDir: scratchDir).forEachFigure(skipping: ["sentence", "organization"]) { f in
            let route = aggregator.add(f)
            let month: String?
            switch route {
            case .monthly, .rate: month = f.period.month
            case .cumulative, .undated: month = monthOf(f.published)
            }
            guard let month else { return }
            pages[month, default: []].insert(PageContext(f))
            if route != .monthly {
                var listed = f
                listed.sentence = ""  // no report shows it
                try spill.add(listed, route: route, month: month)
            }
        }
        var rowsByMonth: [String: [MonthlyRow]] = [:]
        for row in aggregator.rows() { rowsByMonth[row.key.month, default: []].append(row) }
        let generated = sourceDate()
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

    /// `YYYY-MM.txt`.
    static func isReportName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard b.count == 11, name.hasSuffix(".txt"), b[4] == UInt8(ascii: "-") else { return false }
        return b[0..<4].allSatisfy(isDigit) && b[5..<7].allSatisfy(isDigit)
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `YYYY-MM` of a `YYYY-MM[-DD]` date, else nil.
    static func monthOf(_ date: String) -> String? {
        let month = String(date.prefix(7))
        let b = Array(month.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-"), b[0..<4].allSatisfy(isDigit), b[5..<7].allSatisfy(isDigit) else { return nil }
        return month
    }

    /// `YYYY-MM-DD` (UTC) of SOURCE_DATE_EPOCH when it is set, else nil.
    static func sourceDate() -> String? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(text) else { return nil }
        var t = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&t, &parts) != nil else { return nil }
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
