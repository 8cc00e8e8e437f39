/// Options shared by the stages that write spreadsheet tables.
public struct TableOptions: Sendable {
    public var encoding: CSVEncoding
    public init(encoding: CSVEncoding = .utf8BOM) { self.encoding = encoding }
}

/// Builds `output/tables/*.csv` from `output/figures.csv` (STUB: owned by the aggregate work).
public enum AggregateStage {
    public static func run(figuresPath: String, tablesDir: String, options: TableOptions) throws {}
}
