import XCTest
@testable import UnionStats

/// Repeated paragraphs are dropped; a repeat of a dropped repeat must be dropped too
/// (it once looked up the dropped paragraph's id past the kept list and crashed).
final class RepeatsTests: XCTestCase {
    let first = "延庆区总工会深入了解困难职工的需求和意愿，丰富送温暖工作的内容。"
    let second = "延庆区总工会还建立联系基层工会和困难职工的长效机制，建立长期工作台账。"

    func testRepeatOfADroppedHeadIsDropped() {
        // The first sentence alone is the head of the earlier paragraph, printed twice more.
        let text = [first + second, first, first].joined(separator: "\n\n") + "\n"
        let paragraphs = TextRepair.paragraphs(from: text)
        XCTAssertEqual(paragraphs.map(\.text), [first + second])
    }

    func testRepeatsAreCheckedRegardlessOfOrder() {
        let cases: [(pages: [String], kept: [String])] = [
            ([first, second, first], [first, second]),
            ([first, first, second, second], [first, second]),
            ([first + second, second, first], [first + second]),
        ]
        for c in cases {
            let paragraphs = TextRepair.paragraphs(from: c.pages.joined(separator: "\n\n") + "\n")
            XCTAssertEqual(paragraphs.map(\.text), c.kept, "\(c.pages)")
        }
    }
}
