import XCTest
@testable import UnionStats

final class PrintedDateTests: XCTestCase {
    func page(_ lines: [String]) -> [Paragraph] {
        lines.enumerated().map { Paragraph(text: $0.element, firstLine: $0.offset + 1) }
    }

    static let body = "近日，区总工会在2019年12月5日举办活动，共有30余名职工参加。"

    func testHeaderDates() {
        let cases: [([String], String?)] = [
            (["第09版:顺义", "2019年2月28日 放大 缩小 默认", Self.body], "2019-02-28"),
            (["2020年1月8日 星期三", Self.body], "2020-01-08"),
            (["劳动午报 2020-01-08 第05版", Self.body], "2020-01-08"),
            (["２０２１年１月２６日", Self.body], "2021-01-26"),
            (["工会服务站开放", "来源：劳动午报 发布时间：2020-11-20 10:23", Self.body], "2020-11-20"),
            ([Self.body, "2019年12月5日 某区总工会召开大会"], nil),       // a headline with a date is not a header
            ([Self.body], nil),                                            // dates inside sentences are never taken
            (["1月23日,合肥,在中铁上海工程局项目部。"], nil),
            (["2019年13月5日 星期一", Self.body], nil),                   // no such month
        ]
        for (lines, expected) in cases {
            XCTAssertEqual(PrintedDate.find(in: page(lines)), expected, lines.joined(separator: " | "))
        }
    }

    func testOnlyTheTopAndFootOfThePageAreSearched() {
        let middle = Array(repeating: Self.body, count: 15) + ["2019年2月28日 星期四"] + Array(repeating: Self.body, count: 15)
        XCTAssertNil(PrintedDate.find(in: page(middle)))
        let foot = Array(repeating: Self.body, count: 30) + ["2019年2月28日 星期四"]
        XCTAssertEqual(PrintedDate.find(in: page(foot)), "2019-02-28")
    }

    func testSeedPage002() throws {
        guard let bytes = SeedPages.bytes("002") else { throw XCTSkip("seed page 002 not found") }
        let ps = TextRepair.paragraphs(from: try TextDecoder.decode(bytes).text)
        XCTAssertEqual(PrintedDate.find(in: ps), "2019-02-28")
        for prefix in ["000", "001", "003", "004"] {
            guard let b = SeedPages.bytes(prefix) else { continue }
            XCTAssertNil(PrintedDate.find(in: TextRepair.paragraphs(from: try TextDecoder.decode(b).text)), "\(prefix) prints no header date")
        }
    }
}

final class PrintedDateLongDigitsTests: XCTestCase {
    /// libFuzzer found that a line of 20+ digits overflowed the year arithmetic.
    func testLongDigitRunsAreNoDateAndDoNotCrash() {
        let page = ExtractStage.extract(doc: "digits.txt", bytes: Array("33333333333333333333333\n2019年2月28日 放大 缩小 默认\n".utf8))
        XCTAssertNil(page.problem)
        XCTAssertEqual(page.page.printedDate, "2019-02-28")
    }
}
