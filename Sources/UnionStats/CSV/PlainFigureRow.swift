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

    /// Where the String of each figures.csv column lies in a `Figure`, or -1 where the field is
    /// not one (a number, or a text made for the row: `kind`, `qualifier`, an empty `value_max`).
    static let textOffsets: [Int] = Figure.columns.map { column in
        Figure.textColumn(column).map { MemoryLayout<Figure>.offset(of: $0)! } ?? -1
    }

    /// The row written just before, of the figure before, in the same bytes: a page's figures
    /// share most texts (doc, headline, date, source, sentence…), and a text that is the same
    /// String (`ByteString.sameValue`) in the same column is written as the same bytes, copied
    /// without looking at them again.
    struct Previous {
        /// The figure, read in place (loading its Strings out retained and released them).
        let figure: UnsafeRawPointer
        /// Its row's `FigureRowFields.stride` offsets (field starts, then one past the CR).
        let starts: UnsafePointer<Int>
    }

    private let p: UnsafeMutablePointer<UInt8>
    private let base: Int
    private let starts: UnsafeMutablePointer<Int>?
    private let numeric: UInt32
    /// The figure whose row this is, with `previous`, and `textOffsets`.
    private let figure: UnsafeRawPointer?
    private let previous: Previous?
    private let offsets: UnsafePointer<Int>?
    private var at = 0
    private var index = 0
    /// False once a field is not plain or does not fit: the row is then written again by `CSVRowEncoder`.
    private(set) var plain = true

    private init(p: UnsafeMutablePointer<UInt8>, base: Int, starts: UnsafeMutablePointer<Int>?, numeric: UInt32,
                 figure: UnsafeRawPointer?, previous: Previous?, offsets: UnsafePointer<Int>?) {
        self.p = p
        self.base = base
        self.starts = starts
        self.numeric = numeric
        self.figure = figure
        self.previous = previous
        self.offsets = offsets
    }

    /// Appends `f`'s row and, with `starts`, notes where each field starts (`CSVRowEncoder`'s
    /// `fieldStarts`: `FigureRowFields.stride` offsets). False, having appended nothing, when a
    /// field is not plain (the caller writes the row with `CSVRowEncoder`). `f` is inout only
    /// to be borrowed without a copy; `numeric`: the static, passed in.
    ///
    /// `previous`: the row just before in `out` and its figure, written here too (its fields all
    /// plain); `f` must then be at `figure`, and `offsets` be `textOffsets` (passed in: read in a
    /// loop, a static is a `swift_once` each time). Both figures must be left as they are until
    /// the row is written: equal bits are equal bytes only while the Strings live.
    static func append(_ f: inout Figure, to out: ByteArena, starts: UnsafeMutablePointer<Int>?, numeric: UInt32,
                       at figure: UnsafeRawPointer? = nil, after previous: Previous? = nil, offsets: UnsafePointer<Int>? = nil) -> Bool {
        precondition(previous == nil || (figure != nil && offsets != nil), "a previous row needs the figure and the offsets")
        var row = PlainFigureRow(p: out.room(PlainFigureRow.room), base: out.count, starts: starts, numeric: numeric,
                                 figure: figure, previous: previous, offsets: offsets)
        f.forEachField(&row)
        guard row.plain, row.at + 2 <= PlainFigureRow.room else { return false }
        precondition(row.index == Figure.columns.count, "figures.csv row has \(row.index) fields")
        row.starts?[row.index] = row.base + row.at + 1
        row.p[row.at] = 0x0D
        row.p[row.at + 1] = 0x0A
        out.commit(row.at + 2, of: PlainFigureRow.room)
        return true
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
        if let previous, copyPrevious(previous) { return }
        let guarded = numeric & 1 << index == 0
        let fits = text.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard begin(b.count) else { return false }
            guard let first = b.baseAddress, b.count > 0 else { return true }
            if guarded && CSVWriter.startsFormula(first.pointee) { return false }
            if CSVWriter.needsQuoting(UnsafeRawBufferPointer(b)) { return false }
            memcpy(p + at, first, b.count)
            at += b.count
            return true
        }
        if fits != true { plain = false }
    }

    /// Copies the previous row's field in this column when the figures' Strings there are the same
    /// value: the same bytes, plain in the same column. False when they are not (or there are none).
    @inline(__always)
    private mutating func copyPrevious(_ previous: Previous) -> Bool {
        let offset = offsets.unsafelyUnwrapped[index]
        guard offset >= 0, ByteString.sameValue(at: figure.unsafelyUnwrapped + offset, previous.figure + offset) else { return false }
        let from = previous.starts[index], count = previous.starts[index + 1] - 1 - from
        guard begin(count) else { return true }
        // `p - base` is where `out`'s bytes start (the previous row's offsets count from there).
        memcpy(p + at, p - base + from, count)
        at += count
        return true
    }

    /// `CSVRowEncoder.field(Int)` in a numeric column: the digits, after a `-` when negative.
    @inline(__always)
    mutating func field(_ number: Int) {
        guard numeric & 1 << index != 0, begin(20) else { plain = false; return }
        let width = CSVRowEncoder.digitCount(number)
        CSVRowEncoder.writeDigits(number, width: width, at: p + at)
        at += width
    }

    /// `CSVRowEncoder.field(Decimal)` in a numeric column, where `DecimalText.withFastPlain` writes it.
    @inline(__always)
    mutating func field(_ value: Decimal) {
        guard numeric & 1 << index != 0, begin(32) else { plain = false; return }
        let p = self.p, at = self.at
        guard let n = DecimalText.withFastPlain(value, { b -> Int in
            memcpy(p + at, b.baseAddress!, b.count)
            return b.count
        }) else { plain = false; return }
        self.at += n
    }
}
