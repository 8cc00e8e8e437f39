/// One page's figures as the tables and reports take them (`MonthlyOutputs.add`), encoded
/// on the thread that normalized the page: the per-figure tables' CSV rows, and a scratch
/// record (`FigureRecord`) for each figure a month's tables or report will fold. The thread
/// that splices pages in order then only appends bytes; encoding every figure there kept
/// one core busy while the other waited.
public struct PageFigures: Sendable {
    /// Rows of rates.csv, cumulative.csv and undated.csv (`MonthlyOutputs.listRoutes` order).
    var lists: [[UInt8]] = [[], [], []]
    /// The records, and the runs of them that go to one month, in figure order.
    var records: [UInt8] = []
    var runs: [(month: String, range: Range<Int>)] = []

    /// The month whose tables or report read a figure: its own month, and for a figure with
    /// no month the month its page was published (its report lists it); with no reports,
    /// only the monthly figures go anywhere (by their month).
    /// `monthOf`: `ReportStage.monthOf`, or the same kept for the date asked last (`PublishedMonth`).
    static func month(of f: Figure, route: FigureRoute, reports: Bool, monthOf: (String) -> String? = ReportStage.monthOf) -> String? {
        switch route {
        case .monthly: return f.period.month
        case .rate: return reports ? f.period.month : nil
        case .cumulative, .undated: return reports ? monthOf(f.published) : nil
        }
    }

    /// `ReportStage.monthOf` of the date asked last, kept: a page's figures mostly have their page's date.
    private struct PublishedMonth {
        private var date: String?
        private var month: String?

        mutating func of(_ published: String) -> String? {
            if let date, ByteString.equal(date, published) { return month }
            date = published
            month = ReportStage.monthOf(published)
            return month
        }
    }

    /// Reads `figures` back in place (`FiguresInput.readBack`; the page is done with them) and
    /// encodes them in order. `written`: their figures.csv rows, from which the per-figure
    /// tables' fields are copied where that gives the same bytes (`FigureRowFields`), and the
    /// records' texts where the row holds them as they are (`FigureRowRecord`).
    init(readingBack figures: inout [Figure], written: FigureRowFields, tables: Bool, reports: Bool, encoding: CSVEncoding) {
        var listRows = ListRows()
        // Room for a few runs of records (a page's figures mostly have one or two months): grown
        // from nothing, the runs took a block and then another.
        if !figures.isEmpty { runs.reserveCapacity(4) }
        let copy = written.encoding == encoding
        // GB18030 rows do not hold the texts' UTF-8 bytes.
        let textsInRows = written.encoding != .gb18030
        var published = PublishedMonth()
        let quoting = FigureRowRecord.textColumns, readBackText = FigureRowFields.readBackText
        // The records written in place of the array that keeps them.
        records = ByteArena.array(capacity: figures.count * 256) { out in
        FigureRowRecord.columns.withUnsafeBufferPointer { columns in
        FigureRowRecord.offsets.withUnsafeBufferPointer { offsets in
        FigureRowFields.listRuns.withUnsafeBufferPointer { listRuns in
        figures.withUnsafeMutableBufferPointer { figures in
            written.withRows { rows in
                let tail = Tail(tables: tables, reports: reports, encoding: encoding, records: out, rowsEnd: written.bytes.count,
                                listRuns: listRuns, columns: columns, offsets: offsets)
                // The figure whose record was written last.
                var last: Int?
                for i in figures.indices {
                    let row = rows[i]
                    let marks = rows.marks(i, quoting: textsInRows ? quoting : 0, readBackText: readBackText)
                    let exact = FiguresInput.readBack(&figures[i], text: marks.quoteMark)
                    if add(&figures[i], after: last.map { figures.baseAddress! + $0 }, tail, lists: &listRows,
                           written: copy && exact ? row : nil,
                           texts: textsInRows && !marks.quoteMark && !marks.quoted ? row : nil, published: &published) {
                        last = i
                    }
                }
            }
        }
        }
        }
        }
        }
        listRows.take(into: &lists)
    }

    /// The list tables' rows of a page (`MonthlyOutputs.listRoutes` order). Each list's arena is
    /// made at its first row, as large as the page's rows from that one on (a list's row copied
    /// from a figure's row is at most that row), so it does not grow; arenas of 1 KB grew
    /// several times a page. Held unmanaged: read from an array, an arena was retained and
    /// released for every row.
    private struct ListRows {
        private var arenas: (Unmanaged<ByteArena>?, Unmanaged<ByteArena>?, Unmanaged<ByteArena>?) = (nil, nil, nil)

        /// Calls `body` with list `list`'s arena, made with `room` bytes if it is not there yet.
        @inline(__always)
        mutating func append(to list: Int, room: Int, _ body: (ByteArena) -> Void) {
            let arena: Unmanaged<ByteArena>
            switch list {
            case 0: arena = arenas.0 ?? ListRows.make(&arenas.0, room)
            case 1: arena = arenas.1 ?? ListRows.make(&arenas.1, room)
            default: arena = arenas.2 ?? ListRows.make(&arenas.2, room)
            }
            arena._withUnsafeGuaranteedRef(body)
        }

        @inline(never)
        private static func make(_ slot: inout Unmanaged<ByteArena>?, _ room: Int) -> Unmanaged<ByteArena> {
            let arena = Unmanaged.passRetained(ByteArena(capacity: room))
            slot = arena
            return arena
        }

        /// Puts each list's rows in `lists` (left empty where there are none), the arenas let go.
        /// Slot by slot: an array of the three was a block more a page.
        mutating func take(into lists: inout [[UInt8]]) {
            ListRows.take(&arenas.0, into: &lists[0])
            ListRows.take(&arenas.1, into: &lists[1])
            ListRows.take(&arenas.2, into: &lists[2])
        }

        private static func take(_ slot: inout Unmanaged<ByteArena>?, into rows: inout [UInt8]) {
            guard let arena = slot else { return }
            rows = arena.takeUnretainedValue().array
            arena.release()
            slot = nil
        }
    }

    /// What `add` writes into and how, the same for a page's figures.
    private struct Tail {
        let tables: Bool
        let reports: Bool
        let encoding: CSVEncoding
        let records: ByteArena
        /// The end of the page's figures.csv rows (`FigureRowFields.bytes`).
        let rowsEnd: Int
        let listRuns: UnsafeBufferPointer<(first: Int, last: Int)>
        let columns: UnsafeBufferPointer<Int>
        let offsets: UnsafeBufferPointer<Int>
    }

    /// `f` is inout only to be borrowed without a copy (`pointee` of a pointer passed to a
    /// function was a copy, a retain and release per text). `written`: its figures.csv row, to copy
    /// its list-table fields from; `texts`: the same, to copy its record's texts from. `previous`:
    /// the figure whose record was written last. Returns whether `f`'s record was written.
    private mutating func add(_ f: inout Figure, after previous: UnsafeMutablePointer<Figure>?, _ t: Tail, lists: inout ListRows,
                              written: FigureRowFields.Row?, texts: FigureRowFields.Row?, published: inout PublishedMonth) -> Bool {
        let route = FigureRoute.of(f)
        if t.tables, let list = MonthlyOutputs.listIndex(route) {
            if let written {
                lists.append(to: list, room: t.rowsEnd - written.starts[0]) { written.appendListRow(to: $0, runs: t.listRuns) }
            } else {
                lists.append(to: list, room: 1 << 10) { arena in
                    var row = CSVRowEncoder(numeric: MonthlyOutputs.listNumeric, encoding: t.encoding, into: arena)
                    FigureListTable.forEachField(of: f, &row)
                    row.end()
                }
            }
        }
        guard let month = PageFigures.month(of: f, route: route, reports: t.reports, monthOf: { published.of($0) }) else { return false }
        let out = t.records
        let start = out.count
        // A page's figures mostly share a month: one run for consecutive records of it. A run goes
        // to its month whole, so within it a record may refer to the one before (`sameAsBefore`).
        let continues = runs.last.map { $0.range.upperBound == start && ByteString.equal($0.month, month) } == true
        let before = continues ? previous.map { UnsafePointer($0) } : nil
        if let texts {
            withUnsafePointer(to: &f) { f in
                FigureRowRecord.append(f, route: route, after: before, row: texts, columns: t.columns, offsets: t.offsets, to: out)
            }
        } else {
            var sink = out
            FigureRecord.encode(f, route: route, after: before, into: &sink)
        }
        if continues {
            runs[runs.count - 1].range = runs[runs.count - 1].range.lowerBound..<out.count
        } else {
            runs.append((month, start..<out.count))
        }
        return true
    }
}
