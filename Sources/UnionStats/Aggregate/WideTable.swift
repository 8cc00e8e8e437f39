/// wide.csv for spreadsheets: one row per region × metric × unit of monthly
/// flows, one column per month (YYYY-MM) holding that month's total.
public enum WideTable {
    public static let leadColumns = ["region", "region_code", "level", "metric", "metric_id", "unit"]

    public static func write(_ rows: [MonthlyRow], path: String, encoding: CSVEncoding) throws {
        let flows = rows.filter { $0.key.kind == .flow }
        let months = Set(flows.map(\.key.month)).sorted(by: TableSort.less)
        struct Line { var lead: [String]; var sort: [String]; var values: [String: String] }
        var lines: [[String]: Line] = [:]
        for r in flows {
            let id = [r.key.region, r.key.level?.rawValue ?? "", r.key.metric, r.key.unit]
            // In place: copying the line out and back copied its month values each time.
            if lines[id] == nil {
                lines[id] = Line(
                    lead: [r.key.region, r.regionCode, r.key.level?.rawValue ?? "", r.metric, r.metricID, r.key.unit],
                    sort: r.sortKey.dropFirst().map { $0 }, values: [:])
            }
            lines[id]!.values[r.key.month] = r.value.plain
        }
        let writer = try CSVWriter(path: path, header: leadColumns + months,
                                   numericColumns: Set(["region_code"] + months), encoding: encoding)
        do {
            for line in lines.values.sorted(by: { TableSort.less($0.sort, $1.sort) }) {
                try writer.write(line.lead + months.map { line.values[$0] ?? "" })
            }
            try writer.close()
        } catch {
            writer.abandon()
            throw error
        }
    }
}
