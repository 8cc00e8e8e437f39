import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A figure's month record (`FigureRecord`) with its texts copied from its figures.csv row
/// (`FigureRowFields.Row`): the row encoder has already turned each text into its bytes, and
/// the record's encoder did it again (the String's storage found, its length counted, then
/// found again to copy it). The bytes are `FigureRecord.encode`'s, byte for byte.
///
/// Only for a row whose texts are their UTF-8 bytes: written in UTF-8, no text quoted, none
/// guarded (`FigureRowFields.Row.marks`); `readBack` then leaves the figure's texts as they are.
enum FigureRowRecord {
    /// The figures.csv column of each text of a record, in record order.
    static let columns: [Int] = FigureRecord.Slot.allCases.map { Figure.columns.firstIndex(of: $0.column)! }

    /// Where each text of a record lies in a `Figure`, in record order: a text is the record
    /// before's (`FigureRecord.sameAsBefore`) when its String's two words are that figure's
    /// (`ByteString.sameValue`), read in place (reading the Strings retained and released them).
    static let offsets: [Int] = FigureRecord.Slot.allCases.map { MemoryLayout<Figure>.offset(of: $0.text)! }

    /// The record's texts in figures.csv, as bits (`FigureRowFields.Row.marks` looks for quotes there).
    static let textColumns: UInt32 = columns.reduce(0) { $0 | 1 << $1 }

    /// Appends `f`'s record going to `route`, its texts from `row` (`f`'s row, see the type);
    /// `previous`: as `FigureRecord.encode`'s. `columns`, `offsets`: the statics, passed in
    /// (read in a loop, a static is a `swift_once` each time).
    static func append(_ f: UnsafePointer<Figure>, route: FigureRoute, after previous: UnsafePointer<Figure>?,
                       row: FigureRowFields.Row, columns: UnsafeBufferPointer<Int>, offsets: UnsafeBufferPointer<Int>,
                       to out: ByteArena) {
        let starts = row.starts
        // The texts are parts of the row: the row's length bounds theirs.
        let rowLength = starts[FigureRowFields.stride - 1] - starts[0]
        let bound = 4 + FigureRecord.fixedSize + 4 * columns.count + rowLength
        out.append(atMost: bound) { record in
            FigureRecord.writeFixed(route: route, kind: f.pointee.kind, qualifier: f.pointee.quantity.qualifier,
                                    article: f.pointee.article, line: f.pointee.line, value: f.pointee.quantity.value,
                                    valueMax: f.pointee.quantity.valueMax, at: UnsafeMutableRawPointer(record + 4))
            var at = 4 + FigureRecord.fixedSize
            func put<T>(_ value: T) {
                withUnsafeBytes(of: value) { _ = memcpy(record + at, $0.baseAddress!, $0.count) }
                at += MemoryLayout<T>.size
            }
            let figure = UnsafeRawPointer(f), before = previous.map(UnsafeRawPointer.init)
            for slot in 0..<columns.count {
                if let before, ByteString.sameValue(at: figure + offsets[slot], before + offsets[slot]) {
                    put(FigureRecord.sameAsBefore)
                    continue
                }
                let column = columns[slot]
                let start = starts[column], count = row.end(column) - start
                put(UInt32(count))
                ByteArena.copy(row.bytes + start, to: record + at, count: count)
                at += count
            }
            put32(UInt32(at - 4), at: record)
            return at
        }
    }

    @inline(__always)
    private static func put32(_ value: UInt32, at p: UnsafeMutablePointer<UInt8>) {
        withUnsafeBytes(of: value) { _ = memcpy(p, $0.baseAddress!, 4) }
    }
}

extension FigureRecord.Slot {
    /// The figures.csv column that holds the text.
    var column: String {
        switch self {
        case .doc: return "doc"
        case .headline: return "headline"
        case .published: return "published"
        case .source: return "source"
        case .raw: return "raw"
        case .unit: return "unit"
        case .per: return "per"
        case .metric: return "metric"
        case .metricID: return "metric_id"
        case .regionPath: return "region"
        case .regionCode: return "region_code"
        case .periodLabel: return "period_label"
        case .periodStart: return "period_start"
        case .periodEnd: return "period_end"
        case .month: return "month"
        }
    }

    /// The figure's text.
    var text: WritableKeyPath<Figure, String> {
        switch self {
        case .doc: return \.doc
        case .headline: return \.headline
        case .published: return \.published
        case .source: return \.source
        case .raw: return \.raw
        case .unit: return \.quantity.unit
        case .per: return \.quantity.per
        case .metric: return \.metric
        case .metricID: return \.metricID
        case .regionPath: return \.region.path
        case .regionCode: return \.region.code
        case .periodLabel: return \.period.label
        case .periodStart: return \.period.start
        case .periodEnd: return \.period.end
        case .month: return \.period.month
        }
    }
}
