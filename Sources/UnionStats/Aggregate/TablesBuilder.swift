/// Builds `output/tables/*.csv` from figures handed over one at a time, in
/// figures.csv's order (doc, then line): from figures.csv (`AggregateStage`)
/// or straight from the normalize stage (`unionstats run`), with the same bytes.
///
/// Memory does not grow with the corpus: per-figure tables (rates, cumulative,
/// undated) are written as figures arrive; figures for monthly.csv wait in
/// scratch files by month (`PartitionSpill`) and are folded one month at a
/// time, which is also the table's order (month first).
public final class TablesBuilder {
    private let tablesDir: String
    private let options: TableOptions
    private let lists: [FigureRoute: CSVWriter]
    private let byMonth: PartitionSpill

    public init(tablesDir: String, options: TableOptions) throws {
        self.tablesDir = tablesDir
        self.options = options
        func open(_ name: String) throws -> CSVWriter {
            try CSVWriter(path: FilePaths.join(tablesDir, name), header: FigureListTable.columns,
                          numericColumns: FigureListTable.numericColumns, encoding: options.encoding)
        }
        lists = [.rate: try open("rates.csv"), .cumulative: try open("cumulative.csv"), .undated: try open("undated.csv")]
        byMonth = try PartitionSpill(parent: tablesDir, name: "months")
    }

    deinit { byMonth.remove() }

    public func add(_ figure: Figure) throws {
        let route = FigureRoute.of(figure)
        if route == .monthly {
            try byMonth.add(figure, route: route, to: figure.period.month)
        } else if let writer = lists[route] {
            try writer.writeRow { FigureListTable.forEachField(of: figure, &$0) }
        }
    }

    /// Writes monthly.csv and wide.csv and puts every table in place.
    public func finish() throws {
        let monthly = try CSVWriter(path: FilePaths.join(tablesDir, "monthly.csv"), header: MonthlyRow.columns,
                                    numericColumns: MonthlyRow.numericColumns, encoding: options.encoding)
        let wide = try WideTable(scratchDir: tablesDir)
        do {
            var lastCount = 0
            for month in byMonth.partitions.sorted(by: TableSort.less) {
                var aggregator = Aggregator(rollup: true, cells: lastCount)
                try byMonth.takeFigures(month) { route, f in if route == .monthly { aggregator.add(f) } }
                let rows = aggregator.rows()
                lastCount = rows.count
                for row in rows { try monthly.write(row.fields) }
                try wide.add(month: month, rows)
            }
            try monthly.close()
        } catch {
            monthly.abandon()
            throw error
        }
        try wide.write(path: FilePaths.join(tablesDir, "wide.csv"), encoding: options.encoding)
        for writer in lists.values { try writer.close() }
        byMonth.remove()
    }

    /// Drops what was written; the previous tables stay as they were.
    public func abandon() {
        for writer in lists.values { writer.abandon() }
        byMonth.remove()
    }
}
