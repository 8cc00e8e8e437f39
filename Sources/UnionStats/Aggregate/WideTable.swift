#if canImport(Glibc)
import Glibc
#endif

/// wide.csv for spreadsheets: one row per region × metric × unit of monthly
/// flows, one column per month (YYYY-MM) holding that month's total.
///
/// Built month by month (`add`), the rows wait in scratch files by the start of
/// their region path (about a province and a city, `partition`), then each
/// partition's lines are put together and written in turn: memory holds a few
/// partitions' lines, not the table.
final class WideTable {
    static let leadColumns = ["region", "region_code", "level", "metric", "metric_id", "unit"]

    private let spill: PartitionSpill
    /// Months with flows, in the order added (the caller goes month by month).
    private(set) var months: [String] = []

    init(scratchDir: String) throws {
        spill = try PartitionSpill(parent: scratchDir, name: "wide")
    }

    deinit { spill.remove() }

    /// One month's rows (all of the month's rows at once; months in order).
    func add(month: String, _ rows: [MonthlyRow]) throws {
        try add(month: month, encoded: WideTable.records(month: month, rows))
    }

    /// The records one month's rows add (only flows go in wide.csv), in the scratch
    /// format: the aggregate cache keeps them per month (`IncrementalAggregate`).
    static func records(month: String, _ rows: [MonthlyRow]) -> [UInt8] {
        let out = ByteArena(capacity: rows.count * 96)
        var sink = out
        for r in rows where r.key.kind == .flow {
            // `PartitionSpill.encode` of the fields, written one by one (no array of them per row).
            PartitionSpill.append(r.key.region, to: &sink)
            PartitionSpill.append(r.regionCode, to: &sink)
            PartitionSpill.append(r.key.level?.rawValue ?? "", to: &sink)
            PartitionSpill.append(r.key.metric, to: &sink)
            PartitionSpill.append(r.metric, to: &sink)
            PartitionSpill.append(r.metricID, to: &sink)
            PartitionSpill.append(r.key.unit, to: &sink)
            if DecimalText.withFastPlain(r.value, { PartitionSpill.appendField(UnsafeRawBufferPointer($0), to: &sink) }) == nil {
                PartitionSpill.append(r.value.plain, to: &sink)
            }
            PartitionSpill.append(month, to: &sink)
            out.append(0x1E)
        }
        return out.array
    }

    /// One month's records as `records` gives them.
    func add(month: String, encoded bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            var start = 0
            // The partition of the record before (where its bytes start, and its name): a month's rows
            // come in region order, so most records have the partition of the one before, and a
            // String made (and hashed by the spill) per record was most of the cost of adding it.
            var last: (start: Int, count: Int, name: String)? = nil
            while start < b.count, let endPointer = memchr(base + start, 0x1E, b.count - start) {
                let end = UnsafePointer<UInt8>(endPointer.assumingMemoryBound(to: UInt8.self)) - base
                // The region is the first field.
                let regionEnd = memchr(base + start, 0x1F, end - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
                let cut = WideTable.partitionCount(UnsafeBufferPointer(rebasing: b[start..<regionEnd]))
                let partition: String
                if let last, last.count == cut, memcmp(base + last.start, base + start, cut) == 0 {
                    partition = last.name
                } else {
                    partition = String(decoding: UnsafeBufferPointer(start: base + start, count: cut), as: UTF8.self)
                    last = (start, cut, partition)
                }
                try spill.add(encoded: UnsafeBufferPointer(rebasing: b[start...end]), to: partition)
                start = end + 1
            }
        }
        if !bytes.isEmpty { months.append(month) }
    }

    /// The partitions that hold records (for tests).
    var partitions: [String] { spill.partitions }

    /// A region's first `partitionLength` characters name its partition: about a province
    /// and a city. Cutting every path at the same length keeps byte order (if a < b then
    /// a's cut <= b's cut), so the partitions, sorted, give the table's order; cutting at
    /// the first "/" did not when a name holds a character below "/" (四川省-X before
    /// 四川省/…), and a province's lines were too many to hold at once (38,000 in a 1 GB corpus).
    static let partitionLength = 8

    static func partition(_ region: String) -> String {
        var copy = region
        return copy.withUTF8 { partition($0) }
    }

    /// `partition` of a region's UTF-8 bytes (well-formed: written from a String): the bytes
    /// up to its `partitionLength + 1`th scalar, whose first byte is the one not continuing another.
    static func partition(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: utf8[..<partitionCount(utf8)]), as: UTF8.self)
    }

    /// How many of the region's bytes `partition` keeps.
    static func partitionCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        UTF8Coding.byteOffset(ofScalar: partitionLength, in: utf8)
    }

    /// The level whose name is `bytes` (what `RegionLevel(rawValue:)` of their text gives), without the text.
    static func level(_ bytes: UnsafeRawBufferPointer) -> RegionLevel? {
        for level in RegionLevel.allCases where ByteString.withUTF8(level.rawValue, { ByteString.equal($0, bytes) }) { return level }
        return nil
    }

    func write(path: String, encoding: CSVEncoding) throws {
        try writeUncommitted(path: path, encoding: encoding).close()
    }

    /// Writes the table to its temporary file; the caller puts it in place (`close`) or drops it.
    func writeUncommitted(path: String, encoding: CSVEncoding) throws -> CSVWriter {
        let writer = try CSVWriter(path: path, header: WideTable.leadColumns + months,
                                   numericColumns: Set(["region_code"] + months), encoding: encoding)
        do {
            var monthIndex: [String: Int] = [:]
            for (i, m) in months.enumerated() { monthIndex[m] = i }
            let numeric = writer.numeric
            // A partition's rows are put together and encoded on one core while the one before is written.
            let partitions = spill.partitions.sorted(by: TableSort.less), spill = self.spill, index = monthIndex
            try spill.seal()
            try orderedParallel(count: partitions.count, workers: 2, window: 2, work: { i in
                Result { () -> [UInt8] in
                    var lines = LineBuilder(monthIndex: index, source: spill.directory)
                    try spill.readBytes(partitions[i]) { try lines.add(records: $0) }
                    return lines.encodedRows(numeric: numeric, encoding: encoding)
                }
            }, consume: { _, rows in try writer.writeEncoded(rows.get()) })
        } catch {
            writer.abandon()
            throw error
        }
        spill.remove()
        return writer
    }

    /// A partition's lines from its records (region, code, level, metric key, metric, metric
    /// id, unit, value, month), read in place; records come month by month, so a line's
    /// names are those of its earliest month's row. Kept as the records' bytes and encoded
    /// as CSV from them (`encodedRows`): a String per cell, and a line of them to free, were
    /// most of the table's cost.
    private struct LineBuilder {
        /// The record fields a line keeps, in this order: its lead cells (region, code, level,
        /// metric, metric id, unit), then its metric key (for the order).
        static let kept = [0, 1, 2, 4, 5, 6, 3]
        static let leadCount = 6

        let monthIndex: [String: Int]
        let source: String
        /// Line `n`'s kept field `k` is `texts[textEnds[7n + k]..<textEnds[7n + k + 1]]`.
        let texts = ByteArena()
        var textEnds: [Int] = [0]
        /// Each line's level rank (-1: none), for the order when `sortKeys` cannot give it.
        var levels: [Int] = []
        /// Each value read, in the order read: its line, month column, and bytes (`values`, up to `end`).
        let values = ByteArena()
        var cells: [(line: Int, column: Int, end: Int)] = []
        /// Each line's identity: region, level, metric key and unit, as bytes.
        var numbers = ByteKeyTable()
        /// Each line's place in table order as bytes (region, level, metric key, unit), numbered as the lines are.
        var sortKeys = ByteSortKeys(count: 0, bytesPerKey: 0)
        let key = ByteKey.Builder()
        var month: (bytes: [UInt8], index: Int?)? = nil
        var fields = [Range<Int>](repeating: 0..<0, count: 9)

        init(monthIndex: [String: Int], source: String) {
            self.monthIndex = monthIndex
            self.source = source
        }

        var lineCount: Int { levels.count }

        mutating func add(records b: UnsafeRawBufferPointer) throws {
            guard let base = b.baseAddress else { return }
            var start = 0
            while start < b.count {
                guard let endPointer = memchr(base + start, 0x1E, b.count - start) else { throw damaged }
                let end = base.distance(to: UnsafeRawPointer(endPointer))
                var k = 0, from = start
                while k < 9, from <= end, let sep = memchr(base + from, 0x1F, end - from) {
                    let at = base.distance(to: UnsafeRawPointer(sep))
                    fields[k] = from..<at
                    k += 1
                    from = at + 1
                }
                guard k == 9, from == end else { throw damaged }
                add(b)
                start = end + 1
            }
        }

        private var damaged: CSVError { CSVError.malformed(path: source, row: 0, reason: "a scratch record cannot be read back") }

        private mutating func add(_ b: UnsafeRawBufferPointer) {
            let f = fields
            func raw(_ i: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: b[f[i]]) }
            key.clear()
            key.add(bytes: raw(0)); key.add(bytes: raw(2)); key.add(bytes: raw(3)); key.add(bytes: raw(6))
            let (n, isNew) = numbers.number(of: key)
            if isNew {
                // A level's cell is its name's bytes whether or not it names a level.
                for i in LineBuilder.kept {
                    texts.append(raw: raw(i))
                    textEnds.append(texts.count)
                }
                let rank = WideTable.level(raw(2))?.rank ?? -1
                levels.append(rank)
                // Region, level (none first), metric key and unit.
                sortKeys.add(text: raw(0))
                sortKeys.add(code: UInt8(truncatingIfNeeded: rank + 2))
                sortKeys.add(text: raw(3))
                sortKeys.add(text: raw(6))
                sortKeys.endKey()
            }
            // Records come month by month: the month's column is looked up when the month changes.
            let m = raw(8)
            if month == nil || !month!.bytes.withUnsafeBytes({ ByteString.equal($0, m) }) {
                month = (Array(m), monthIndex[String(decoding: m, as: UTF8.self)])
            }
            if let column = month!.index {
                values.append(raw: raw(7))
                cells.append((n, column, values.count))
            }
        }

        /// Kept field `k` of line `n`.
        private func text(_ n: Int, _ k: Int, in all: UnsafeBufferPointer<UInt8>) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[textEnds[7 * n + k]..<textEnds[7 * n + k + 1]]))
        }

        /// The lines in table order: by their sort bytes, one memcmp a comparison; field by field
        /// (region, level, metric key, unit; text in byte order) when a text holds a 0x00 byte.
        private func order(_ all: UnsafeBufferPointer<UInt8>) -> [Int] {
            guard !sortKeys.laidOut else { return sortKeys.order() }
            return (0..<lineCount).sorted { a, b in
                let region = (text(a, 0, in: all), text(b, 0, in: all)), metric = (text(a, 6, in: all), text(b, 6, in: all))
                if !ByteString.equal(region.0, region.1) { return region.0.lexicographicallyPrecedes(region.1) }
                if levels[a] != levels[b] { return levels[a] < levels[b] }
                if !ByteString.equal(metric.0, metric.1) { return metric.0.lexicographicallyPrecedes(metric.1) }
                return text(a, 5, in: all).lexicographicallyPrecedes(text(b, 5, in: all))
            }
        }

        /// Each line's values as (column, value bytes), columns ascending, the last value read for a
        /// column kept: values are read month by month, so a line's are mostly in order already.
        private func valuesByLine() -> [[(column: Int, bytes: Range<Int>)]] {
            var byLine = [[(column: Int, bytes: Range<Int>)]](repeating: [], count: lineCount)
            var start = 0
            for cell in cells {
                let value = (cell.column, start..<cell.end)
                start = cell.end
                if let last = byLine[cell.line].last, last.column >= cell.column {
                    let i = byLine[cell.line].firstIndex { $0.column >= cell.column }!
                    if byLine[cell.line][i].column == cell.column { byLine[cell.line][i] = value } else { byLine[cell.line].insert(value, at: i) }
                } else {
                    byLine[cell.line].append(value)
                }
            }
            return byLine
        }

        /// The lines as wide.csv rows, in table order (`CSVWriter.writeEncoded`'s bytes).
        func encodedRows(numeric: [Bool], encoding: CSVEncoding) -> [UInt8] {
            let out = ByteArena(capacity: texts.count + values.count + lineCount * numeric.count)
            let cellCount = numeric.count - LineBuilder.leadCount
            let byLine = valuesByLine()
            texts.withBytes { all in
                values.withBytes { valueBytes in
                    for n in order(all) {
                        var row = CSVRowEncoder(numeric: numeric, encoding: encoding, into: out)
                        for k in 0..<LineBuilder.leadCount { row.field(utf8: text(n, k, in: all)) }
                        row.sparse(cells: cellCount, byLine[n], column: { $0.column }) {
                            $0.field(utf8: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: valueBytes[$1.bytes])))
                        }
                        row.end()
                    }
                }
            }
            return out.array
        }
    }
}
