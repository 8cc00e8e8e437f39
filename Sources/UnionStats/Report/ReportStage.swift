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
/// is made (`ReportsBuilder`), so memory holds one month, not the corpus.
/// Figures of pages with no publication date and no month are in no report;
/// they are in tables/undated.csv and tables/cumulative.csv.
public enum ReportStage {
    public static func run(figuresPath: String, tablesDir: String, reportsDir: String) throws {
        let reports = try ReportsBuilder(scratchDir: reportsDir)
        try FiguresInput(figuresPath, scratchDir: reportsDir).forEachFigure(skipping: FiguresInput.unreadColumns) {
            try reports.add($0)
        }
        try write(reports, to: reportsDir)
    }

    /// Writes every month's report of `reports` and removes reports of months that no longer have data.
    public static func write(_ reports: ReportsBuilder, to reportsDir: String) throws {
        var written = Set<String>()
        try reports.finish(render: { ReportWriter.renderUTF8($0) }, consume: { month, text in
            let name = "\(month).txt"
            written.insert(name)
            try OutputFile.replace(FilePaths.join(reportsDir, name), with: text)
        })
        try removeReports(in: reportsDir, keeping: written)
    }

    /// Removes the reports (`YYYY-MM.txt`) in `reportsDir` not named in `kept`: months that no longer have data.
    static func removeReports(in reportsDir: String, keeping kept: Set<String>) throws {
        for name in try FilePaths.list(reportsDir) where isReportName(name) && !kept.contains(name) {
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
        let reports = try ReportsBuilder(scratchDir: scratchDir)
        try FiguresInput(figuresPath, scratchDir: scratchDir).forEachFigure(skipping: FiguresInput.unreadColumns) {
            try reports.add($0)
        }
        try reports.finish(body)
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
