import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A figure's figures.csv row written in one go when every field is written as it is: UTF-8,
/// no text that needs a formula guard or quotes, values with `DecimalText`'s fast text. The
/// bytes are `CSVRowEncoder`'s (a test holds them to it), without its per-field capacity checks
/// and column lookups: nearly every row of a page is this one.
struct PlainFigureRow: CSVFieldSink {
    /// Room asked for a row: a row that needs more is written by `CSVRowEncoder`.
    static let room = 4096
    /// `Figure.numericColumns` as bits of their indices.
    static let numeric: UInt32 = Figure.columns.indices.reduce(0) { Figure.numericColumns.contains(Figure.columns[$1]) ? $0 | 1 << $1 : $0 }

    /// What a figures.csv column is written from, in a `Figure`: where (`offset`) and how many
    /// bytes (`size`): 16, a String (the same value, `ByteString.sameValue`, is the same text);
    /// 8, an Int (`article`, `line`); 1, an enum whose name is written (`qualifier`, `kind`: the
    /// same case); 0 where the field is not compared (the values, whose text is made for the row).
    static let sources: [(offset: Int, size: Int)] = Figure.columns.map { column in
        if let text = Figure.textColumn(column) { return (MemoryLayout<Figure>.offset(of: text)!, 16) }
        switch column {
        case "article": return (MemoryLayout<Figure>.offset(of: \.article)!, MemoryLayout<Int>.size)
        case "line": return (MemoryLayout<Figure>.offset(of: \.line)!, MemoryLayout<Int>.size)
        case "qualifier": return (MemoryLayout<Figure>.offset(of: \.quantity.qualifier)!, MemoryLayout<Qualifier>.size)
        case "kind": return (MemoryLayout<Figure>.offset(of: \.kind)!, MemoryLayout<MetricKind>.size)
        default: return (0, 0)
        }
    }

    /// The row written last, plain, of the figure before (or one before it), in the same bytes: a
    /// page's figures share most fields (doc, headline, date, source, unit, sentence…), and a
    /// field written from the same bytes of the figure (`sources`) is the same bytes, plain, in
    /// the same column. Runs of such fields are copied from that row at once, commas and all,
    /// without looking at their texts again.
    struct Previous {
        /// The figure, read in place (loading its Strings out retained and released them).
        let figure: UnsafeRawPointer
        /// Its row's `FigureRowFields.stride` offsets (field starts, then one past the CR).
        let starts: UnsafePointer<Int>
        /// Its row's text fields that start with `'`, as bits (what `append` returned for it).
        let quoteMarks: UInt32
    }

    private let p: UnsafeMutablePointer<UInt8>
    private let base: Int
    private let starts: UnsafeMutablePointer<Int>?
    private let numeric: UInt32
    /// The figure whose row this is, with `previous`, and `sources`.
    private let figure: UnsafeRawPointer?
    private let previous: Previous?
    private let sources: UnsafePointer<(offset: Int, size: Int)>?
    private var at = 0
    private var index = 0
    /// The first of the fields just passed that are the previous row's (copied when a field that
    /// is not, or the row's end, comes), or -1.
    private var run = -1
    /// The text fields written so far that start with `'`, as bits of their columns.
    private var quoteMarks: UInt32 = 0
    /// False once a field is not plain or does not fit: the row is then written again by `CSVRowEncoder`.
    private(set) var plain = true

    private init(p: UnsafeMutablePointer<UInt8>, base: Int, starts: UnsafeMutablePointer<Int>?, numeric: UInt32,
                 figure: UnsafeRawPointer?, previous: Previous?, sources: UnsafePointer<(offset: Int, size: Int)>?) {
        self.p = p
        self.base = base
        self.starts = starts
        self.numeric = numeric
        self.figure = figure
        self.previous = previous
        self.sources = sources
    }

    /// Appends `f`'s row and, with `starts`, notes where each field starts (`CSVRowEncoder`'s
    /// `fieldStarts`: `FigureRowFields.stride` offsets). Returns the columns whose text starts
    /// with `'`, as bits (`FigureRowFields.quoteMarks`: a plain row's marks, known without looking
    /// at the row again); nil, having appended nothing, when a field is not plain (the caller
    /// writes the row with `CSVRowEncoder`). `f` is inout only
    /// to be borrowed without a copy; `numeric`: the static, passed in.
    ///
    /// `previous`: the row just before in `out` and its figure, written here too (its fields all
    /// plain); `f` must then be at `figure`, and `sources` be `PlainFigureRow.sources` (passed in:
    /// read in a loop, a static is a `swift_once` each time). Both figures must be left as they are
    /// until the row is written: equal bits are equal bytes only while the Strings live.
    static func append(_ f: inout Figure, to out: ByteArena, starts: UnsafeMutablePointer<Int>?, numeric: UInt32,
                       at figure: UnsafeRawPointer? = nil, after previous: Previous? = nil,
                       sources: UnsafePointer<(offset: Int, size: Int)>? = nil) -> UInt32? {
        precondition(previous == nil || (figure != nil && sources != nil), "a previous row needs the figure and the sources")
        var row = PlainFigureRow(p: out.room(PlainFigureRow.room), base: out.count, starts: starts, numeric: numeric,
                                 figure: figure, previous: previous, sources: sources)
        f.forEachField(&row)
        if let previous, row.run >= 0 { row.copyRun(previous) }
        guard row.plain, row.at + 2 <= PlainFigureRow.room else { return nil }
        precondition(row.index == Figure.columns.count, "figures.csv row has \(row.index) fields")
        row.starts?[row.index] = row.base + row.at + 1
        row.p[row.at] = 0x0D
        row.p[row.at + 1] = 0x0A
        out.commit(row.at + 2, of: PlainFigureRow.room)
        return row.quoteMarks
    }

    /// The comma before a field (none before the first), a note of where it starts, and
    /// whether `n` bytes more fit after it.
    @inline(__always)
    private mutating func begin(_ n: Int) -> Bool {
        guard plain, at + n + 1 <= PlainFigureRow.room else { plain = false; return false }
        if index > 0 { p[at] = UInt8(ascii: ","); at += 1 }
        starts?[index] = base + at
        index += 1
        return true
    }

    /// `CSVRowEncoder.field(String)`'s plain path (`CSVWriter.appendPlain`): a numeric column is never guarded.
    @inline(__always)
    mutating func field(_ text: String) {
        if let previous, isPrevious(previous) { return }
        let column: UInt32 = 1 << index
        let guarded = numeric & column == 0
        let fits = text.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard begin(b.count) else { return false }
            guard let first = b.baseAddress, b.count > 0 else { return true }
            if guarded && CSVWriter.startsFormula(first.pointee) { return false }
            if first.pointee == UInt8(ascii: "'") { quoteMarks |= column }
            if CSVWriter.needsQuoting(UnsafeRawBufferPointer(b)) { return false }
            ByteArena.copy(first, to: p + at, count: b.count)
            at += b.count
            return true
        }
        if fits != true { plain = false }
    }

    /// Whether this column's field is the previous row's (`sources`): then it joins the run to copy,
    /// and true; else the run before it, if any, is copied, and false (the field is written here).
    @inline(__always)
    private mutating func isPrevious(_ previous: Previous) -> Bool {
        let source = sources.unsafelyUnwrapped[index]
        let a = figure.unsafelyUnwrapped + source.offset, b = previous.figure + source.offset
        let same: Bool
        switch source.size {
        case 16: same = ByteString.sameValue(at: a, b)
        case 8: same = a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
        case 1: same = a.load(as: UInt8.self) == b.load(as: UInt8.self)
        default: same = false
        }
        if same {
            if run < 0 { run = index }
            index += 1
            return true
        }
        if run >= 0 { copyRun(previous) }
        return false
    }

    /// Copies the previous row's fields from `run` to the one before `index`, with the commas between.
    @inline(never)
    private mutating func copyRun(_ previous: Previous) {
        let first = run
        run = -1
        // From the run's first field to the comma (or CR) after its last.
        let from = previous.starts[first], count = previous.starts[index] - 1 - from
        guard plain, at + count + 1 <= PlainFigureRow.room else { plain = false; return }
        if first > 0 { p[at] = UInt8(ascii: ","); at += 1 }
        // The run's columns, as bits: their marks are the previous row's.
        if previous.quoteMarks != 0 { quoteMarks |= previous.quoteMarks & (UInt32(1) << index &- 1) & ~(UInt32(1) << first &- 1) }
        if let starts {
            let shift = base + at - from
            for column in first..<index { starts[column] = previous.starts[column] + shift }
        }
        // `p - base` is where `out`'s bytes start (the previous row's offsets count from there).
        ByteArena.copy(p - base + from, to: p + at, count: count)
        at += count
    }

    /// `CSVRowEncoder.field(Int)` in a numeric column: the digits, after a `-` when negative.
    @inline(__always)
    mutating func field(_ number: Int) {
        if let previous, isPrevious(previous) { return }
        guard numeric & 1 << index != 0, begin(20) else { plain = false; return }
        let width = CSVRowEncoder.digitCount(number)
        CSVRowEncoder.writeDigits(number, width: width, at: p + at)
        at += width
    }

    /// `CSVRowEncoder.field(Decimal)` in a numeric column, where `DecimalText.withFastPlain` writes it.
    @inline(__always)
    mutating func field(_ value: Decimal) {
        if let previous, isPrevious(previous) { return }
        guard numeric & 1 << index != 0, begin(32) else { plain = false; return }
        let p = self.p, at = self.at
        guard let n = DecimalText.withFastPlain(value, { b -> Int in
            ByteArena.copy(b.baseAddress!, to: p + at, count: b.count)
            return b.count
        }) else { plain = false; return }
        self.at += n
    }
}
