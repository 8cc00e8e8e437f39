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
        // Each line is built in one byte buffer: string concatenation with padding
        // strings was most of the report's rendering time.
        var bytes: [UInt8] = []
        return zip(rows, cellWidths).map { row, widths in
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: indent.utf8)
            for (i, cell) in row.enumerated() {
                if i > 0 { bytes.append(0x20); bytes.append(0x20) }
                let pad = max(0, w[i] - widths[i])
                if aligns[i] == .right { bytes.append(contentsOf: repeatElement(0x20, count: pad)) }
                bytes.append(contentsOf: cell.utf8)
                if aligns[i] == .left { bytes.append(contentsOf: repeatElement(0x20, count: pad)) }
            }
            while bytes.last == 0x20 { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
