import XCTest
@testable import UnionStats

/// A table written into room made once reads as the plain rule says: each cell padded to
/// its column's display width (numbers on the right), two spaces between cells, the indent
/// before, no spaces at the end of a line.
final class TextTableTests: XCTestCase {
    /// The rule, line by line.
    private func reference(_ rows: [[String]], _ aligns: [TextTable.Align], indent: String) -> String {
        var width = [Int](repeating: 0, count: aligns.count)
        for r in rows { for (i, c) in r.enumerated() { width[i] = max(width[i], DisplayWidth.of(c)) } }
        var out = ""
        for r in rows {
            var line = indent
            for (i, c) in r.enumerated() {
                if i > 0 { line += "  " }
                let pad = String(repeating: " ", count: width[i] - DisplayWidth.of(c))
                line += aligns[i] == .right ? pad + c : c + pad
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    func testRowsArePaddedAndCutAsTheRuleSays() {
        var rng = SplitMix64(seed: 5)
        let words = ["", " ", "北京市", "朝阳区 ", "1,234", "a b", "（地区不明）", "x", "  ", "劳动午报 2020-11-03 《标题》", "é"]
        for indent in ["  ", "", "> "] {
            for _ in 0..<50 {
                let aligns: [TextTable.Align] = (0..<rng.int(1...5)).map { _ in rng.next() % 2 == 0 ? .left : .right }
                let rows = (0..<rng.int(1...8)).map { _ in aligns.map { _ in words[rng.int(0...words.count - 1)] } }
                var t = TextTable(aligns)
                for r in rows { t.add(r) }
                var out: [UInt8] = Array("head\n".utf8)
                t.render(indent: indent, into: &out)
                XCTAssertEqual(String(decoding: out, as: UTF8.self), "head\n" + reference(rows, aligns, indent: indent), "\(rows)")
                // One row at a time gives the same lines.
                var one: [UInt8] = []
                for row in 0..<t.rowCount { t.render(row: row, widths: t.widths(), indent: indent, into: &one) }
                XCTAssertEqual(String(decoding: one, as: UTF8.self), reference(rows, aligns, indent: indent))
            }
        }
    }

    /// A repeated cell (`repeatCell`) renders as the cell it repeats written out again.
    func testRepeatedCellsRenderAsWrittenOut() {
        var rng = SplitMix64(seed: 8)
        let words = ["", "北京市", "朝阳区 ", "1,234", "a b", "（地区不明）", "劳动午报 2020-11-03 《标题》"]
        for _ in 0..<100 {
            let aligns: [TextTable.Align] = (0..<rng.int(1...4)).map { _ in rng.next() % 2 == 0 ? .left : .right }
            var written = TextTable(aligns), repeated = TextTable(aligns)
            var cells: [String] = []
            for _ in 0..<rng.int(1...6) {
                for _ in aligns {
                    let k = cells.count
                    if k > 0 && rng.next() % 2 == 0 {
                        let from = rng.int(0...k - 1)
                        cells.append(cells[from])
                        repeated.repeatCell(from)
                    } else {
                        let c = words[rng.int(0...words.count - 1)]
                        cells.append(c)
                        repeated.cell(c)
                    }
                    written.cell(cells[k])
                    XCTAssertEqual(repeated.cellCount, k + 1)
                }
            }
            XCTAssertEqual(repeated.widths(), written.widths())
            var a: [UInt8] = [], b: [UInt8] = []
            repeated.render(into: &a)
            written.render(into: &b)
            XCTAssertEqual(String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self), "\(cells)")
        }
    }
}
