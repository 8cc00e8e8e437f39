import XCTest
@testable import UnionStats

final class AggregatorTests: XCTestCase {
    typealias F = TestFixtures

    private func rows(_ figures: [Figure], rollup: Bool = true) -> [MonthlyRow] {
        var a = Aggregator(rollup: rollup)
        for f in figures { a.add(f) }
        return a.rows()
    }

    private func row(_ rows: [MonthlyRow], region: String, metric: String? = nil, unit: String? = nil) -> MonthlyRow? {
        rows.first { $0.key.region == region && (metric == nil || $0.metric == metric) && (unit == nil || $0.key.unit == unit) }
    }

    func testFlowsOfAMonthAreSummedPerRegionMetricAndUnit() {
        let r = rows([F.figure(45, "场", doc: "a.txt"), F.figure(30, "场", doc: "b.txt", line: 9),
                      F.figure(12, "场次"), F.figure(5, "场", month: "2020-12")], rollup: false)
        let nov = r.filter { $0.key.month == "2020-11" && $0.key.unit == "场" }
        XCTAssertEqual(nov.map(\.value), [75])
        XCTAssertEqual(nov.first?.figures, 2)
        XCTAssertEqual(nov.first?.docs, ["a.txt", "b.txt"])
        XCTAssertEqual(row(r, region: "北京市/朝阳区", unit: "场次")?.value, 12, "场次 is a different unit from 场")
        XCTAssertEqual(r.filter { $0.key.month == "2020-12" }.map(\.value), [5])
    }

    /// The first wording kept apart gives the counts a list of all gives: one wording (single), or several.
    func testWordingsCountEachInTheOrderFirstSeen() {
        for texts: [Int32] in [[], [4], [4, 4], [4, 7, 4, 9, 7, 4], [0, 1]] {
            var w = Aggregator.Wordings()
            var expected: [(text: Int32, count: Int)] = []
            for t in texts {
                w.add(t)
                if let i = expected.firstIndex(where: { $0.text == t }) { expected[i].count += 1 } else { expected.append((t, 1)) }
            }
            XCTAssertEqual(w.counts.map(\.text), expected.map(\.text), "\(texts)")
            XCTAssertEqual(w.counts.map(\.count), expected.map(\.count), "\(texts)")
            XCTAssertEqual(w.single, expected.count == 1 ? expected[0].text : nil, "\(texts)")
        }
    }

    func testMetricIDGroupsDifferentWordingsAndNamesTheRowByTheCommonestOne() {
        let r = rows([F.figure(1, "场", metric: "沟通会", metricID: "m.talks"),
                      F.figure(2, "场", metric: "职工沟通会", metricID: "m.talks", line: 2),
                      F.figure(3, "场", metric: "职工沟通会", metricID: "m.talks", line: 3)], rollup: false)
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].value, 6)
        XCTAssertEqual(r[0].metric, "职工沟通会")
        XCTAssertEqual(r[0].metricID, "m.talks")
    }

    func testLevelsKeepTheLatestValueOfTheMonth() {
        let r = rows([F.figure(12, "户", metric: "在档困难职工", kind: .level, doc: "b.txt", published: "2020-11-25"),
                      F.figure(9, "户", metric: "在档困难职工", kind: .level, doc: "a.txt", published: "2020-11-03"),
                      F.figure(10, "户", metric: "在档困难职工", kind: .level, doc: "a.txt", line: 7, published: "2020-11-03")])
        let levels = r.filter { $0.key.kind == .level }
        XCTAssertEqual(levels.count, 1, "levels are not rolled up into parents")
        XCTAssertEqual(levels.first?.value, 12, "latest published, not the sum 31")
        XCTAssertEqual(levels.first?.figures, 3)
    }

    /// A level's row says what the kept value is: an older, inexact figure read after it
    /// (an older page later in the folder) leaves the row's qualifiers alone.
    func testALevelIsDescribedByTheValueItKeeps() {
        for order in [[0, 1], [1, 0]] {
            let figures = [F.figure(1941, "家", metric: "基层工会组织", kind: .level, doc: "b.txt", published: "2020-11-25"),
                           F.figure(3285, "家", metric: "基层工会组织", kind: .level, qualifier: .over, doc: "a.txt", published: "2020-11-03")]
            let r = rows(order.map { figures[$0] }, rollup: false)
            XCTAssertEqual(r.first?.value, 1941, "\(order)")
            XCTAssertEqual(r.first?.qualifiers, [.exact], "\(order)")
            XCTAssertEqual(r.first?.approximate, false, "\(order)")
        }
    }

    func testRatesAndPerUnitAmountsAreNeverSummed() {
        var a = Aggregator()
        XCTAssertEqual(a.add(F.figure(87, "%", metric: "脱困率", kind: .rate)), .rate)
        XCTAssertEqual(a.add(F.figure(90, "%", metric: "脱困率", kind: .rate, line: 2)), .rate)
        XCTAssertEqual(a.add(F.figure(500, "元", metric: "助学金", per: "人")), .rate)
        XCTAssertTrue(a.rows().isEmpty, "no monthly row holds 177% or a sum of per-person amounts")
    }

    func testCumulativeAndUndatedFiguresStayOutOfTheMonthsTotal() {
        let figures = [
            F.figure(45, "场", label: "当天"),
            F.figure(1992, "场", month: "", label: "三年来", line: 2),
            F.figure(186, "场", month: "", label: "截至目前", line: 3),
            F.figure(73, "家", metric: "企业", month: "", label: "", line: 4),
        ]
        var a = Aggregator()
        XCTAssertEqual(figures.map { a.add($0) }, [.monthly, .cumulative, .cumulative, .undated])
        XCTAssertEqual(row(a.rows(), region: "北京市/朝阳区")?.value, 45)
        XCTAssertEqual(a.rows().count, 2, "the district row and its province rollup only")
    }

    func testApproximateFiguresMarkTheTotal() {
        let r = rows([F.figure(45, "场"), F.figure(2000, "场", qualifier: .approx, line: 2),
                      F.figure(10, "场", qualifier: .over, line: 3),
                      F.figure(7, "人", metric: "参与职工")], rollup: false)
        let talks = row(r, region: "北京市/朝阳区", unit: "场")!
        XCTAssertTrue(talks.approximate)
        XCTAssertEqual(talks.fields[MonthlyRow.columns.firstIndex(of: "approximate")!], "yes")
        XCTAssertEqual(talks.fields[MonthlyRow.columns.firstIndex(of: "qualifiers")!], "approx;over")
        let exact = row(r, region: "北京市/朝阳区", unit: "人")!
        XCTAssertFalse(exact.approximate)
        XCTAssertEqual(exact.fields[MonthlyRow.columns.firstIndex(of: "qualifiers")!], "")
    }

    func testRollupsAreComputedFromFiguresAtEveryLevel() {
        let r = rows([
            F.figure(600, "人", metric: "参与职工", region: "北京市/朝阳区/和平街街道", code: "110105007"),
            F.figure(100, "人", metric: "参与职工", region: "北京市/朝阳区", code: "110105", line: 2),
            F.figure(5, "人", metric: "参与职工", region: "北京市/东城区/东四街道", code: "110101006", line: 3),
            F.figure(30, "人", metric: "参与职工", region: "陕西省/汉中市/镇巴县/黎坝镇", code: "610728116", line: 4),
        ])
        func at(_ region: String) -> (String, RegionLevel?, Decimal, Bool)? {
            row(r, region: region).map { ($0.regionCode, $0.key.level, $0.value, $0.direct) }
        }
        XCTAssertEqual(at("北京市/朝阳区/和平街街道")?.2, 600)
        XCTAssertEqual(at("北京市/朝阳区")?.2, 700, "street figure + the district's own figure")
        XCTAssertEqual(at("北京市/朝阳区")?.3, true)
        XCTAssertEqual(at("北京市")?.2, 705)
        XCTAssertEqual(at("北京市")?.1, .province)
        XCTAssertEqual(at("北京市")?.3, false, "only rolled up into")
        XCTAssertNil(row(r, region: "北京市/市辖区"), "municipalities have no city row")
        XCTAssertEqual(at("陕西省/汉中市/镇巴县/黎坝镇")?.1, .street)
        XCTAssertEqual(at("陕西省/汉中市/镇巴县")?.0, "610728")
        XCTAssertEqual(at("陕西省/汉中市")?.0, "6107")
        XCTAssertEqual(at("陕西省/汉中市")?.1, .city)
        XCTAssertEqual(at("陕西省")?.2, 30)
    }

    func testApproximateTotalsStayApproximateInRollups() {
        let r = rows([F.figure(700, "名", region: "北京市/顺义区/南法信镇", code: "110113008", qualifier: .over),
                      F.figure(9, "名", region: "北京市/顺义区", code: "110113", line: 2)])
        XCTAssertEqual(row(r, region: "北京市")?.value, 709)
        XCTAssertEqual(row(r, region: "北京市")?.approximate, true)
    }

    func testFiguresWithoutARegionGetOneRowWithNoLevel() {
        let r = rows([F.figure(4, "个", metric: "城市", region: "", code: "")])
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].key.region, "")
        XCTAssertNil(r[0].key.level)
    }

    func testRowsAreSortedTheSameWhateverTheInputOrder() {
        let figures = [F.figure(1, "场", month: "2020-12"), F.figure(2, "人", metric: "b", region: "北京市", code: "11"),
                       F.figure(3, "场", region: "北京市/朝阳区/和平街街道", code: "110105007"),
                       F.figure(4, "场", metric: "a", region: "北京市/东城区", code: "110101")]
        let forward = rows(figures).map(\.fields)
        let backward = rows(figures.reversed()).map(\.fields)
        XCTAssertEqual(forward, backward)
        XCTAssertEqual(forward.map { $0[0] }, forward.map { $0[0] }.sorted())
    }
}

final class AggregatorLabelTests: XCTestCase {
    /// A list of wordings is named once per aggregator (`Names.joinedName`): a cell with the list
    /// of a cell named before (a district and its city; a region's own cell) gets that name, one
    /// with another list (the same wordings, other counts) its own; each as an aggregator that
    /// names it alone does.
    func testWordingListsNamedOnceAreNamedAsAlone() {
        func fig(_ metric: String, _ region: String) -> Figure {
            Figure(doc: "d", article: 1, headline: "", published: "2020-11", source: "", line: 1, raw: "1名",
                   quantity: Quantity(value: 1, unit: "名"), metric: metric, metricID: "awards", kind: .flow,
                   region: Region(path: region, code: ""), organization: "", period: Period(label: "17日", month: "2020-11"),
                   sentence: "")
        }
        let figures = [fig("金奖", "北京市/朝阳区"), fig("金奖", "北京市/朝阳区"), fig("银奖", "北京市/朝阳区"),
                       fig("银奖", "上海市"), fig("银奖", "上海市"), fig("金奖", "上海市"), fig("沟通会", "上海市"),
                       fig("职工沟通会", "天津市"), fig("沟通会", "天津市")]
        var a = Aggregator(rollup: true, alsoDirect: true)
        for f in figures { a.add(f) }
        let (rows, direct) = a.rowsAndDirectRows()
        let names = Dictionary(uniqueKeysWithValues: rows.map { ($0.key.region, $0.metric) })
        XCTAssertEqual(names, ["北京市/朝阳区": "金奖、银奖", "北京市": "金奖、银奖", "上海市": "银奖、沟通会、金奖", "天津市": "沟通会"])
        XCTAssertEqual(direct.map(\.metric), ["银奖、沟通会、金奖", "金奖、银奖", "沟通会"])
        for row in rows + direct {
            var alone = Aggregator(rollup: false)
            for f in figures where f.region.path == row.key.region || f.region.path.hasPrefix(row.key.region + "/") && !row.direct {
                alone.add(f)
            }
            XCTAssertEqual(alone.rows().first?.metric, row.metric, row.key.region)
        }
    }

    /// Two wordings are ordered without a list (`pairOrder`) as a list of them is (`wordingOrder`):
    /// by count, ties by bytes, whichever was seen first.
    func testTwoWordingsAreOrderedAsAListOfThem() {
        let metrics = ["金奖", "优秀奖", "银奖", "金"]
        for a in 0..<4 {
            for b in 0..<4 where a != b {
                for (ca, cb) in [(1, 1), (2, 1), (1, 2), (3, 3)] {
                    let x = (text: Int32(a), count: ca), y = (text: Int32(b), count: cb)
                    let pair = Aggregator.pairOrder(x, y, metrics: metrics)
                    XCTAssertEqual([pair.0, pair.1], Aggregator.wordingOrder([x, y], metrics: metrics), "\(x) \(y)")
                }
            }
        }
    }

    /// A figure of the page before (the same Strings) takes that figure's doc, source and wording
    /// numbers; texts of equal bytes made apart, or a page that differs in one text, give the rows
    /// an aggregator of copies gives.
    func testAPagesFiguresShareNumbersAsEqualTextsMadeApart() {
        func fig(_ metric: String, doc: String, headline: String, line: Int) -> Figure {
            Figure(doc: doc, article: 1, headline: headline, published: "2020-11-20", source: "劳动午报工人日报社北京分社", line: line,
                   raw: "1名", quantity: Quantity(value: Decimal(line), unit: "名"), metric: metric, metricID: "",
                   kind: .flow, region: Region(path: "北京市/朝阳区", code: "110105"), organization: "",
                   period: Period(label: "17日", month: "2020-11"), sentence: "")
        }
        let doc = "2020-11-20-laodongwubao-page-01.txt", other = "2020-11-21-laodongwubao-page-02.txt"
        let long = "全国五一劳动奖章获得者"
        let figures = [fig(long, doc: doc, headline: "标题一", line: 1), fig(long, doc: doc, headline: "标题一", line: 2),
                       fig("银奖", doc: doc, headline: "标题一", line: 3), fig(long, doc: doc, headline: "标题二", line: 4),
                       fig(long, doc: other, headline: "标题二", line: 5), fig("银奖", doc: doc, headline: "标题一", line: 6)]
        func copy(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }
        let apart = figures.map { f -> Figure in
            var g = f
            (g.doc, g.headline, g.published, g.source, g.metric) = (copy(f.doc), copy(f.headline), copy(f.published), copy(f.source), copy(f.metric))
            return g
        }
        XCTAssertFalse(ByteString.sameValue(figures[0].doc, apart[1].doc))
        var shared = Aggregator(rollup: false), made = Aggregator(rollup: false)
        for f in figures { shared.add(f) }
        for f in apart { made.add(f) }
        let rows = shared.rows()
        XCTAssertEqual(rows.map(\.fields), made.rows().map(\.fields))
        XCTAssertEqual(rows.first { $0.key.metric == long }?.docCount, 2)
        XCTAssertEqual(rows.first { $0.key.metric == long }?.sourceCount, 3)
        XCTAssertEqual(rows.first { $0.key.metric == "银奖" }?.sourceCount, 1)
    }

    func testATotalOfDifferentThingsUnderOneIdNamesThemAll() {
        func fig(_ metric: String, _ v: Decimal) -> Figure {
            Figure(doc: "d", article: 1, headline: "", published: "2020-11", source: "", line: 1, raw: "\(v)名",
                   quantity: Quantity(value: v, unit: "名"), metric: metric, metricID: "awards", kind: .flow,
                   region: Region(path: "北京市", code: "11"), organization: "", period: Period(label: "17日", month: "2020-11"),
                   sentence: "")
        }
        var a = Aggregator(rollup: false)
        for f in [fig("金奖", 3), fig("银奖、铜奖", 12), fig("优秀奖", 37), fig("优秀奖", 1)] { a.add(f) }
        let row = a.rows().first { $0.key.metric == "awards" }
        XCTAssertEqual(row?.value, 53)
        XCTAssertEqual(row?.metric, "优秀奖、金奖、银奖、铜奖", "commonest first, then byte order; none left out")
    }

    /// The byte layout `tableOrder` sorts by gives `sortLess`'s order: a field that is a
    /// prefix of another sorts first, no level before province, and a NUL byte in a field
    /// (which the layout cannot hold) falls back to the comparator.
    func testTableOrderIsSortLessOrder() {
        func row(_ month: String, _ region: String, _ level: RegionLevel?, _ metric: String, _ unit: String, _ kind: MetricKind) -> MonthlyRow {
            MonthlyRow(key: MonthlyKey(month: month, region: region, level: level, metric: metric, unit: unit, kind: kind),
                       regionCode: "", metric: metric, metricID: "", value: 1, figures: 1, qualifiers: [.exact], docs: [], docCount: 0,
                       sources: [], sourceCount: 0, direct: true)
        }
        var rows: [MonthlyRow] = []
        for month in ["2020-11", "2020-1", "2020-11x"] {
            for region in ["", "北京市", "北京市/朝阳区", "北京市-X", "北"] {
                for level in [nil, RegionLevel.province, .street] {
                    for (metric, unit) in [("场次", "场"), ("场", "场次"), ("m.talks", "人"), ("", "")] {
                        for kind in [MetricKind.flow, .level] { rows.append(row(month, region, level, metric, unit, kind)) }
                    }
                }
            }
        }
        rows.shuffle()
        let expected = rows.indices.sorted { MonthlyRow.sortLess(rows[$0].key, rows[$1].key) }.map { rows[$0].key }
        XCTAssertEqual(MonthlyRow.tableOrder(rows).map { rows[$0].key }, expected)
        var withNUL = rows
        withNUL.append(row("2020-11", "北京\u{0}市", nil, "场", "场", .flow))
        withNUL.append(row("2020-11", "北京", nil, "场", "场", .flow))
        let expectedNUL = withNUL.indices.sorted { MonthlyRow.sortLess(withNUL[$0].key, withNUL[$1].key) }.map { withNUL[$0].key }
        XCTAssertEqual(MonthlyRow.tableOrder(withNUL).map { withNUL[$0].key }, expectedNUL)
    }
}
