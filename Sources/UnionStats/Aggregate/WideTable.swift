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
        var bytes: [UInt8] = []
        for r in rows where r.key.kind == .flow {
            PartitionSpill.encode([r.key.region, r.regionCode, r.key.level?.rawValue ?? "", r.key.metric, r.metric, r.metricID,
                                   r.key.unit, r.value.plain, month], into: &bytes)
        }
        return bytes
    }

    /// One month's records as `records` gives them.
    func add(month: String, encoded bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            var start = 0
            while start < b.count, let endPointer = memchr(base + start, 0x1E, b.count - start) {
                let end = UnsafePointer<UInt8>(endPointer.assumingMemoryBound(to: UInt8.self)) - base
                // The region is the first field.
                let regionEnd = memchr(base + start, 0x1F, end - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
                let partition = WideTable.partition(UnsafeBufferPointer(rebasing: b[start..<regionEnd]))
                try spill.add(encoded: UnsafeBufferPointer(rebasing: b[start...end]), to: partition)
                start = end + 1
            }
        }
        if !bytes.isEmpty { months.append(month) }
    }

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
        var scalars = 0
        for (i, b) in utf8.enumerated() where b & 0xC0 != 0x80 {
            if scalars == partitionLength { return String(decoding: UnsafeBufferPointer(rebasing: utf8[..<i]), as: UTF8.self) }
            scalars += 1
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private struct Line {
        var lead: [String]
        /// (month column, value), months in order: most lines have a few of many months.
        var values: [(column: Int, text: String)] = []
        var region: String, level: Int, metric: String, unit: String

        /// Sets the value of month column `m`, keeping the columns ascending (records come
        /// month by month, so this is mostly an append).
        mutating func set(_ m: Int, _ value: String) {
            if let last = values.last, last.column >= m {
                let i = values.firstIndex { $0.column >= m }!
                if values[i].column == m { values[i].text = value } else { values.insert((m, value), at: i) }
            } else {
                values.append((m, value))
            }
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
                Result { WideTable.lines(of: try spill.read(partitions[i]), monthIndex: index) }
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

    /// A partition's lines in table order (region, level, metric, unit); records come month by month,
    /// so a line's names are those of its earliest month's row.
    private static func lines(of records: [[String]], monthIndex: [String: Int]) -> [Line] {
        var lines: [Line] = []
        // Keys and months by their bytes (`ByteString`), as the monthly rows were made.
        var index: [LineKey: Int] = [:]
        var month: (text: String, index: Int?)? = nil
        // A record: region, code, level, metric key, metric, metric id, unit, value, month.
        for r in records {
            let id = LineKey(region: r[0], level: r[2], metric: r[3], unit: r[6])
            let i: Int
            if let known = index[id] {
                i = known
            } else {
                i = lines.count
                index[id] = i
                let level = RegionLevel(rawValue: r[2])?.rank ?? -1
                lines.append(Line(lead: [r[0], r[1], r[2], r[4], r[5], r[6]], region: r[0], level: level, metric: r[3], unit: r[6]))
            }
            // Records come month by month: the month's column is looked up when the month changes.
            if month == nil || !ByteString.equal(month!.text, r[8]) { month = (r[8], monthIndex[r[8]]) }
            if let m = month!.index { lines[i].set(m, r[7]) }
        }
        return lines.sorted { a, b in
            if !ByteString.equal(a.region, b.region) { return TableSort.less(a.region, b.region) }
            if a.level != b.level { return a.level < b.level }
            if !ByteString.equal(a.metric, b.metric) { return TableSort.less(a.metric, b.metric) }
            return TableSort.less(a.unit, b.unit)
        }
    }
}

/// A wide.csv line's identity: region, level, metric key and unit, compared and hashed by bytes.
private struct LineKey: Hashable {
    var region: String
    var level: String
    var metric: String
    var unit: String

    static func == (a: LineKey, b: LineKey) -> Bool {
        ByteString.equal(a.region, b.region) && ByteString.equal(a.level, b.level)
            && ByteString.equal(a.metric, b.metric) && ByteString.equal(a.unit, b.unit)
    }

    func hash(into hasher: inout Hasher) {
        ByteString.hash(region, into: &hasher)
        ByteString.hash(level, into: &hasher)
        ByteString.hash(metric, into: &hasher)
        ByteString.hash(unit, into: &hasher)
    }
}
