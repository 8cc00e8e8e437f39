import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The pass over figures.csv for `IncrementalAggregate`, and what it leaves for
/// the tables and reports: the whole file row by row (here), or by pages
/// (`FigureScan+Pages.swift`) when make's normalize left an index of them.
final class FigureScan {
    let paths: PipelinePaths
    let encoding: CSVEncoding
    let old: AggregateCacheIndex
    let cacheDir: String
    let input: FiguresInput
    /// Each month's figures, as scratch records (fields in `Figure.columns` order, then the route).
    let months: PartitionSpill
    /// Each month's hash so far, and whether it has monthly.csv rows.
    final class Month {
        /// Of all its figures (the report's input), and of its monthly ones (the tables').
        var hash = StableHash(), tables = StableHash()
        var monthly = false
    }
    var byMonth: [String: Month] = [:]
    /// The last row's month (rows of a page mostly share one): no String or lookup per row.
    private var lastMonth: (bytes: [UInt8], name: String, state: Month)?
    private(set) var monthHashes: [String: String] = [:], tableHashes: [String: String] = [:]
    private(set) var tableMonths: [String] = []
    var lists: [ListTable] = []

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
    var column: [Int?] = []
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
        if column.isEmpty { throw CSVError.missingColumns(path: input.path, columns: FiguresInput.requiredColumns) }
    }

    func header(_ row: CSVRawRow) throws {
        let map = try CSVReader.columnMap((0..<row.count).map(row.string), required: FiguresInput.requiredColumns, path: input.path)
        column = Figure.columns.enumerated().map { FigureScan.read[$0.offset] ? map[$0.element] : nil }
    }

    /// What the pass needs of a row: its hash (of the columns read), route and month.
    func facts(_ row: CSVRawRow) -> (digest: StableHash, route: FigureRoute, month: ArraySlice<UInt8>?) {
        var digest = StableHash()
        row.bytes.withUnsafeBytes { all in
            for c in column.indices {
                let r = column[c].map(row.range) ?? 0..<0
                digest.add(UnsafeRawBufferPointer(rebasing: all[r]))
                digest.add(count: r.count)
            }
        }
        let (route, month) = routing(row)
        return (digest, route, month)
    }

    /// A row's route and month: `FigureRoute.of`, and `PageFigures.month`'s rule on bytes
    /// (a figure with no month goes in the report of the month its page was published).
    func routing(_ row: CSVRawRow) -> (route: FigureRoute, month: ArraySlice<UInt8>?) {
        func range(_ c: Int) -> Range<Int> { column[c].map(row.range) ?? 0..<0 }
        let c = FigureScan.c
        let route = FigureRoute.of(month: !range(c.month).isEmpty, rate: row.bytes[range(c.kind)].elementsEqual(MetricKind.rate.rawValue.utf8),
                                     per: !range(c.per).isEmpty,
                                     period: !range(c.label).isEmpty || !range(c.start).isEmpty || !range(c.end).isEmpty)
        switch route {
        case .monthly, .rate: return (route, row.bytes[range(c.month)])
        case .cumulative, .undated: return (route, FigureScan.monthOf(row.bytes[range(c.published)]))
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
    func spill(_ row: CSVRawRow, number: Int, route: FigureRoute, to month: String) throws {
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

    // State of the pass by pages (`FigureScan+Pages.swift`).
    /// Every page's facts, for the next run's index.
    var pageFacts: [String: PageFacts] = [:]
    /// The pages (positions in the figures index) with figures of each month.
    var monthPages: [String: [Int]] = [:]
    var figuresIndex: FiguresIndex?
    /// Months in the scratch files when read by pages (nil: all of them).
    var spilledMonths: Set<String>?
    /// figures.csv, for reading pages by their place in it.
    lazy var figuresFile: Int32 = open(input.path, O_RDONLY)

    // MARK: after the pass

    /// A month's figures by route (of `route` only, if given). Values are checked
    /// here, when a row is first folded (a row of a month kept from the last run
    /// has the bytes that were checked then): a row that fails stops the stage, as in `AggregateStage`.
    func figures(_ month: String, route: FigureRoute? = nil) throws -> [FigureRoute: [Figure]] {
        var lists: [FigureRoute: [Figure]] = [:]
        try forEachFigure(month, route: route) { r, f in lists[r, default: []].append(f) }
        return lists
    }

    /// `figures`, one at a time (a month's monthly figures are folded as they come).
    func forEachFigure(_ month: String, route: FigureRoute? = nil, _ body: (FigureRoute, Figure) throws -> Void) throws {
        if let needed = spilledMonths, !needed.contains(month) {
            // Read by pages, only the months found needed were read: the outputs changed meanwhile.
            throw CSVError.cannotOpen(path: paths.tables, reason: "changed while the tables were made; run again")
        }
        var i = 0
        try months.read(month, whereLastFieldIs: route?.rawValue) { record in
            i += 1
            var fields = record
            // Written by the pass above, so this fails only when the scratch file was damaged.
            guard let last = fields.popLast(), let route = FigureRoute(rawValue: last),
                  let number = fields.popLast().flatMap({ Int($0) }) else {
                throw CSVError.malformed(path: months.directory, row: i, reason: "a scratch record cannot be read back")
            }
            try body(route, try FigureScan.figure(fields, row: number, path: input.path))
        }
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

    /// Whether the report of `month`, made from `key`, is the last run's and still in place.
    func canKeepReport(_ month: String, key: String) -> Bool {
        guard let o = old.reports[month], o.key == key else { return false }
        return o.identity == NormalizeCache.identity(FilePaths.join(paths.reports, "\(month).txt"))
    }

    /// The months whose figures the tables or reports need (read by pages, only these are read).
    func neededMonths() -> Set<String> {
        var needed = Set(tableMonths.filter { !canKeepTables($0) })
        let all = monthHashes.keys.sorted(by: TableSort.less)
        for i in all.indices {
            let (key, previous) = reportKey(i, all)
            if canKeepReport(all[i], key: key) { continue }
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
                    try forEachFigure(month, route: .monthly) { _, f in aggregator.add(f) }
                    let folded = aggregator.rows()
                    rows = MonthlyRow.encodeRows(folded, encoding: encoding)
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
        let last = LastTotals()
        do {
            for (i, month) in all.enumerated() {
                let (key, previous) = reportKey(i, all)
                let path = FilePaths.join(paths.reports, "\(month).txt")
                if canKeepReport(month, key: key), let o = old.reports[month] {
                    index.reports[month] = o
                    work.reportsKept += 1
                    continue
                }
                work.reportsMade += 1
                let lists = try figures(month)
                let before = try previous.map { p in
                    try last.rows(of: p) { MonthReport.totals(try figures(p, route: .monthly)[.monthly] ?? []) }
                }
                let report = MonthReport(month: month, figures: lists, previous: before, generated: generated)
                last.keep(report.rows, of: month)
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
        try ReportStage.removeReports(in: paths.reports, keeping: Set(monthHashes.keys.map { "\($0).txt" }))
    }
}
