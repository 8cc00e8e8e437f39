/// Options shared by the stages that write spreadsheet tables.
public struct TableOptions: Sendable {
    public var encoding: CSVEncoding
    public init(encoding: CSVEncoding = .utf8BOM) { self.encoding = encoding }
}

/// Builds `output/tables/*.csv` from `output/figures.csv` in one streaming pass:
///
/// | table | rows |
/// |---|---|
/// | monthly.csv | month × region × metric × unit: flows summed, levels latest, with rollups |
/// | wide.csv | region × metric × unit of flows, a column per month |
/// | rates.csv | every rate or per-unit amount that has a month, one row each |
/// | cumulative.csv | every figure with a period but no single month (三年来, 截至目前, 2019年) |
/// | undated.csv | every figure with neither a month nor a period |
///
/// figures.csv may be UTF-8 or GB18030 (see `FiguresInput`).
/// Per-figure tables are written as figures.csv is read (its order: doc, then
/// line), so only the monthly totals are held in memory.
public enum AggregateStage {
    public static let tableNames = ["monthly.csv", "wide.csv", "rates.csv", "cumulative.csv", "undated.csv"]

    public static func run(figuresPath: String, tablesDir: String, options: TableOptions) throws {
        try MonthlyOutputs.make(from: figuresPath, tablesDir: tablesDir, reportsDir: nil, encoding: options.encoding)
    }
}
