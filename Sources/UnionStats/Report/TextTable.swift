/// Columns of text lined up by display width (CJK = 2 columns), numbers
/// right-aligned, two spaces between columns, no trailing spaces.
public struct TextTable {
    public enum Align: Sendable { case left, right }

    public var aligns: [Align]
    public var rows: [[String]] = []

    public init(_ aligns: [Align]) { self.aligns = aligns }

    public mutating func add(_ cells: [String]) {
        precondition(cells.count == aligns.count, "row has \(cells.count) cells, table has \(aligns.count) columns")
        rows.append(cells)
    }

    public func widths() -> [Int] {
        var w = [Int](repeating: 0, count: aligns.count)
        for row in rows {
            for (i, cell) in row.enumerated() { w[i] = max(w[i], DisplayWidth.of(cell)) }
        }
        return w
    }

    /// The lines; `widths` lets several tables share one layout.
    public func render(indent: String = "  ", widths given: [Int]? = nil) -> [String] {
        let w = given ?? widths()
        return rows.map { row in
            var line = indent
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                line += aligns[i] == .right ? DisplayWidth.padLeft(cell, to: w[i]) : DisplayWidth.padRight(cell, to: w[i])
            }
            return TextBarChart.trimTrailing(line)
        }
    }
}
