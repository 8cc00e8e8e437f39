import Foundation

/// Builds the tables (`output/tables/*.csv`) and the monthly reports
/// (`output/reports/YYYY-MM.txt`), or either alone, from figures handed over in
/// figures.csv's order: read from figures.csv (`aggregate`, `report`) or straight
/// from the normalize stage, a page at a time (`unionstats run`), with the same bytes.
///
/// Memory does not grow with the corpus: the per-figure tables (rates, cumulative,
/// undated) are written as figures arrive; every figure a month's tables or report
/// folds waits in one scratch file for that month (`PartitionSpill`, `FigureRecord`).
/// At the end the months are made in month order, two at a time: each month's
/// figures are read once, folded into its monthly.csv rows (with rollups) and into
/// its report's totals (without), and its report is rendered; only what depends on
/// the month before (the report's comparison) and the writing happen in order.
public final class MonthlyOutputs {
    /// The per-figure tables, in `PageFigures.lists` order.
    static let listRoutes: [FigureRoute] = [.rate, .cumulative, .undated]
    static let listNames = ["rates.csv", "cumulative.csv", "undated.csv"]
    static let listNumeric = FigureListTable.columns.map { FigureListTable.numericColumns.contains($0) }

    /// The place of `route` in `listRoutes` (nil for monthly figures).
    @inline(__always)
    static func listIndex(_ route: FigureRoute) -> Int? {
        switch route {
        case .rate: return 0
        case .cumulative: return 1
        case .undated: return 2
        case .monthly: return nil
        }
    }

    private let tablesDir: String?
    private let reportsDir: String?
    private let encoding: CSVEncoding
    private let lists: [CSVWriter]
    private let byMonth: PartitionSpill

    /// Tables into `tablesDir` and reports into `reportsDir`; nil leaves that output out.
    /// Scratch files go in a folder inside the first of them.
    public init(tablesDir: String?, reportsDir: String?, encoding: CSVEncoding) throws {
        precondition(tablesDir != nil || reportsDir != nil, "MonthlyOutputs with nothing to write")
        self.tablesDir = tablesDir
        self.reportsDir = reportsDir
        self.encoding = encoding
        if let tablesDir {
            lists = try MonthlyOutputs.listNames.map {
                try CSVWriter(path: FilePaths.join(tablesDir, $0), header: FigureListTable.columns,
                              numericColumns: FigureListTable.numericColumns, encoding: encoding)
            }
        } else {
            lists = []
        }
        byMonth = try PartitionSpill(parent: tablesDir ?? reportsDir!, name: "months")
    }

    deinit { byMonth.remove() }

    var tables: Bool { tablesDir != nil }
    var reports: Bool { reportsDir != nil }

    /// A page's figures, as normalized, read back in place and encoded for `add(_:)`; `written`:
    /// their figures.csv rows. Pure, so any thread may call it.
    func encode(readingBack figures: inout [Figure], written: FigureRowFields) -> PageFigures {
        PageFigures(readingBack: &figures, written: written, tables: tables, reports: reports, encoding: encoding)
    }

    /// Adds one page's figures, as `encode` made them.
    public func add(_ page: PageFigures) throws {
        for (i, rows) in page.lists.enumerated() where !rows.isEmpty { try lists[i].writeEncoded(rows) }
        try page.records.withUnsafeBufferPointer { records in
            for run in page.runs { try byMonth.add(encoded: UnsafeBufferPointer(rebasing: records[run.range]), to: run.month) }
        }
    }

    /// Adds one figure (read back from figures.csv).
    public func add(_ figure: Figure) throws {
        let route = FigureRoute.of(figure)
        if tables, let list = MonthlyOutputs.listIndex(route) {
            try lists[list].writeRow { FigureListTable.forEachField(of: figure, &$0) }
        }
        guard let month = PageFigures.month(of: figure, route: route, reports: reports) else { return }
        try byMonth.add(figure, route: route, to: month)
    }

    /// One month made: its monthly.csv rows and wide.csv records, and its report without the comparison.
    private struct Month {
        var monthlyRows: [UInt8] = []
        var wideRecords: [UInt8] = []
        /// The report's totals, and its text before and after the comparison with the month before.
        var report: (rows: [MonthlyRow], head: [UInt8], tail: [UInt8])?
    }

    /// Makes every month and puts every output in place.
    public func finish() throws {
        let months = byMonth.partitions.sorted(by: TableSort.less)
        let monthly = try tablesDir.map {
            try CSVWriter(path: FilePaths.join($0, "monthly.csv"), header: MonthlyRow.columns,
                          numericColumns: MonthlyRow.numericColumns, encoding: encoding)
        }
        let wide = try tablesDir.map { try WideTable(scratchDir: $0) }
        var written = Set<String>()
        // The reports are synced and renamed on a thread of their own (the sync waits for the disk).
        // Bounded by bytes: many small reports may wait while one sync is slow, a few large ones at most.
        let commits = reportsDir.map { _ in BackgroundCommits(limit: 256, byteLimit: 16 << 20) }
        do {
            try byMonth.seal()
            let spill = byMonth, tables = self.tables, reports = self.reports, encoding = self.encoding
            let generated = reports ? ReportStage.sourceDate() : nil
            var last: (month: String, rows: [MonthlyRow])? = nil
            // Two months at a time, one per core; each in flight holds its figures and its text.
            try orderedParallel(count: months.count, workers: 2, window: 2, work: { i in
                Result { try MonthlyOutputs.make(months[i], from: spill, tables: tables, reports: reports,
                                                 encoding: encoding, generated: generated) }
            }, consume: { i, result in
                let made = try result.get()
                let month = months[i]
                if let monthly, !made.monthlyRows.isEmpty { try monthly.writeEncoded(made.monthlyRows) }
                if let wide { try wide.add(month: month, encoded: made.wideRecords) }
                guard let reportsDir, let report = made.report else { return }
                var comparison = MonthReport(month: month)
                comparison.rows = report.rows
                if let last, last.month == NumberFormat.previousMonth(month) { comparison.previous = last.rows }
                var text = report.head
                ReportWriter.changeSection(comparison, &text)
                text += report.tail
                let name = "\(month).txt"
                written.insert(name)
                try commits!.replace(FilePaths.join(reportsDir, name), with: text)
                last = (month, report.rows)
            })
            if let tablesDir, let monthly, let wide {
                try monthly.close()
                try wide.write(path: FilePaths.join(tablesDir, "wide.csv"), encoding: encoding)
                for writer in lists { try writer.close() }
            }
            try commits?.finish()
        } catch {
            commits?.abandon()
            monthly?.abandon()
            abandon()
            throw error
        }
        if let reportsDir { try ReportStage.removeReports(in: reportsDir, keeping: written) }
        byMonth.remove()
    }

    /// Reads one month's figures once and makes what the month gives the tables and its report.
    /// Its flows are folded as they are read (lent, not kept: a copy of each retained its texts);
    /// the figures the report lists are kept.
    private static func make(_ month: String, from spill: PartitionSpill, tables: Bool, reports: Bool,
                             encoding: CSVEncoding, generated: String?) throws -> Month {
        var made = Month()
        // One pass folds the table's rows (with rollups) and the report's totals (without); a report
        // alone folds its totals.
        var aggregator: Aggregator? = nil
        var lists: [[Figure]] = Array(repeating: [], count: FigureRecord.routeCount)
        var pages = MonthReport.Pages()
        let monthly = FigureRecord.index(of: .monthly)
        try spill.forEachFigure(month, keepingRaw: false, start: { counts in
            if counts[monthly] > 0 {
                aggregator = tables ? Aggregator(rollup: true, cells: counts[monthly], alsoDirect: reports)
                                    : Aggregator(rollup: false, cells: counts[monthly])
            }
            if reports { for i in lists.indices where i != monthly { lists[i].reserveCapacity(counts[i]) } }
        }) { route, f in
            if reports { pages.add(f) }
            if route == .monthly {
                aggregator?.add(f)
            } else if reports {
                lists[FigureRecord.index(of: route)].append(copy f)
            }
        }
        var totals: [MonthlyRow] = []
        if let aggregator {
            if tables {
                let rows: [MonthlyRow]
                if reports { (rows, totals) = aggregator.rowsAndDirectRows() } else { rows = aggregator.rows() }
                made.monthlyRows = MonthlyRow.encodeRows(rows, encoding: encoding)
                made.wideRecords = WideTable.records(month: month, rows)
            } else {
                totals = aggregator.rows()
            }
        }
        if reports {
            let report = MonthReport(month: month, totals: totals, rates: lists[FigureRecord.index(of: .rate)],
                                     cumulative: lists[FigureRecord.index(of: .cumulative)],
                                     undated: lists[FigureRecord.index(of: .undated)], pages: pages.found(), generated: generated)
            made.report = (report.rows, ReportWriter.renderBeforeChange(report), ReportWriter.renderAfterChange(report))
        }
        return made
    }

    /// The tables and/or reports of figures.csv at `figuresPath`, read once.
    public static func make(from figuresPath: String, tablesDir: String?, reportsDir: String?, encoding: CSVEncoding) throws {
        let outputs = try MonthlyOutputs(tablesDir: tablesDir, reportsDir: reportsDir, encoding: encoding)
        do {
            try FiguresInput(figuresPath, scratchDir: tablesDir ?? reportsDir!).forEachFigure(skipping: FiguresInput.unreadColumns) {
                try outputs.add($0)
            }
            try outputs.finish()
        } catch {
            outputs.abandon()
            throw error
        }
    }

    /// Drops what was written; the previous outputs stay as they were.
    public func abandon() {
        for writer in lists { writer.abandon() }
        byMonth.remove()
    }
}
