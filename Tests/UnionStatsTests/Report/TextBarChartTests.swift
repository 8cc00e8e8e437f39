import XCTest
@testable import UnionStats

final class TextBarChartTests: XCTestCase {
    func testBarsScaleToTheLargestValue() {
        XCTAssertEqual(TextBarChart.barLength(1853, max: 1853, width: 30), 30)
        XCTAssertEqual(TextBarChart.barLength(600, max: 1853, width: 30), 10)
        XCTAssertEqual(TextBarChart.barLength(1, max: 1853, width: 30), 1, "a positive value always shows")
        XCTAssertEqual(TextBarChart.barLength(0, max: 1853, width: 30), 0)
    }

    func testValuesLineUpAfterWideLabels() {
        let lines = TextBarChart.render([
            .init(label: "朝阳区 职工咨询人数", value: 1853, text: "1,853人"),
            .init(label: "和平街街道 参与职工", value: 600, text: "600人"),
            .init(label: "x", value: 301, text: "301人"),
        ])
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(Set(lines.map(DisplayWidth.of)).count, 1, "every line ends at the same column:\n\(lines.joined(separator: "\n"))")
        XCTAssertEqual(lines[0].filter { $0 == "█" }.count, 30)
    }
}
