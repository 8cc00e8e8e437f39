import XCTest
@testable import UnionStats

final class ReportMonthTests: XCTestCase {
    /// The month of a publication date, on the bytes, is what the first seven characters give.
    func testMonthOfAgreesWithTheFirstSevenCharacters() {
        func byCharacters(_ date: String) -> String? {
            let month = String(date.prefix(7))
            let b = Array(month.utf8)
            guard b.count == 7, b[4] == UInt8(ascii: "-"), b[0..<4].allSatisfy(ReportStage.isDigit),
                  b[5..<7].allSatisfy(ReportStage.isDigit) else { return nil }
            return month
        }
        for date in ["2020-11-03", "2020-11", "2020-1", "", "2020-11\u{301}", "2020-11\u{301}-03", "２０２０-11-03",
                     "abcd-ef-gh", "2020-11年", "2020年11月", "2020/11/03", "2020-11-", "12345678"] {
            XCTAssertEqual(ReportStage.monthOf(date), byCharacters(date), date)
        }
        XCTAssertEqual(ReportStage.monthOf("2020-11-03"), "2020-11")
        XCTAssertNil(ReportStage.monthOf("2020-11\u{301}-03"), "a mark on the seventh character")
    }
}
