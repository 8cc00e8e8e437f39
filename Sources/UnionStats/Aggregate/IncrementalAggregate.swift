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
        // make's normalize says where each page's rows are: then only pages that changed are read.
        let pages = FiguresIndex.read(FiguresIndex.path(paths), figures: paths.figures)
        let paged = try pages != nil && (FiguresInput.startsWithBOM(paths.figures) || FiguresInput.isUTF8(paths.figures))
        let fingerprint = NormalizeCache.identity("/proc/self/exe") + "|" + encoding.rawValue + "|" + (generated ?? "-")
            + (paged ? "|pages" : "|rows")
        let old = AggregateCacheIndex.read(indexPath, fingerprint: fingerprint)
        // Until the new index is in place, the old one must not vouch for outputs this run rewrites.
        unlink(indexPath)
        var new = AggregateCacheIndex()
        new.fingerprint = fingerprint
        var work = Work(), tablesWork = Work(), reportsWork = Work()

        let scan = try FigureScan(paths: paths, encoding: encoding, old: old, cacheDir: cacheDir)
        // Nothing is put in place until every month is made: a row that stops the run
        // (a value that is not a number) leaves all outputs as they were, as without the cache.
        var pending: [PendingOutput] = [], tablesPending: [PendingOutput] = [], reportsPending: [PendingOutput] = []
        do {
            if paged, let pages {
                try scan.read(pages: pages)
                pending += try scan.finishLists(into: &new, work: &work)
                try scan.spill(months: scan.neededMonths())
                new.pages = scan.pageFacts
            } else {
                try scan.read()
                pending += try scan.finishLists(into: &new, work: &work)
            }
            try scan.months.seal()
            var tables = new, reports = new
            // Both only read the sealed scratch files and write different folders: one per core.
            try Pipeline.bothAtOnce(
                { tablesPending = try scan.writeMonthly(into: &tables, work: &tablesWork) },
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
    let cacheDir: String
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

    init(paths: PipelinePaths, encoding: CSVEncoding, old: AggregateCacheIndex, cacheDir: String) throws {
        self.cacheDir = cacheDir
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

    deinit { if figuresIndex != nil { close(figuresFile) } }

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

    /// What the pass needs of a row: its hash (of the columns read), route and month.
    private func facts(_ row: CSVRawRow) -> (digest: StableHash, route: FigureRoute, month: ArraySlice<UInt8>?) {
        func range(_ c: Int) -> Range<Int> { column[c].map(row.range) ?? 0..<0 }
        var digest = StableHash()
        row.bytes.withUnsafeBytes { all in
            for c in column.indices {
                let r = range(c)
                digest.add(UnsafeRawBufferPointer(rebasing: all[r]))
                digest.add(count: r.count)
            }
        }
        let c = FigureScan.c
        let route = FigureScan.route(month: !range(c.month).isEmpty, rate: row.bytes[range(c.kind)].elementsEqual(MetricKind.rate.rawValue.utf8),
                                     per: !range(c.per).isEmpty,
                                     period: !range(c.label).isEmpty || !range(c.start).isEmpty || !range(c.end).isEmpty)
        switch route {
        case .monthly, .rate: return (digest, route, row.bytes[range(c.month)])
        case .cumulative, .undated: return (digest, route, FigureScan.monthOf(row.bytes[range(c.published)]))
        }
    }

    /// The month named by `bytes`, made once.
    private func month(_ bytes: ArraySlice<UInt8>) -> (name: String, state: Month) {
        if let last = lastMonth, last.bytes.elementsEqual(bytes) { return (last.name, last.state) }
        let name = String(decoding: bytes, as: UTF8.self)
        let state = byMonth[name] ?? Month()
        byMonth[name] = state
        lastMonth = (Array(bytes), name, state)
        return (name, state)
    }

    /// Puts the row in its month's scratch file: the columns read, then the row number
    /// (not hashed: rows move when pages come or go) and the route, last.
    private func spill(_ row: CSVRawRow, number: Int, route: FigureRoute, to month: String) throws {
        var record: [UInt8] = []
        row.bytes.withUnsafeBytes { all in
            for c in column.indices {
                PartitionSpill.appendField(UnsafeRawBufferPointer(rebasing: all[column[c].map(row.range) ?? 0..<0]), to: &record)
            }
        }
        PartitionSpill.encode([String(number), route.rawValue], into: &record)
        try months.add(encoded: record[...], to: month)
    }

    /// A row of the whole-file pass: month hashes are of the rows themselves.
    private func add(_ row: CSVRawRow, number: Int) throws {
        let docRange = column[FigureScan.c.doc].map(row.range) ?? 0..<0
        if !row.bytes[docRange].elementsEqual(doc) {
            try finishDoc()
            doc = Array(row.bytes[docRange])
        }
        let (digest, route, monthBytes) = facts(row)
        if let list = lists.first(where: { $0.route == route }) { list.add(row, number: number, digest: digest) }
        guard let monthBytes else { return }
        let month = month(monthBytes)
        try spill(row, number: number, route: route, to: month.name)
        month.state.hash.add(digest)
        if route == .monthly {
            month.state.monthly = true
            month.state.tables.add(digest)
        }
    }

    // MARK: the pass by pages (make's runs, with `FiguresIndex`)

    /// What one page gave: by month, the hash of its rows (all, and the monthly ones);
    /// by list table, the key of its rows.
    struct PageFacts {
        var hash: String
        var months: [(month: String, all: String, tables: String?)] = []
        var lists: [(table: String, key: String)] = []
    }

    /// Every page's facts, for the next run's index.
    private(set) var pageFacts: [String: PageFacts] = [:]
    /// The pages (positions in the figures index) with figures of each month.
    private var monthPages: [String: [Int]] = [:]
    private var figuresIndex: FiguresIndex?

    /// Reads only the pages whose bytes changed since the last run; the others give
    /// what they gave then. Month hashes are of the pages' hashes, in page order.
    func read(pages index: FiguresIndex) throws {
        figuresIndex = index
        try CSVReader(bytes: try bytes(0..<index.headerBytes), name: input.path).forEachRawRow { row, number in
            if number == 1 { try header(row) }
        }
        if column.isEmpty { throw CSVError.missingColumns(path: input.path, columns: ["value", "unit", "kind", "month"]) }
        for (i, page) in index.pages.enumerated() {
            var facts: PageFacts
            if let known = old.pages[page.doc], known.hash == page.hash,
               known.lists.allSatisfy({ item in lists.first { $0.name == item.table }?.canCopy(item.key) ?? false }) {
                facts = known
                for item in known.lists { lists.first { $0.name == item.table }!.copy(item.key) }
            } else {
                facts = PageFacts(hash: page.hash)
                var byName: [String: (all: StableHash, tables: StableHash?)] = [:]
                var order: [String] = []
                try forEachRow(of: page) { row, number in
                    let (digest, route, monthBytes) = self.facts(row)
                    if let list = lists.first(where: { $0.route == route }) { list.add(row, number: number, digest: digest) }
                    guard let monthBytes else { return }
                    let name = String(decoding: monthBytes, as: UTF8.self)
                    if byName[name] == nil { order.append(name); byName[name] = (StableHash(), nil) }
                    byName[name]!.all.add(digest)
                    if route == .monthly {
                        if byName[name]!.tables == nil { byName[name]!.tables = StableHash() }
                        byName[name]!.tables!.add(digest)
                    }
                }
                facts.months = order.map { ($0, byName[$0]!.all.hex, byName[$0]!.tables?.hex) }
                for l in lists {
                    if let key = try l.finishChunk(header: column, path: input.path) { facts.lists.append((l.name, key)) }
                }
            }
            pageFacts[page.doc] = facts
            for m in facts.months {
                let state = byMonth[m.month] ?? Month()
                byMonth[m.month] = state
                state.hash.add(m.all)
                if let t = m.tables {
                    state.monthly = true
                    state.tables.add(t)
                }
                monthPages[m.month, default: []].append(i)
            }
        }
    }

    /// Months in the scratch files when read by pages (nil: all of them).
    private var spilledMonths: Set<String>?

    /// Puts the figures of `needed` months in their scratch files, reading the pages that have them.
    func spill(months needed: Set<String>) throws {
        guard let index = figuresIndex else { return }
        spilledMonths = needed
        var pages = Set<Int>()
        for m in needed { pages.formUnion(monthPages[m] ?? []) }
        for i in pages.sorted() {
            try forEachRow(of: index.pages[i]) { row, number in
                let (_, route, monthBytes) = facts(row)
                guard let monthBytes else { return }
                let name = String(decoding: monthBytes, as: UTF8.self)
                if needed.contains(name) { try spill(row, number: number, route: route, to: name) }
            }
        }
    }

    private func forEachRow(of page: FiguresIndex.Page, _ body: (CSVRawRow, Int) throws -> Void) throws {
        try CSVReader(bytes: try bytes(page.offset..<page.offset + page.count), name: input.path).forEachRawRow { row, n in
            if row.count == 1 && row.range(0).isEmpty { return }
            try body(row, page.firstRow + n - 1)
        }
    }

    private lazy var figuresFile: Int32 = open(input.path, O_RDONLY)

    private func bytes(_ range: Range<Int>) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let n = out.withUnsafeMutableBytes { pread(figuresFile, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
            guard n > 0 else { throw CSVError.cannotOpen(path: input.path, reason: "shorter than its index says (changed while read)") }
            done += n
        }
        return out
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
        if let needed = spilledMonths, !needed.contains(month) {
            // Read by pages, only the months found needed were read: the outputs changed meanwhile.
            throw CSVError.cannotOpen(path: paths.tables, reason: "changed while the tables were made; run again")
        }
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

    private lazy var previousMonthly = PreviousFile(FilePaths.join(paths.tables, "monthly.csv"), as: "monthly.csv", in: old)
    private lazy var previousWide = PreviousFile(FilePaths.join(cacheDir, "wide.bin"), as: "wide.bin", in: old)

    /// Whether a month's monthly.csv rows and wide records can come from the last run's.
    func canKeepTables(_ month: String) -> Bool {
        guard let o = old.months[month], o.hash == tableHashes[month], let m = previousMonthly, let w = previousWide else { return false }
        return o.monthly.offset + o.monthly.count <= m.bodySize && o.wide.offset + o.wide.count <= w.bodySize
    }

    /// What the report of month `all[i]` is made from, and the previous calendar month when it has a report.
    func reportKey(_ i: Int, _ all: [String]) -> (key: String, previous: String?) {
        let month = all[i]
        let previous = i > 0 && all[i - 1] == NumberFormat.previousMonth(month) ? all[i - 1] : nil
        return (monthHashes[month]! + "/" + (previous.map { monthHashes[$0]! } ?? "-"), previous)
    }

    /// The months whose figures the tables or reports need (read by pages, only these are read).
    func neededMonths() -> Set<String> {
        var needed = Set(tableMonths.filter { !canKeepTables($0) })
        let all = monthHashes.keys.sorted(by: TableSort.less)
        for i in all.indices {
            let (key, previous) = reportKey(i, all)
            let path = FilePaths.join(paths.reports, "\(all[i]).txt")
            if let o = old.reports[all[i]], o.key == key, o.identity == NormalizeCache.identity(path) { continue }
            needed.insert(all[i])
            if let previous { needed.insert(previous) }
        }
        return needed
    }

    /// monthly.csv and wide.csv; unchanged months come from the previous monthly.csv and wide records.
    func writeMonthly(into index: inout AggregateCacheIndex, work: inout IncrementalAggregate.Work) throws -> [PendingOutput] {
        let monthlyPath = FilePaths.join(paths.tables, "monthly.csv"), widePath = FilePaths.join(cacheDir, "wide.bin")
        _ = (previousMonthly, previousWide)   // opened before the new files are
        let head = PageRowsCodec.encode([], header: MonthlyRow.columns, numeric: MonthlyRow.numericColumns, encoding: encoding)
        let monthly = try OutputFile(path: monthlyPath)
        let records = try OutputFile(path: widePath, durable: false)
        let wide = try WideTable(scratchDir: paths.tables)
        do {
            try monthly.write(head)
            var at = (monthly: 0, wide: 0)
            for month in tableMonths.sorted(by: TableSort.less) {
                let hash = tableHashes[month]!
                var rows: [UInt8], wideRecords: [UInt8]
                if canKeepTables(month), let o = old.months[month],
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
                let (key, previous) = reportKey(i, all)
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
    @discardableResult
    func finishChunk(header column: [Int?], path: String) throws -> String? {
        guard !pending.isEmpty else { return nil }
        let key = hash.hex
        if !copy(key) {
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
            chunks[key] = .init(offset: offset, count: bytes.count)
            offset += bytes.count
        }
        pending.removeAll(keepingCapacity: true)
        hash = StableHash()
        return key
    }

    /// Whether the old table holds the rows of `key` (so that `copy` can take them from there).
    func canCopy(_ key: String) -> Bool {
        guard let piece = known[key], let previous else { return false }
        return piece.offset + piece.count <= previous.bodySize
    }

    /// Takes the rows of `key` from the old table, if it has them. They are copied later,
    /// with their neighbours: most pieces follow each other as in the old table.
    @discardableResult
    func copy(_ key: String) -> Bool {
        guard canCopy(key), let piece = known[key] else { return false }
        if copying?.upperBound == piece.offset {
            copying = copying!.lowerBound..<piece.offset + piece.count
        } else {
            if let range = copying, let previous {
                // Written out before the next run starts (errors surface in `finish`).
                do { try previous.copy(range, to: file); written = true } catch { copyError = error }
            }
            copying = piece.offset..<piece.offset + piece.count
        }
        chunks[key] = .init(offset: offset, count: piece.count)
        offset += piece.count
        kept += 1
        return true
    }

    private var copyError: Error?

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
        if let copyError { throw copyError }
        if !written, let previous, copying ?? 0..<0 == 0..<previous.bodySize {
            let file = self.file
            return PendingOutput(path: path, .file(name: name, header: headerBytes), commit: { file.abandon() }, abandon: { file.abandon() })
        }
        try copyPending()
        return PendingOutput(file, .file(name: name, header: headerBytes))
    }
}
