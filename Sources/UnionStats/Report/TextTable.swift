/// Columns of text lined up by display width (CJK = 2 columns), numbers
/// right-aligned, two spaces between columns, no trailing spaces.
///
/// Cells are written as UTF-8 straight into one byte buffer (`bytes`, closed
/// by `endCell`) and measured there once: a `String` per cell and per line was
/// most of the report's rendering time.
public struct TextTable {
    public enum Align: Sendable { case left, right }

    public let aligns: [Align]
    /// Every cell's bytes, one after another; the open cell runs from the last end to the end.
    public var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var cellWidths: [Int] = []

    public init(_ aligns: [Align]) { self.aligns = aligns }

    public var rowCount: Int { ends.count / aligns.count }

    /// Appends `s` to the open cell.
    public mutating func append(_ s: String) { bytes.appendUTF8(s) }

    /// Closes the open cell and measures it.
    public mutating func endCell() {
        let start = ends.last ?? 0
        let width = bytes.withUnsafeBufferPointer { DisplayWidth.of(utf8: UnsafeBufferPointer(rebasing: $0[start...])) }
        ends.append(bytes.count)
        cellWidths.append(width)
    }

    public mutating func cell(_ s: String) {
        append(s)
        endCell()
    }

    public mutating func add(_ cells: [String]) {
        precondition(cells.count == aligns.count, "row has \(cells.count) cells, table has \(aligns.count) columns")
        for c in cells { cell(c) }
    }

    public func widths() -> [Int] {
        precondition(ends.count % aligns.count == 0, "the last row is not complete")
        var w = [Int](repeating: 0, count: aligns.count)
        for (i, cw) in cellWidths.enumerated() { w[i % aligns.count] = max(w[i % aligns.count], cw) }
        return w
    }

    /// Writes row `row`, indented and padded to `widths`, and a newline.
    public func render(row: Int, widths w: [Int], indent: String = "  ", into out: inout [UInt8]) {
        let lineStart = out.count
        out.appendUTF8(indent)
        let first = row * aligns.count
        for i in 0..<aligns.count {
            if i > 0 { out.append(0x20); out.append(0x20) }
            let pad = max(0, w[i] - cellWidths[first + i])
            if aligns[i] == .right { out.appendSpaces(pad) }
            out.append(contentsOf: bytes[(first + i == 0 ? 0 : ends[first + i - 1])..<ends[first + i]])
            if aligns[i] == .left { out.appendSpaces(pad) }
        }
        while out.count > lineStart && out.last == 0x20 { out.removeLast() }
        out.append(0x0A)
    }

    /// Writes every row, each ending in a newline.
    public func render(indent: String = "  ", into out: inout [UInt8]) {
        let w = widths()
        // Room for all of it at once: a month's list of figures is megabytes, and growing
        // the buffer by doubling held the old and the new copy together.
        var padding = 0
        for (i, cw) in cellWidths.enumerated() { padding += w[i % aligns.count] - cw }
        let perRow = indent.utf8.count + 2 * (aligns.count - 1) + 1
        out.reserveCapacity(out.count + bytes.count + padding + rowCount * perRow)
        for row in 0..<rowCount { render(row: row, widths: w, indent: indent, into: &out) }
    }
}
