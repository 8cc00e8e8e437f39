import XCTest
@testable import UnionStats

/// `NumberReader.read` compares a number with 百分之 and 千分之 only when it starts with 百 or 千.
final class NumberReaderTests: XCTestCase {
    func read(_ text: String) -> NumberToken? { NumberReader.read(Array(text.unicodeScalars), at: 0) }

    /// The words start with the scalars tested before them.
    func testPercentWordsStartWithTheTestedScalars() {
        XCTAssertEqual(NumberReader.percentWord.first, "百")
        XCTAssertEqual(NumberReader.perMilleWord.first, "千")
    }

    func testPercentReadsAndOtherNumbers() {
        // Taken: the words.
        XCTAssertEqual(read("百分之三十")?.percentMark, "%")
        XCTAssertEqual(read("百分之三十")?.value, 30)
        XCTAssertEqual(read("千分之五")?.percentMark, "‰")
        XCTAssertEqual(read("千分之五")?.end, 4)
        // Not taken: 百 or 千 starting another number, and numbers starting otherwise.
        XCTAssertNil(read("百余名")?.percentMark)
        XCTAssertEqual(read("百余名")?.over, true)
        XCTAssertEqual(read("千人")?.value, 1000)
        XCTAssertNil(read("千人")?.percentMark)
        XCTAssertEqual(read("三十分")?.value, 30)
        XCTAssertEqual(read("30%")?.percentMark, nil)
        XCTAssertNil(read("分之"))
    }
}
