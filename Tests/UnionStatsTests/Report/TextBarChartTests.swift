import XCTest
@testable import UnionStats

final class TextBarChartTests: XCTestCase {
    func testBarsScaleToTheLargestValue() {
        XCTAssertEqual(TextBarChart.barLength(1853, max: 1853, width: 30), 30)
        XCTAssertEqual(TextBarChart.barLength(600, max: 1853, width: 30), 10)
        XCTAssertEqual(TextBarChart.barLength(1, max: 1853, width: 30), 1, "a positive value always shows")
        XCTAssertEqual(TextBarChart.barLength(0, max: 1853, width: 30), 0)
    }

    func testIntegerLengthsAgreeWithTheDecimalDefinition() {
        // Includes exact halves (1/12·30 = 2.5), which the integer path leaves to Decimal.
        var cases: [(Decimal, Decimal)] = []
        for m in 1...120 { for v in 1...m { cases.append((Decimal(v), Decimal(m))) } }
        cases += [(Decimal(string: "12.5")!, 1853), (Decimal(string: "0.001")!, Decimal(string: "2480000")!),
                  (Decimal(string: "857990")!, Decimal(string: "857990.5")!), (3, Decimal(string: "0.7")!)]
        for (v, m) in cases {
            XCTAssertEqual(TextBarChart.barLength(v, max: m, width: 30),
                           max(1, TextBarChart.decimalBarLength(v, max: m, width: 30)), "\(v) of \(m)")
        }
    }

    func testValuesLineUpAfterWideLabels() {
        var out: [UInt8] = []
        TextBarChart.render([
            .init(label: "朝阳区 职工咨询人数", value: 1853, text: "1,853人"),
            .init(label: "和平街街道 参与职工", value: 600, text: "600人"),
            .init(label: "x", value: 301, text: "301人"),
        ], into: &out)
        XCTAssertEqual(out.last, 0x0A, "every line ends in a newline")
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(Set(lines.map(DisplayWidth.of)).count, 1, "every line ends at the same column:\n\(lines.joined(separator: "\n"))")
        XCTAssertEqual(lines[0].filter { $0 == "█" }.count, 30)
    }

    /// Blocks cut from the run made once are the blocks appended one by one, within the run and past it.
    func testBlocksAreTheBlockRepeated() {
        for n in [0, 1, 2, 29, 30, TextBarChart.blockRunLength, TextBarChart.blockRunLength + 1, 100] {
            var out: [UInt8] = [0x41]
            TextBarChart.appendBlocks(n, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "A" + String(repeating: "█", count: n), "\(n)")
        }
    }

    /// The largest value gets the full width wherever it stands among the bars.
    func testTheLargestValueAnywhereGetsTheWidth() {
        for values in [[Decimal(3), 1853, 600], [600, 3, 1853], [Decimal(string: "0.5")!, Decimal(string: "0.25")!, 0]] {
            var out: [UInt8] = []
            TextBarChart.render(values.map { .init(label: "x", value: $0, text: "\($0)") }, width: 30, into: &out)
            let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
            let blocks = lines.map { $0.filter { $0 == "█" }.count }
            let top = values.indices.max { values[$0] < values[$1] }!
            XCTAssertEqual(blocks[top], 30, "\(values)")
            XCTAssertEqual(blocks, values.map { TextBarChart.barLength($0, max: values[top], width: 30) })
        }
    }
}
