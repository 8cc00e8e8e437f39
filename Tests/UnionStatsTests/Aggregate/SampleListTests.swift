import XCTest
@testable import UnionStats

final class SampleListTests: XCTestCase {
    func testKeepsTheFirstInOrderAndCountsAll() {
        var list = SampleList<String>(limit: 3, by: { TableSort.less($0, $1) })
        for doc in ["e", "e", "b", "d", "a", "a", "c"] { list.insert(doc) }
        XCTAssertEqual(list.items, ["a", "b", "c"])
        XCTAssertEqual(list.count, 5, "repeats in a row count once")
    }

    /// A list given its order at each insert keeps and counts what one that holds its order does.
    func testOrderAtInsertIsTheOrderHeld() {
        let values = ["e", "e", "b", "d", "a", "a", "c", "f", "a", "b", "0"]
        var held = SampleList<String>(limit: 3, by: { TableSort.less($0, $1) })
        var given = SampleList<String>(limit: 3)
        for v in values {
            held.insert(v)
            given.insert(v) { TableSort.less($0, $1) }
            XCTAssertEqual(given.items, held.items)
            XCTAssertEqual(given.count, held.count)
        }
        XCTAssertEqual(given.items, ["0", "a", "b"])
    }

    func testRowCellNamesHowManyDocsItDoesNotList() {
        var agg = Aggregator(rollup: false)
        for i in 0..<(Aggregator.docLimit + 5) {
            agg.add(TestFixtures.figure(1, "场", doc: String(format: "%03d.txt", i)))
        }
        let row = agg.rows()[0]
        XCTAssertEqual(row.docs.count, Aggregator.docLimit)
        XCTAssertEqual(row.docCount, Aggregator.docLimit + 5)
        XCTAssertTrue(row.fields.last!.hasSuffix(";019.txt;…;等25篇"), row.fields.last!)
        XCTAssertEqual(row.value, Decimal(Aggregator.docLimit + 5))
    }
}
