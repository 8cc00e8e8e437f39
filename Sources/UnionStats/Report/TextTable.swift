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
        // Each cell's width is measured once, for the column widths and the padding.
        let cellWidths = rows.map { row in row.map { DisplayWidth.of($0) } }
        let w: [Int]
        if let given {
            w = given
        } else {
            var m = [Int](repeating: 0, count: aligns.count)
            for row in cellWidths { for (i, cw) in row.enumerated() { m[i] = max(m[i], cw) } }
            w = m
        }
        return zip(rows, cellWidths).map { row, widths in
            var line = indent
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                let pad = String(repeating: " ", count: max(0, w[i] - widths[i]))
                line += aligns[i] == .right ? pad + cell : cell + pad
            }
            return TextBarChart.trimTrailing(line)
        }
    }
}
