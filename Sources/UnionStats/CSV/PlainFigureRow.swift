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

    private let p: UnsafeMutablePointer<UInt8>
    private let base: Int
    private let starts: UnsafeMutablePointer<Int>?
    private let numeric: UInt32
    private var at = 0
    private var index = 0
    /// False once a field is not plain or does not fit: the row is then written again by `CSVRowEncoder`.
    private(set) var plain = true

    private init(p: UnsafeMutablePointer<UInt8>, base: Int, starts: UnsafeMutablePointer<Int>?, numeric: UInt32) {
        self.p = p
        self.base = base
        self.starts = starts
        self.numeric = numeric
    }

    /// Appends `f`'s row and, with `starts`, notes where each field starts (`CSVRowEncoder`'s
    /// `fieldStarts`: `FigureRowFields.stride` offsets). False, having appended nothing, when a
    /// field is not plain (the caller writes the row with `CSVRowEncoder`). `f` is inout only
    /// to be borrowed without a copy; `numeric`: the static, passed in.
    static func append(_ f: inout Figure, to out: ByteArena, starts: UnsafeMutablePointer<Int>?, numeric: UInt32) -> Bool {
        var row = PlainFigureRow(p: out.room(PlainFigureRow.room), base: out.count, starts: starts, numeric: numeric)
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
