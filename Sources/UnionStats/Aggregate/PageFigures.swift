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
        let listArenas = tables ? MonthlyOutputs.listRoutes.map { _ in ByteArena(capacity: 1 << 10) } : []
        let copy = written.encoding == encoding
        // GB18030 rows do not hold the texts' UTF-8 bytes.
        let textsInRows = written.encoding != .gb18030
        var published = PublishedMonth()
        let quoting = FigureRowRecord.textColumns
        // The records written in place of the array that keeps them.
        records = ByteArena.array(capacity: figures.count * 256) { out in
        FigureRowRecord.columns.withUnsafeBufferPointer { columns in
        FigureRowRecord.offsets.withUnsafeBufferPointer { offsets in
        FigureRowFields.listRuns.withUnsafeBufferPointer { listRuns in
        figures.withUnsafeMutableBufferPointer { figures in
            written.withRows { rows in
                let tail = Tail(tables: tables, reports: reports, encoding: encoding, lists: listArenas, records: out,
                                listRuns: listRuns, columns: columns, offsets: offsets)
                // The figure whose record was written last.
                var last: Int?
                for i in figures.indices {
                    let row = rows[i]
                    let marks = row.marks(quoting: textsInRows ? quoting : 0)
                    let exact = FiguresInput.readBack(&figures[i], text: marks.quoteMark)
                    if add(&figures[i], after: last.map { figures.baseAddress! + $0 }, tail,
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
        for (i, arena) in listArenas.enumerated() where arena.count > 0 { lists[i] = arena.array }
    }

    /// What `add` writes into and how, the same for a page's figures.
    private struct Tail {
        let tables: Bool
        let reports: Bool
        let encoding: CSVEncoding
        let lists: [ByteArena]
        let records: ByteArena
        let listRuns: UnsafeBufferPointer<(first: Int, last: Int)>
        let columns: UnsafeBufferPointer<Int>
        let offsets: UnsafeBufferPointer<Int>
    }

    /// `f` is inout only to be borrowed without a copy (`pointee` of a pointer passed to a
    /// function was a copy, a retain and release per text). `written`: its figures.csv row, to copy
    /// its list-table fields from; `texts`: the same, to copy its record's texts from. `previous`:
    /// the figure whose record was written last. Returns whether `f`'s record was written.
    private mutating func add(_ f: inout Figure, after previous: UnsafeMutablePointer<Figure>?, _ t: Tail,
                              written: FigureRowFields.Row?, texts: FigureRowFields.Row?, published: inout PublishedMonth) -> Bool {
        let route = FigureRoute.of(f)
        if t.tables, let list = MonthlyOutputs.listIndex(route) {
            if let written {
                written.appendListRow(to: t.lists[list], runs: t.listRuns)
            } else {
                var row = CSVRowEncoder(numeric: MonthlyOutputs.listNumeric, encoding: t.encoding, into: t.lists[list])
                FigureListTable.forEachField(of: f, &row)
                row.end()
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
