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
        var scalars = 0
        for (i, b) in utf8.enumerated() where b & 0xC0 != 0x80 {
            if scalars == partitionLength { return i }
            scalars += 1
        }
        return utf8.count
    }

    /// The level whose name is `bytes` (what `RegionLevel(rawValue:)` of their text gives), without the text.
    static func level(_ bytes: UnsafeRawBufferPointer) -> RegionLevel? {
        for level in RegionLevel.allCases where ByteString.withUTF8(level.rawValue, { ByteString.equal($0, bytes) }) { return level }
        return nil
    }

    private struct Line {
        var lead: [String]
        /// (month column, value), months in order: most lines have a few of many months.
        var values: [(column: Int, text: String)] = []
        var region: String, level: Int, metric: String, unit: String

        /// Sets the value of month column `m`, keeping the columns ascending (records come
        /// month by month, so this is mostly an append).
        mutating func set(_ m: Int, _ value: String) {
            // The last column read in place: `values.last` was a copy of its text (a retain and a release).
            if !values.isEmpty && values[values.count - 1].column >= m {
                let i = values.firstIndex { $0.column >= m }!
                if values[i].column == m { values[i].text = value } else { values.insert((m, value), at: i) }
            } else {
                values.append((m, value))
            }
        }

        /// Table order: region, level (none first), metric key, unit; text in byte order.
        static func less(_ a: Line, _ b: Line) -> Bool {
            if !ByteString.equal(a.region, b.region) { return TableSort.less(a.region, b.region) }
            if a.level != b.level { return a.level < b.level }
            if !ByteString.equal(a.metric, b.metric) { return TableSort.less(a.metric, b.metric) }
            return TableSort.less(a.unit, b.unit)
        }
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
            // A partition's lines are put together on one core while the one before is written.
            let partitions = spill.partitions.sorted(by: TableSort.less), spill = self.spill, index = monthIndex
            try spill.seal()
            try orderedParallel(count: partitions.count, workers: 2, window: 2, work: { i in
                Result { () -> [Line] in
                    var lines = LineBuilder(monthIndex: index, source: spill.directory)
                    try spill.readBytes(partitions[i]) { try lines.add(records: $0) }
                    return lines.sorted()
                }
            }, consume: { _, lines in
                for line in try lines.get() { try writer.write(line.lead, cells: months.count, sparse: line.values) }
            })
        } catch {
            writer.abandon()
            throw error
        }
        spill.remove()
        return writer
    }

    /// A partition's lines from its records (region, code, level, metric key, metric, metric
    /// id, unit, value, month), read in place; records come month by month, so a line's
    /// names are those of its earliest month's row.
    private struct LineBuilder {
        let monthIndex: [String: Int]
        let source: String
        var lines: [Line] = []
        /// Each line's identity: region, level, metric key and unit, as bytes.
        var numbers = ByteKeyTable()
        /// Each line's place in table order as bytes (`Line.less`), numbered as the lines are.
        var sortKeys = ByteSortKeys(count: 0, bytesPerKey: 0)
        let key = ByteKey.Builder()
        var month: (bytes: [UInt8], index: Int?)? = nil
        var fields = [Range<Int>](repeating: 0..<0, count: 9)

        init(monthIndex: [String: Int], source: String) {
            self.monthIndex = monthIndex
            self.source = source
        }

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
            func text(_ i: Int) -> String { String(decoding: raw(i), as: UTF8.self) }
            key.clear()
            key.add(bytes: raw(0)); key.add(bytes: raw(2)); key.add(bytes: raw(3)); key.add(bytes: raw(6))
            let (n, isNew) = numbers.number(of: key)
            if isNew {
                // Each text made once (the region and unit are also lead cells); a level's text is its case's.
                let level = WideTable.level(raw(2))
                let region = text(0), unit = text(6)
                lines.append(Line(lead: [region, text(1), level?.rawValue ?? text(2), text(4), text(5), unit],
                                  region: region, level: level?.rank ?? -1, metric: text(3), unit: unit))
                // Region, level (none first), metric key and unit.
                sortKeys.add(text: raw(0))
                sortKeys.add(code: UInt8(truncatingIfNeeded: (level?.rank ?? -1) + 2))
                sortKeys.add(text: raw(3))
                sortKeys.add(text: raw(6))
                sortKeys.endKey()
            }
            // Records come month by month: the month's column is looked up when the month changes.
            let m = raw(8)
            if month == nil || !month!.bytes.withUnsafeBytes({ ByteString.equal($0, m) }) { month = (Array(m), monthIndex[text(8)]) }
            if let column = month!.index { lines[n].set(column, text(7)) }
        }

        /// The lines in table order (`Line.less`): by their sort bytes, one memcmp a comparison.
        func sorted() -> [Line] {
            let order = sortKeys.laidOut ? sortKeys.order() : lines.indices.sorted { Line.less(lines[$0], lines[$1]) }
            return order.map { lines[$0] }
        }
    }
}
