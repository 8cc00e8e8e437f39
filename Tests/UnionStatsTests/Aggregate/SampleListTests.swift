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

/// The list keeps its first value apart from the rest; what it keeps and counts is what one
/// list of all of them (the rule, written out here) keeps and counts, for every limit.
final class SampleListHeadTests: XCTestCase {
    /// The rule: one sorted list of at most `limit` values.
    private struct OneList {
        let limit: Int
        var items: [Int] = []
        var count = 0
        var last: Int?

        mutating func insert(_ e: Int) {
            if e == last { return }
            last = e
            if items.contains(e) { return }
            count += 1
            let i = items.firstIndex { e < $0 } ?? items.count
            if i < limit {
                items.insert(e, at: i)
                if items.count > limit { items.removeLast() }
            }
        }
    }

    func testKeepsAndCountsWhatOneListDoes() {
        var rng = SplitMix64(seed: 11)
        for limit in 0...4 {
            for _ in 0..<200 {
                var rule = OneList(limit: limit)
                var list = SampleList<Int>(limit: limit)
                for _ in 0..<rng.int(0...12) {
                    let v = rng.int(0...6)
                    rule.insert(v)
                    list.insert(v) { $0 < $1 }
                    XCTAssertEqual(list.items, rule.items, "limit \(limit)")
                    XCTAssertEqual(list.map { $0 * 10 }, rule.items.map { $0 * 10 })
                    XCTAssertEqual(list.count, rule.count)
                }
            }
        }
    }

    /// A value smaller than the first moves the first into the rest; one larger goes after it.
    func testNewFirstAndLaterValues() {
        var list = SampleList<Int>(limit: 2)
        list.insert(5) { $0 < $1 }
        XCTAssertEqual(list.items, [5])
        list.insert(3) { $0 < $1 }
        XCTAssertEqual(list.items, [3, 5])
        list.insert(9) { $0 < $1 }
        XCTAssertEqual(list.items, [3, 5])
        list.insert(1) { $0 < $1 }
        XCTAssertEqual(list.items, [1, 3])
        XCTAssertEqual(list.count, 4)
        var one = SampleList<Int>(limit: 1)
        for v in [4, 7, 2, 2, 9] { one.insert(v) { $0 < $1 } }
        XCTAssertEqual(one.items, [2])
        XCTAssertEqual(one.count, 4)
    }
}
