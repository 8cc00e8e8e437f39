import Foundation

/// Writes `output/reports/YYYY-MM.txt` from `output/figures.csv`.
///
/// One report per month that has figures with that month or pages published
/// in it. The monthly numbers are recomputed from the figures with the same
/// `Aggregator` as the tables (without rollups: a report shows each figure in
/// the region it names), so reports do not depend on the tables' encoding.
/// Reports of months that no longer have data are removed.
///
/// Memory: figures wait in scratch files by month until their month's report
/// is made (`MonthlyOutputs`), so memory holds a month or two, not the corpus.
/// Figures of pages with no publication date and no month are in no report;
/// they are in tables/undated.csv and tables/cumulative.csv.
public enum ReportStage {
    public static func run(figuresPath: String, tablesDir: String, reportsDir: String) throws {
        try MonthlyOutputs.make(from: figuresPath, tablesDir: nil, reportsDir: reportsDir, encoding: .utf8BOM)
    }

    /// Removes the reports (`YYYY-MM.txt`) in `reportsDir` not named in `kept`: months that no longer have data.
    static func removeReports(in reportsDir: String, keeping kept: Set<String>) throws {
        for name in try FilePaths.list(reportsDir) where isReportName(name) && !kept.contains(name) {
            _ = unlink(FilePaths.join(reportsDir, name))
        }
    }

    /// All reports in memory, sorted by month (for tests and small inputs: every figure is held).
    public static func build(figuresPath: String) throws -> [MonthReport] {
        var byMonth: [String: [FigureRoute: [Figure]]] = [:]
        try FiguresInput(figuresPath, scratchDir: NSTemporaryDirectory()).forEachFigure(skipping: FiguresInput.unreadColumns) { f in
            let route = FigureRoute.of(f)
            guard let month = PageFigures.month(of: f, route: route, reports: true) else { return }
            byMonth[month, default: [:]][route, default: []].append(f)
        }
        var reports: [MonthReport] = []
        for month in byMonth.keys.sorted(by: TableSort.less) {
            let figures = byMonth[month]!
            let previous = reports.last.flatMap { $0.month == NumberFormat.previousMonth(month) ? $0.rows : nil }
            reports.append(MonthReport(month: month, figures: figures, previous: previous, generated: sourceDate()))
        }
        return reports
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
        var copy = date
        let decided: String?? = copy.withUTF8 { b in
            // When the first eight bytes are ASCII (or the first seven are all there is), no mark
            // joins the seventh character: the first seven characters are the first seven bytes.
            guard b.count >= 7, b.prefix(8).allSatisfy({ $0 < 0x80 }) else { return .none }
            guard b[4] == UInt8(ascii: "-"), b[0..<4].allSatisfy(isDigit), b[5..<7].allSatisfy(isDigit) else { return .some(nil) }
            return .some(String(decoding: UnsafeBufferPointer(rebasing: b[0..<7]), as: UTF8.self))
        }
        if let decided { return decided }
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
