/// Columns of text lined up by display width (CJK = 2 columns), numbers
/// right-aligned, two spaces between columns, no trailing spaces.
///
/// Cells are written as UTF-8 straight into one byte buffer (`bytes`, closed
/// by `endCell`) and measured there once: a `String` per cell and per line was
/// most of the report's rendering time.
///
/// Not copyable: its bytes are an arena (a class), so a copy would share them
/// with the original while keeping its own cell list; the compiler holds a
/// table to one owner instead of a comment.
public struct TextTable: ~Copyable {
    public enum Align: Sendable { case left, right }

    public let aligns: [Align]
    /// Every written cell's bytes, one after another; the open cell runs from `openStart` to the end.
    /// An arena (appended to by memcpy): a table is written a text at a time, and an array's
    /// `append(contentsOf:)` cost over a hundred instructions a text.
    var bytes = ByteArena(capacity: 1 << 12)
    /// Cell `k` is `bytes[cells[k].start..<cells[k].end]`, `cells[k].width` columns wide. A repeated
    /// cell (`repeatCell`) points at an earlier cell's bytes. One list: three cost three appends a cell.
    private var cells: [Cell] = []
    private var openStart = 0

    private struct Cell {
        var start: Int
        var end: Int
        var width: Int
    }

    public init(_ aligns: [Align]) { self.aligns = aligns }

    /// Room for `rows` more rows of cells: a long figure list grew its list of cells by
    /// doubling, copying it each time.
    public mutating func reserveCapacity(rows: Int) {
        cells.reserveCapacity(cells.count + rows * aligns.count)
    }

    public var rowCount: Int { cells.count / aligns.count }

    /// How many cells are closed: the number the next cell gets.
    public var cellCount: Int { cells.count }

    /// Appends `s` to the open cell.
    public mutating func append(_ s: String) { bytes.appendText(s) }

    /// Closes the open cell and measures it.
    public mutating func endCell() {
        let start = openStart
        let width = bytes.withBytes { DisplayWidth.of(utf8: UnsafeBufferPointer(rebasing: $0[start...])) }
        cells.append(Cell(start: start, end: bytes.count, width: width))
        openStart = bytes.count
    }

    /// Closes a cell that is cell `k` again (same text, same width), with nothing written
    /// into the open cell: a figure list repeats a page's source and a region's name row
    /// after row, and writing and measuring them again was most of the list's cost.
    public mutating func repeatCell(_ k: Int) {
        precondition(bytes.count == openStart, "repeatCell with text in the open cell")
        cells.append(cells[k])
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
        precondition(cells.count % aligns.count == 0, "the last row is not complete")
        var w = [Int](repeating: 0, count: aligns.count)
        for (i, cell) in cells.enumerated() { w[i % aligns.count] = max(w[i % aligns.count], cell.width) }
        return w
    }

    /// Writes row `row`, indented and padded to `widths`, and a newline.
    public func render(row: Int, widths w: [Int], indent: String = "  ", into out: inout [UInt8]) {
        render(rows: row..<(row + 1), widths: w, indent: indent, into: &out)
    }

    /// Writes every row, each ending in a newline.
    public func render(indent: String = "  ", into out: inout [UInt8]) {
        render(rows: 0..<rowCount, widths: widths(), indent: indent, into: &out)
    }

    /// Writes `rows`, padded to `widths`, into room made once: a month's list of figures is
    /// megabytes, and appending cell by cell (and growing the buffer by doubling, which held
    /// the old and the new copy together) cost more than the text.
    func render(rows: Range<Int>, widths w: [Int], indent: String, into out: inout [UInt8]) {
        let columns = aligns.count
        let indentBytes = Array(indent.utf8)
        // The room: every cell's bytes and padding, separators, indent and newline.
        var room = 0
        for row in rows {
            room += indentBytes.count + 2 * (columns - 1) + 1
            for i in 0..<columns {
                let k = row * columns + i
                room += (cells[k].end - cells[k].start) + max(0, w[i] - cells[k].width)
            }
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0x20, count: room))   // spaces: the padding is already there
        var at = start
        out.withUnsafeMutableBufferPointer { o in
            bytes.withBytes { text in
                for row in rows {
                    // The end of the line's last byte that is not a space: the line is cut there.
                    var lastText = at
                    for b in indentBytes {
                        o[at] = b
                        at += 1
                        if b != 0x20 { lastText = at }
                    }
                    for i in 0..<columns {
                        let k = row * columns + i
                        if i > 0 { at += 2 }
                        let pad = max(0, w[i] - cells[k].width)
                        if aligns[i] == .right { at += pad }
                        let from = cells[k].start, n = cells[k].end - from
                        if n > 0 {
                            o.baseAddress!.advanced(by: at).update(from: text.baseAddress!.advanced(by: from), count: n)
                            var last = n
                            while last > 0 && text[from + last - 1] == 0x20 { last -= 1 }
                            if last > 0 { lastText = at + last }
                            at += n
                        }
                        if aligns[i] == .left { at += pad }
                    }
                    at = lastText
                    o[at] = 0x0A
                    at += 1
                }
            }
        }
        out.removeSubrange(at..<out.count)
    }
}
