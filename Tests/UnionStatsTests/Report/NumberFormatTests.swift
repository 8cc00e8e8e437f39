import XCTest
@testable import UnionStats

final class NumberFormatTests: XCTestCase {
    func testThousandsSeparators() {
        let cases: [(Decimal, String)] = [(0, "0"), (45, "45"), (301, "301"), (1853, "1,853"), (13323, "13,323"),
                                          (2480000, "2,480,000"), (192000000, "192,000,000"),
                                          (Decimal(string: "857990.5")!, "857,990.5"), (-1200, "-1,200")]
        for (value, text) in cases { XCTAssertEqual(NumberFormat.grouped(value), text) }
    }

    func testRangesSignsAndPercentChange() {
        XCTAssertEqual(NumberFormat.value(Quantity(value: 2, valueMax: 4, unit: "次", qualifier: .range)), "2–4")
        XCTAssertEqual(NumberFormat.signed(5), "+5")
        XCTAssertEqual(NumberFormat.signed(-1500), "-1,500")
        XCTAssertEqual(NumberFormat.percentChange(from: 40, to: 45), "+12.5%")
        XCTAssertEqual(NumberFormat.percentChange(from: 3, to: 2), "-33.3%")
        XCTAssertEqual(NumberFormat.percentChange(from: 10, to: 10), "0.0%")
        XCTAssertEqual(NumberFormat.percentChange(from: 0, to: 10), "", "no percentage of nothing")
    }

    func testQualifiersAndMonthsInChinese() {
        XCTAssertEqual(Qualifier.allCases.map(NumberFormat.chinese), ["", "约", "余", "不足", "区间", "最高"])
        XCTAssertEqual(NumberFormat.chineseMonth("2020-01"), "2020年1月")
        XCTAssertEqual(NumberFormat.previousMonth("2020-01"), "2019-12")
        XCTAssertEqual(NumberFormat.previousMonth("2020-11"), "2020-10")
        XCTAssertNil(NumberFormat.previousMonth("2020"))
    }
}
