#if canImport(Glibc)
import Glibc
#endif

/// A page's figures.csv rows as `PageRowsCodec` wrote them, with where each field starts:
/// the per-figure tables (rates, cumulative, undated) copy their fields from here instead
/// of encoding the figure a second time.
///
/// A list table's field is figures.csv's field of the same column, byte for byte, for the
/// figure as read back (`FiguresInput.readBack`): every column the two share is numeric in
/// both or text in both; text read back is text the writer gives the same bytes (a guard it
/// adds is added back, one it undoes was added by the writer); and a value that comes back
/// exactly (`DecimalText.readBack`) is written as the text it was read from. Rows are copied
/// only in the encoding they were written in, and only for values that came back exactly.
struct FigureRowFields: Sendable {
    /// The rows (`PageRows.figures`).
    let bytes: [UInt8]
    /// Per row, `stride` offsets into `bytes`: where each field starts, then one past the
    /// row's CR (`CSVRowEncoder`'s `fieldStarts`), so each field ends one byte before the next starts.
    /// After them, per row, the columns whose text starts with `'`, as bits, for a row written
    /// plain (`PlainFigureRow`: no field quoted), or `unknownMarks` (`Row.marks` looks); one
    /// block for both (a block more a page cost more than looking).
    let starts: [Int]
    let encoding: CSVEncoding

    static let unknownMarks = -1

    static let stride = Figure.columns.count + 1

    /// For each list-table column, the figures.csv column it copies.
    static let listSources: [Int] = FigureListTable.columns.map { Figure.columns.firstIndex(of: $0)! }

    /// `listSources` as runs of consecutive figures.csv columns: each run is copied at once,
    /// with the commas between its fields (`region,region_code`, `period_label,…,period_end`).
    static let listRuns: [(first: Int, last: Int)] = listSources.reduce(into: []) { runs, column in
        if let last = runs.last, last.last + 1 == column {
            runs[runs.count - 1].last = column
        } else {
            runs.append((column, column))
        }
    }

    /// The columns `FiguresInput.readBack` may change the text of (adding or undoing a guard),
    /// text columns it keeps, as bits.
    static let readBackText: UInt32 = Figure.columns.indices.reduce(0) { mask, i in
        let name = Figure.columns[i]
        return Figure.numericColumns.contains(name) || FiguresInput.unreadColumns.contains(name) ? mask : mask | 1 << i
    }

    /// Calls `body` with the rows borrowed.
    func withRows<R>(_ body: (Rows) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { all in
                let offsets = all.count / (FigureRowFields.stride + 1) * FigureRowFields.stride
                return body(Rows(bytes: bytes.baseAddress, starts: UnsafeBufferPointer(rebasing: all[..<offsets]),
                                 quoteMarks: UnsafeBufferPointer(rebasing: all[offsets...])))
            }
        }
    }

    struct Rows {
        let bytes: UnsafePointer<UInt8>?
        let starts: UnsafeBufferPointer<Int>
        let quoteMarks: UnsafeBufferPointer<Int>

        /// `self[row].marks(quoting:readBackText:)`, from the marks noted for a row written
        /// plain (none of its fields is quoted), else from the row's bytes.
        @inline(__always)
        func marks(_ row: Int, quoting: UInt32, readBackText: UInt32) -> (quoteMark: Bool, quoted: Bool) {
            let known = quoteMarks[row]
            if known != FigureRowFields.unknownMarks { return (UInt32(truncatingIfNeeded: known) & readBackText != 0, false) }
            return self[row].marks(quoting: quoting, readBackText: readBackText)
        }

        subscript(row: Int) -> Row {
            precondition((row + 1) * FigureRowFields.stride <= starts.count, "no such figures.csv row")
            return Row(bytes: bytes!, starts: starts.baseAddress! + row * FigureRowFields.stride)
        }
    }

    /// One row's bytes, and where its fields start.
    struct Row {
        let bytes: UnsafePointer<UInt8>
        let starts: UnsafePointer<Int>

        /// Where field `column` ends: at the comma before the next, the last at the row's CR.
        @inline(__always)
        func end(_ column: Int) -> Int { starts[column + 1] - 1 }

        /// Whether a text field that `readBack` may change was written starting with `'`
        /// (quoted or not): the writer's guard, or the text's own first byte. Those are the
        /// fields whose text starts with `'` or a formula's first byte; in every encoding,
        /// ASCII bytes stand for themselves and never begin a multibyte character.
        var hasQuoteMark: Bool { marks(quoting: 0, readBackText: FigureRowFields.readBackText).quoteMark }

        /// `hasQuoteMark`, and whether a field of `quoting` (columns as bits) was written
        /// quoted (it starts with `"`, which a field written as it is never does); the latter
        /// is only looked at to the first quote mark. `readBackText`: the static, passed in (read in
        /// a loop, a static is a `swift_once` each time).
        @inline(__always)
        func marks(quoting: UInt32, readBackText: UInt32) -> (quoteMark: Bool, quoted: Bool) {
            var columns = readBackText | quoting
            var quoted = false
            while columns != 0 {
                let column = columns.trailingZeroBitCount
                columns &= columns - 1
                var at = starts[column]
                let end = end(column)
                guard at < end else { continue }
                if bytes[at] == UInt8(ascii: "\"") {
                    if quoting & 1 << column != 0 { quoted = true }
                    if at + 1 < end { at += 1 }
                }
                if bytes[at] == UInt8(ascii: "'") && readBackText & 1 << column != 0 { return (true, quoted) }
            }
            return (false, quoted)
        }

        /// Appends the row of a list table (`FigureListTable.columns`), its fields copied.
        /// `runs`: `FigureRowFields.listRuns`, passed in (read in a loop, a static is a `swift_once` each time).
        func appendListRow(to out: ByteArena, runs: UnsafeBufferPointer<(first: Int, last: Int)>) {
            // Parts of the row, with a comma between runs and CRLF: the row's length and a byte per run bound them.
            let bound = starts[FigureRowFields.stride - 1] - starts[0] + runs.count + 2
            out.append(atMost: bound) { to in
                var at = 0
                for k in runs.indices {
                    let run = runs[k]
                    if k > 0 { to[at] = UInt8(ascii: ","); at += 1 }
                    let start = starts[run.first], count = end(run.last) - start
                    ByteArena.copy(bytes + start, to: to + at, count: count)
                    at += count
                }
                to[at] = 0x0D
                to[at + 1] = 0x0A
                return at + 2
            }
        }
    }
}
