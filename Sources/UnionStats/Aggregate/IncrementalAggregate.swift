import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// make's aggregate step (`unionstats aggregate --with-reports --cache DIR`):
/// the tables and reports `AggregateStage` and `ReportStage` write, byte for
/// byte, but after a few pages change only what their figures touch is made
/// again; the rest is copied from the previous outputs (issue 5: after one
/// page of 10,000 changes, `make` must finish in 2 s).
///
/// One pass reads figures.csv as bytes (libcsv, no String per field) and
/// hashes each row's columns (all but `FiguresInput.unreadColumns`):
/// - a doc's rows of a list table (rates, cumulative, undated) whose hash the
///   index knows are copied from the previous table; the others are encoded;
/// - a month's figures (those with that month, and the cumulative and undated
///   ones of pages published in it) wait in a scratch file; a month whose
///   monthly figures hash as before keeps its monthly.csv rows and wide.csv
///   records, and one whose figures and previous month's figures hash as
///   before keeps its report. wide.csv is put together again from the records.
/// Anything the index cannot vouch for (another program, encoding or report
/// date; an output that is not the file it recorded) is made afresh.
public enum IncrementalAggregate {
    /// What a run made again and what it kept from the last one.
    public struct Work: Sendable, Equatable {
        /// A doc's rows of one list table.
        public var listPiecesMade = 0, listPiecesKept = 0
        /// A month's rows of monthly.csv (and records of wide.csv).
        public var monthsMade = 0, monthsKept = 0
        public var reportsMade = 0, reportsKept = 0
        public init() {}

        public var summary: String {
            "made again: \(monthsMade) of \(monthsMade + monthsKept) months of tables, \(reportsMade) of \(reportsMade + reportsKept) reports, "
                + "\(listPiecesMade) of \(listPiecesMade + listPiecesKept) pages' list rows"
        }
    }

    @discardableResult
    public static func run(paths: PipelinePaths, encoding: CSVEncoding, cacheDir: String) throws -> Work {
        try FilePaths.makeDirectories(cacheDir)
        OutputFile.removeStaleTemporaries(in: cacheDir)
        let indexPath = FilePaths.join(cacheDir, "index")
        let generated = ReportStage.sourceDate()
        let fingerprint = NormalizeCache.identity("/proc/self/exe") + "|" + encoding.rawValue + "|" + (generated ?? "-")
        let old = AggregateCacheIndex.read(indexPath, fingerprint: fingerprint)
        // Until the new index is in place, the old one must not vouch for outputs this run rewrites.
        unlink(indexPath)
        var new = AggregateCacheIndex()
        new.fingerprint = fingerprint
        var work = Work(), tablesWork = Work(), reportsWork = Work()

        let scan = try FigureScan(paths: paths, encoding: encoding, old: old)
        // Nothing is put in place until every month is made: a row that stops the run
        // (a value that is not a number) leaves all outputs as they were, as without the cache.
        var pending: [PendingOutput] = [], tablesPending: [PendingOutput] = [], reportsPending: [PendingOutput] = []
        do {
            try scan.read()
            pending += try scan.finishLists(into: &new, work: &work)
            try scan.months.seal()
            var tables = new, reports = new
            // Both only read the sealed scratch files and write different folders: one per core.
            try Pipeline.bothAtOnce(
                { tablesPending = try scan.writeMonthly(cacheDir: cacheDir, into: &tables, work: &tablesWork) },
                { reportsPending = try scan.writeReports(generated: generated, into: &reports, work: &reportsWork) })
            pending += tablesPending + reportsPending
            (tablesPending, reportsPending) = ([], [])
            (work.monthsMade, work.monthsKept) = (tablesWork.monthsMade, tablesWork.monthsKept)
            (work.reportsMade, work.reportsKept) = (reportsWork.reportsMade, reportsWork.reportsKept)
            new.months = tables.months
            new.reports = reports.reports
            for p in pending {
                try p.commit()
                switch p.record {
                case .file(let name, let header): new.files[name] = (NormalizeCache.identity(p.path), header)
                case .report(let month, let key): new.reports[month] = (key, NormalizeCache.identity(p.path))
                }
            }
        } catch {
            for p in pending + tablesPending + reportsPending { p.abandon() }
            scan.abandon()
            throw error
        }
        try scan.removeOldReports()
        scan.months.remove()
        try new.write(indexPath)
        return work
    }
}

/// An output written to its temporary file, put in place (or dropped) when the whole run is done.
struct PendingOutput {
    enum Record { case file(name: String, header: Int), report(month: String, key: String) }
    let path: String
    let record: Record
    let commit: () throws -> Void
    let abandon: () -> Void

    init(path: String, _ record: Record, commit: @escaping () throws -> Void, abandon: @escaping () -> Void) {
        self.path = path
        self.record = record
        self.commit = commit
        self.abandon = abandon
    }

    init(_ file: OutputFile, _ record: Record) {
        path = file.path
        self.record = record
        commit = { _ = try file.commit() }
        abandon = { file.abandon() }
    }

    init(_ writer: CSVWriter, path: String, _ record: Record) {
        self.path = path
        self.record = record
        commit = { _ = try writer.close() }
        abandon = { writer.abandon() }
    }
}

/// The pass over figures.csv and what it leaves for the tables and reports.
final class FigureScan {
    let paths: PipelinePaths
    let encoding: CSVEncoding
    let old: AggregateCacheIndex
    let input: FiguresInput
    /// Each month's figures, as scratch records (fields in `Figure.columns` order, then the route).
    let months: PartitionSpill
    /// Each month's hash so far, and whether it has monthly.csv rows.
    private final class Month {
        /// Of all its figures (the report's input), and of its monthly ones (the tables').
        var hash = StableHash(), tables = StableHash()
        var monthly = false
    }
    private var byMonth: [String: Month] = [:]
    /// The last row's month (rows of a page mostly share one): no String or lookup per row.
    private var lastMonth: (bytes: [UInt8], name: String, state: Month)?
    private(set) var monthHashes: [String: String] = [:], tableHashes: [String: String] = [:]
    private(set) var tableMonths: [String] = []
    private var lists: [ListTable] = []

    init(paths: PipelinePaths, encoding: CSVEncoding, old: AggregateCacheIndex) throws {
        self.paths = paths
        self.encoding = encoding
        self.old = old
        input = try FiguresInput(paths.figures, scratchDir: paths.tables)
        // Up to 64 MB of records in memory (a 100 MB corpus's): most runs need only a few months back.
        months = try PartitionSpill(parent: paths.tables, name: "months", flushSize: 64 << 20)
        for (route, name) in [(FigureRoute.rate, "rates.csv"), (.cumulative, "cumulative.csv"), (.undated, "undated.csv")] {
            lists.append(try ListTable(route: route, name: name, tablesDir: paths.tables, encoding: encoding, old: old))
        }
    }

    func abandon() {
        for l in lists { l.file.abandon() }
        months.remove()
    }

    // MARK: the pass

    /// Index in the row of each of `Figure.columns` (nil: absent, or not read).
    private var column: [Int?] = []
    private var doc: [UInt8] = []
    private static let read: [Bool] = Figure.columns.map { !FiguresInput.unreadColumns.contains($0) }
    static let batchRows = 1024
    static let c = (doc: 0, published: 3, value: 7, per: 11, kind: 14, label: 18, start: 19, end: 20, month: 21)

    func read() throws {
        // libcsv on one core, the hashing and scratch files on the other, rows handed over in batches.
        let path = input.path
        try handOff(produce: { send in
            var batch: [(CSVRawRow, Int)] = []
            batch.reserveCapacity(FigureScan.batchRows)
            try CSVReader(path: path).forEachRawRow { row, number in
                batch.append((row, number))
                if batch.count == FigureScan.batchRows {
                    try send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try send(batch) }
        }, consume: { (batch: [(CSVRawRow, Int)]) in
            for (row, number) in batch {
                if number == 1 { try header(row); continue }
                if row.count == 1 && row.range(0).isEmpty { continue }   // a blank line
                try add(row, number: number)
            }
        })
        if column.isEmpty { throw CSVError.missingColumns(path: input.path, columns: ["value", "unit", "kind", "month"]) }
    }

    private func header(_ row: CSVRawRow) throws {
        // As `CSVReader.forEachRecord` maps a header.
        var map: [String: Int] = [:]
        for i in 0..<row.count where map[row.string(i)] == nil { map[row.string(i).trimmingSpaces] = i }
        let missing = ["value", "unit", "kind", "month"].filter { map[$0] == nil }
        if !missing.isEmpty { throw CSVError.missingColumns(path: input.path, columns: missing) }
        column = Figure.columns.enumerated().map { FigureScan.read[$0.offset] ? map[$0.element] : nil }
    }

    private func add(_ row: CSVRawRow, number: Int) throws {
        func range(_ c: Int) -> Range<Int> { column[c].map(row.range) ?? 0..<0 }
        func text(_ c: Int) -> String { String(decoding: row.bytes[range(c)], as: UTF8.self) }
        if !row.bytes[range(FigureScan.c.doc)].elementsEqual(doc) {
            try finishDoc()
            doc = Array(row.bytes[range(FigureScan.c.doc)])
        }
        var digest = StableHash()
        var record: [UInt8] = []
        row.bytes.withUnsafeBytes { all in
            for c in column.indices {
                let r = range(c)
                let field = UnsafeRawBufferPointer(rebasing: all[r])
                digest.add(field)
                digest.add(count: r.count)
                PartitionSpill.appendField(field, to: &record)
            }
        }
        let route = FigureScan.route(month: !range(FigureScan.c.month).isEmpty, rate: row.bytes[range(FigureScan.c.kind)].elementsEqual(MetricKind.rate.rawValue.utf8),
                                     per: !range(FigureScan.c.per).isEmpty,
                                     period: !range(FigureScan.c.label).isEmpty || !range(FigureScan.c.start).isEmpty || !range(FigureScan.c.end).isEmpty)
        if let list = lists.first(where: { $0.route == route }) { list.add(row, number: number, digest: digest) }
        let monthBytes: ArraySlice<UInt8>
        switch route {
        case .monthly, .rate:
            monthBytes = row.bytes[range(FigureScan.c.month)]
        case .cumulative, .undated:
            guard let m = FigureScan.monthOf(row.bytes[range(FigureScan.c.published)]) else { return }
            monthBytes = m
        }
        let month: (name: String, state: Month)
        if let last = lastMonth, last.bytes.elementsEqual(monthBytes) {
            month = (last.name, last.state)
        } else {
            let name = String(decoding: monthBytes, as: UTF8.self)
            let state = byMonth[name] ?? Month()
            byMonth[name] = state
            lastMonth = (Array(monthBytes), name, state)
            month = (name, state)
        }
        // Then the row number (not hashed: rows move when pages come or go) and the route, last.
        PartitionSpill.encode([String(number), route.rawValue], into: &record)
        try months.add(encoded: record[...], to: month.name)
        month.state.hash.add(digest)
        if route == .monthly {
            month.state.monthly = true
            month.state.tables.add(digest)
        }
    }

    /// `ReportStage.monthOf` on bytes: `YYYY-MM` of a `YYYY-MM[-DD]` date.
    static func monthOf(_ date: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let b = date.startIndex
        // What follows the 7th byte must be ASCII (or nothing) for the first 7 characters to be the first 7 bytes.
        if date.count >= 7, date.count == 7 || date[b + 7] < 0x80 {
            let m = date[b..<b + 7]
            guard m[b + 4] == UInt8(ascii: "-"), m[b..<b + 4].allSatisfy(ReportStage.isDigit),
                  m[(b + 5)...].allSatisfy(ReportStage.isDigit) else { return nil }
            return m
        }
        return ReportStage.monthOf(String(decoding: date, as: UTF8.self)).map { Array($0.utf8)[...] }
    }

    /// `FigureRoute.of` on a row's fields.
    static func route(month: Bool, rate: Bool, per: Bool, period: Bool) -> FigureRoute {
        if month { return rate || per ? .rate : .monthly }
        return period ? .cumulative : .undated
    }

    private func finishDoc() throws {
        for l in lists { try l.finishChunk(header: column, path: input.path) }
    }

    func finishLists(into index: inout AggregateCacheIndex, work: inout IncrementalAggregate.Work) throws -> [PendingOutput] {
        try finishDoc()
        for (name, m) in byMonth {
            monthHashes[name] = m.hash.hex
            if m.monthly {
                tableMonths.append(name)
                tableHashes[name] = m.tables.hex
            }
        }
        for l in lists {
            index.chunks[l.name] = l.chunks
            work.listPiecesMade += l.made
            work.listPiecesKept += l.kept
        }
        return try lists.map { try $0.finish() }
    }

    // MARK: after the pass

    /// A month's figures by route (of `route` only, if given). Values are checked
    /// here, when a row is first folded (a row of a month kept from the last run
    /// has the bytes that were checked then): a row that fails stops the stage, as in `AggregateStage`.
    func figures(_ month: String, route: FigureRoute? = nil) throws -> [FigureRoute: [Figure]] {
        var lists: [FigureRoute: [Figure]] = [:]
        for (i, var fields) in try months.read(month, whereLastFieldIs: route?.rawValue).enumerated() {
            // Written by the pass above, so this fails only when the scratch file was damaged.
            guard let last = fields.popLast(), let route = FigureRoute(rawValue: last),
                  let number = fields.popLast().flatMap({ Int($0) }) else {
                throw CSVError.malformed(path: months.directory, row: i + 1, reason: "a scratch record cannot be read back")
            }
            lists[route, default: []].append(try FigureScan.figure(fields, row: number, path: input.path))
        }
        return lists
    }

    /// A row's fields in `Figure.columns` order as a `Figure`.
    static func figure(_ fields: [String], row: Int, path: String) throws -> Figure {
        guard let f = Figure(record: CSVRecord(fields: fields, row: row, header: FiguresInput.figuresHeader)) else {
            throw CSVError.malformed(path: path, row: row, reason: "value \"\(fields[FigureScan.c.value])\" is not a number")
        }
        return f
    }

    /// monthly.csv and wide.csv; unchanged months come from the previous monthly.csv and wide records.
    func writeMonthly(cacheDir: String, into index: inout AggregateCacheIndex, work: inout IncrementalAggregate.Work) throws -> [PendingOutput] {
        let monthlyPath = FilePaths.join(paths.tables, "monthly.csv"), widePath = FilePaths.join(cacheDir, "wide.bin")
        let head = PageRowsCodec.encode([], header: MonthlyRow.columns, numeric: MonthlyRow.numericColumns, encoding: encoding)
        let previousMonthly = PreviousFile(monthlyPath, as: "monthly.csv", in: old)
        let previousWide = PreviousFile(widePath, as: "wide.bin", in: old)
        let monthly = try OutputFile(path: monthlyPath)
        let records = try OutputFile(path: widePath, durable: false)
        let wide = try WideTable(scratchDir: paths.tables)
        do {
            try monthly.write(head)
            var at = (monthly: 0, wide: 0)
            for month in tableMonths.sorted(by: TableSort.less) {
                let hash = tableHashes[month]!
                var rows: [UInt8], wideRecords: [UInt8]
                if let o = old.months[month], o.hash == hash,
                   let r = previousMonthly?.read(o.monthly), let w = previousWide?.read(o.wide) {
                    (rows, wideRecords) = (r, w)
                    work.monthsKept += 1
                } else {
                    work.monthsMade += 1
                    var aggregator = Aggregator(rollup: true)
                    for f in try figures(month, route: .monthly)[.monthly] ?? [] { aggregator.add(f) }
                    let folded = aggregator.rows()
                    rows = Array(PageRowsCodec.encode(folded.map(\.fields), header: MonthlyRow.columns,
                                                      numeric: MonthlyRow.numericColumns, encoding: encoding).dropFirst(head.count))
                    wideRecords = WideTable.records(month: month, folded)
                }
                try monthly.write(rows)
                try records.write(wideRecords)
                try wide.add(month: month, encoded: wideRecords)
                index.months[month] = (hash, .init(offset: at.monthly, count: rows.count), .init(offset: at.wide, count: wideRecords.count))
                at.monthly += rows.count
                at.wide += wideRecords.count
            }
            let widePath = FilePaths.join(paths.tables, "wide.csv")
            let wideWriter = try wide.writeUncommitted(path: widePath, encoding: encoding)
            return [PendingOutput(monthly, .file(name: "monthly.csv", header: head.count)),
                    PendingOutput(records, .file(name: "wide.bin", header: 0)),
                    PendingOutput(wideWriter, path: widePath, .file(name: "wide.csv", header: 0))]
        } catch {
            monthly.abandon()
            records.abandon()
            throw error
        }
    }

    /// Every month's report; a month and its previous month unchanged since the last run keep theirs.
    func writeReports(generated: String?, into index: inout AggregateCacheIndex, work: inout IncrementalAggregate.Work) throws -> [PendingOutput] {
        let all = monthHashes.keys.sorted(by: TableSort.less)
        var pending: [PendingOutput] = []
        do {
            for (i, month) in all.enumerated() {
                let previous = i > 0 && all[i - 1] == NumberFormat.previousMonth(month) ? all[i - 1] : nil
                let key = monthHashes[month]! + "/" + (previous.map { monthHashes[$0]! } ?? "-")
                let path = FilePaths.join(paths.reports, "\(month).txt")
                if let o = old.reports[month], o.key == key, o.identity == NormalizeCache.identity(path) {
                    index.reports[month] = o
                    work.reportsKept += 1
                    continue
                }
                work.reportsMade += 1
                let lists = try figures(month)
                let report = ReportsBuilder.report(month: month, figures: lists,
                                                   previous: try previous.map { ReportsBuilder.totals(try figures($0, route: .monthly)[.monthly] ?? []) },
                                                   pages: ReportsBuilder.pages(of: lists), generated: generated)
                let file = try OutputFile(path: path)
                pending.append(PendingOutput(file, .report(month: month, key: key)))
                try file.write(ReportWriter.renderUTF8(report))
            }
        } catch {
            for p in pending { p.abandon() }
            throw error
        }
        return pending
    }

    /// Removes reports of months that no longer have data.
    func removeOldReports() throws {
        let written = Set(monthHashes.keys.map { "\($0).txt" })
        for name in try FilePaths.list(paths.reports) where ReportStage.isReportName(name) && !written.contains(name) {
            _ = unlink(FilePaths.join(paths.reports, name))
        }
    }
}

/// One of the per-figure tables as the pass writes it: a doc's rows at a time,
/// copied from the previous table when their hash is known there.
final class ListTable {
    let route: FigureRoute
    let name: String
    let path: String
    let file: OutputFile
    let headerBytes: Int
    private let encoding: CSVEncoding
    private let previous: PreviousFile?
    private let known: [String: AggregateCacheIndex.Piece]
    private var pending: [(row: CSVRawRow, number: Int)] = []
    private var hash = StableHash()
    private var offset = 0
    private(set) var chunks: [String: AggregateCacheIndex.Piece] = [:]
    private(set) var made = 0, kept = 0

    init(route: FigureRoute, name: String, tablesDir: String, encoding: CSVEncoding, old: AggregateCacheIndex) throws {
        self.route = route
        self.name = name
        self.encoding = encoding
        path = FilePaths.join(tablesDir, name)
        previous = PreviousFile(path, as: name, in: old)
        known = old.chunks[name] ?? [:]
        file = try OutputFile(path: path)
        let head = PageRowsCodec.encode([], header: FigureListTable.columns, numeric: FigureListTable.numericColumns, encoding: encoding)
        headerBytes = head.count
        try file.write(head)
    }

    func add(_ row: CSVRawRow, number: Int, digest: StableHash) {
        pending.append((row, number))
        hash.add(digest)
    }

    /// Writes the current doc's rows; `column` maps `Figure.columns` to the row's fields.
    func finishChunk(header column: [Int?], path: String) throws {
        guard !pending.isEmpty else { return }
        let key = hash.hex
        let count: Int
        if let piece = known[key], let previous, piece.offset + piece.count <= previous.bodySize {
            // Copied later, with its neighbours: most pieces follow each other as in the old table.
            if copying?.upperBound == piece.offset {
                copying = copying!.lowerBound..<piece.offset + piece.count
            } else {
                try copyPending()
                copying = piece.offset..<piece.offset + piece.count
            }
            count = piece.count
            kept += 1
        } else {
            made += 1
            var rows: [[String]] = []
            for (row, number) in pending {
                rows.append(FigureListTable.fields(try FigureScan.figure(column.map { $0.map(row.string) ?? "" }, row: number, path: path)))
            }
            let bytes = Array(PageRowsCodec.encode(rows, header: FigureListTable.columns, numeric: FigureListTable.numericColumns,
                                                   encoding: encoding).dropFirst(headerBytes))
            try copyPending()
            try file.write(bytes)
            written = true
            count = bytes.count
        }
        chunks[key] = .init(offset: offset, count: count)
        offset += count
        pending.removeAll(keepingCapacity: true)
        hash = StableHash()
    }

    /// The run of the old table's rows waiting to be copied, in one go.
    private var copying: Range<Int>?
    /// Whether anything but the header went into the new file yet.
    private var written = false

    private func copyPending() throws {
        guard let range = copying, let previous else { return }
        copying = nil
        written = true
        try previous.copy(range, to: file)
    }

    /// The table, to be put in place with the rest; when it holds the old table's
    /// pieces in their old order (nothing else), the old file stays as it is.
    func finish() throws -> PendingOutput {
        if !written, let previous, copying ?? 0..<0 == 0..<previous.bodySize {
            let file = self.file
            return PendingOutput(path: path, .file(name: name, header: headerBytes), commit: { file.abandon() }, abandon: { file.abandon() })
        }
        try copyPending()
        return PendingOutput(file, .file(name: name, header: headerBytes))
    }
}
