/// Builds `output/tables/*.csv` from figures handed over one at a time, in
/// figures.csv's order (doc, then line): from figures.csv (`AggregateStage`)
/// or straight from the normalize stage (`unionstats run`), with the same bytes.
///
/// Per-figure tables (rates, cumulative, undated) are written as figures
/// arrive, so only the monthly totals are held in memory.
public final class TablesBuilder {
    private let tablesDir: String
    private let options: TableOptions
    private let lists: [FigureRoute: CSVWriter]
    private var aggregator = Aggregator(rollup: true)

    public init(tablesDir: String, options: TableOptions) throws {
        self.tablesDir = tablesDir
        self.options = options
        func open(_ name: String) throws -> CSVWriter {
            try CSVWriter(path: FilePaths.join(tablesDir, name), header: FigureListTable.columns,
                          numericColumns: FigureListTable.numericColumns, encoding: options.encoding)
        }
        lists = [.rate: try open("rates.csv"), .cumulative: try open("cumulative.csv"), .undated: try open("undated.csv")]
    }

    public func add(_ figure: Figure) throws {
        let route = aggregator.add(figure)
        if let writer = lists[route] {
            try writer.write(FigureListTable.fields(figure))
        }
    }

    /// Writes monthly.csv and wide.csv and puts every table in place.
    public func finish() throws {
        let rows = aggregator.rows()
        let monthly = try CSVWriter(path: FilePaths.join(tablesDir, "monthly.csv"), header: MonthlyRow.columns,
                                    numericColumns: MonthlyRow.numericColumns, encoding: options.encoding)
        do {
            for row in rows { try monthly.write(row.fields) }
            try monthly.close()
        } catch {
            monthly.abandon()
            throw error
        }
        try WideTable.write(rows, path: FilePaths.join(tablesDir, "wide.csv"), encoding: options.encoding)
        for writer in lists.values { try writer.close() }
    }

    /// Drops what was written; the previous tables stay as they were.
    public func abandon() {
        for writer in lists.values { writer.abandon() }
    }
}
