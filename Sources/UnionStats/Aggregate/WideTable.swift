/// wide.csv for spreadsheets: one row per region × metric × unit of monthly
/// flows, one column per month (YYYY-MM) holding that month's total.
public enum WideTable {
    public static let leadColumns = ["region", "region_code", "level", "metric", "metric_id", "unit"]

    public static func write(_ rows: [MonthlyRow], path: String, encoding: CSVEncoding) throws {
        let flows = rows.filter { $0.key.kind == .flow }
        let months = Set(flows.map(\.key.month)).sorted(by: TableSort.less)
        // Rows sorted by line (region, level, metric, unit), then month: each line's
        // rows come together, earliest month first, and lines come in table order.
        let order = flows.indices.sorted { i, j in
            let a = flows[i].key, b = flows[j].key
            if let c = lineOrder(a, b) { return c }
            return TableSort.less(a.month, b.month)
        }
        let writer = try CSVWriter(path: path, header: leadColumns + months,
                                   numericColumns: Set(["region_code"] + months), encoding: encoding)
        do {
            var line: [String] = []
            var previous: MonthlyKey?
            var monthIndex = 0
            for i in order {
                let r = flows[i]
                if let p = previous, lineOrder(p, r.key) == nil {
                    // Same line: the next month column with a value.
                } else {
                    if !line.isEmpty { try writer.write(line) }
                    // The line's names come from its earliest month's row.
                    line = [r.key.region, r.regionCode, r.key.level?.rawValue ?? "", r.metric, r.metricID, r.key.unit]
                        + Array(repeating: "", count: months.count)
                    monthIndex = 0
                }
                while !ByteString.equal(months[monthIndex], r.key.month) { monthIndex += 1 }
                line[leadColumns.count + monthIndex] = r.value.plain
                previous = r.key
            }
            if !line.isEmpty { try writer.write(line) }
            try writer.close()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Order of the lines two keys belong to (region, level, metric, unit), or nil for the same line.
    private static func lineOrder(_ a: MonthlyKey, _ b: MonthlyKey) -> Bool? {
        if !ByteString.equal(a.region, b.region) { return TableSort.less(a.region, b.region) }
        let la = a.level.map { RegionLevel.allCases.firstIndex(of: $0)! } ?? -1
        let lb = b.level.map { RegionLevel.allCases.firstIndex(of: $0)! } ?? -1
        if la != lb { return la < lb }
        if !ByteString.equal(a.metric, b.metric) { return TableSort.less(a.metric, b.metric) }
        if !ByteString.equal(a.unit, b.unit) { return TableSort.less(a.unit, b.unit) }
        return nil
    }
}
