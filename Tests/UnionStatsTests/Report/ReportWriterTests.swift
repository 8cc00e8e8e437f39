import XCTest
@testable import UnionStats

final class ReportWriterTests: XCTestCase {
    typealias F = TestFixtures

    private func seedReport(_ month: String) throws -> String {
        let report = try XCTUnwrap(try ReportStage.build(figuresPath: F.seedFigures).first { $0.month == month })
        return ReportWriter.render(report)
    }

    /// The lines of a region's section: after its heading line, up to the next blank line.
    private func section(_ text: String, region: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: region) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    /// Display column where `number` ends on the line that names `metric`.
    private func endColumn(of number: String, metric: String, in lines: [String]) -> Int? {
        guard let line = lines.first(where: { $0.contains(metric + " ") }),
              let range = line.range(of: " " + number + " ") else { return nil }
        return DisplayWidth.of(String(line[..<range.upperBound])) - 1
    }

    func testChaoyangNumbersEndAtTheSameDisplayColumn() throws {
        let lines = section(try seedReport("2020-11"), region: "北京市/朝阳区")
        let ends = [endColumn(of: "45", metric: "职工沟通会", in: lines),
                    endColumn(of: "1,853", metric: "职工咨询人数", in: lines),
                    endColumn(of: "301", metric: "申请入会职工数量", in: lines)]
        XCTAssertFalse(ends.contains(nil), "\(lines)")
        XCTAssertEqual(Set(ends.compactMap { $0 }).count, 1, "\(ends)\n\(lines.joined(separator: "\n"))")
    }

    func testSectionsAndSources() throws {
        let text = try seedReport("2020-11")
        for heading in ["工会工作统计月报  2020年11月", "一、本月数字", "二、与上月", "三、本月最大的流量",
                        "四、累计、跨月及年度数字", "五、月份不明的数字", "六、词典中没有的指标"] {
            XCTAssertTrue(text.contains(heading), heading)
        }
        XCTAssertTrue(text.contains("劳动午报  2020-11  001_7c2e367b8fe2eefd.txt"), "the page covered")
        XCTAssertTrue(text.contains("《朝阳区三年开展职工沟通会近2000场》"), "headline as the source")
        let hePingJie = section(text, region: "北京市/朝阳区/和平街街道")
        XCTAssertTrue(hePingJie.allSatisfy { $0.hasSuffix("001_7c2e367b8fe2eefd.txt") }, "no headline: the doc")
        XCTAssertFalse(text.contains(" \n"), "no trailing spaces")
    }

    func testNumbersQualifiersAndTheSectionsApart() throws {
        let text = try seedReport("2020-11")
        let lines = text.components(separatedBy: "\n")
        let chaoyang = section(text, region: "北京市/朝阳区")
        XCTAssertTrue(chaoyang.contains { $0.contains("1,853") })
        XCTAssertFalse(chaoyang.contains { $0.contains("1,992") || $0.contains("186") }, "cumulative figures are not in the month")
        let cumulative = lines.drop { !$0.hasPrefix("四、") }.prefix { !$0.hasPrefix("五、") }
        XCTAssertTrue(cumulative.contains { $0.contains("2,000") && $0.contains("约") && $0.contains("三年来") })
        XCTAssertTrue(cumulative.contains { $0.contains("186") && $0.contains("截至目前") })
        XCTAssertTrue(cumulative.contains { $0.contains("13,323") && $0.contains("人次") })
        let undated = lines.drop { !$0.hasPrefix("五、") }.prefix { !$0.hasPrefix("六、") }
        XCTAssertTrue(undated.contains { $0.contains("民营劳动密集型企业") && $0.contains("73") })
        XCTAssertTrue(undated.contains { $0.contains("20,000") && $0.contains("元/家") })
        let unknown = lines.drop { !$0.hasPrefix("六、") }
        XCTAssertTrue(unknown.contains { $0.contains("护手霜") })
        XCTAssertFalse(unknown.contains { $0.contains("职工沟通会") }, "metrics with an id are not listed")
        let chengdu = section(text, region: "四川省/成都市")
        XCTAssertTrue(chengdu.contains { $0.contains("100,000") && $0.contains("余") }, "10余万元 says 余")
    }

    func testChangeAgainstThePreviousMonth() {
        var agg = Aggregator(rollup: false)
        agg.add(F.figure(40, "场", month: "2020-10"))
        agg.add(F.figure(45, "场", month: "2020-11"))
        agg.add(F.figure(7, "人", metric: "只在本月", month: "2020-11"))
        agg.add(F.figure(9, "场", month: "2020-10", region: "北京市/东城区", code: "110101"))
        let rows = agg.rows()
        var report = MonthReport(month: "2020-11")
        report.rows = rows.filter { $0.key.month == "2020-11" }
        report.previous = rows.filter { $0.key.month == "2020-10" }
        let lines = ReportWriter.render(report).components(separatedBy: "\n")
        let change = lines.drop { !$0.hasPrefix("二、与上月（2020年10月）比较") }.prefix { !$0.hasPrefix("三、") }
        let rowLines = change.filter { $0.contains("职工沟通会") }
        XCTAssertEqual(rowLines.count, 1, "only the region × metric × unit present in both months")
        let cells = rowLines.first?.split(separator: " ").map(String.init) ?? []
        XCTAssertEqual(cells, ["北京市/朝阳区", "职工沟通会", "场", "40", "45", "+5", "+12.5%"])
        XCTAssertFalse(change.contains { $0.contains("只在本月") })
    }

    /// A bar's place is the path's last segment, as splitting it at "/" gives.
    func testLastPlaceOfAPath() {
        for path in ["北京市/朝阳区", "北京市/朝阳区/", "北京市", "", "/", "//a//", "a/b\u{301}/c", "x/\u{301}y", "陕西省/汉中市/镇巴县/黎坝镇"] {
            XCTAssertEqual(ReportWriter.lastPlace(path), path.split(separator: "/").last.map(String.init), path.debugDescription)
        }
    }

    /// A figure list's order is a stable sort by region path, whether a figure's region is the
    /// one of the figure before (no look-up) or not (looked up, first met or met again).
    func testFigureListOrderIsAStableSortByRegion() {
        let paths = ["北京市/朝阳区", "北京市/朝阳区", "", "北京市", "北京市/朝阳区", "a", "", "北京市", "北京市", "A", "a"]
        let figures = paths.enumerated().map { i, path in
            Figure(doc: "d\(i).txt", article: 0, headline: "", published: "", source: "", line: i, raw: "",
                   quantity: Quantity(value: Decimal(i), unit: "人"), metric: "m", metricID: "", kind: .flow,
                   region: Region(path: path, code: ""), organization: "", period: Period(), sentence: "")
        }
        let expected = figures.indices.sorted { a, b in
            TableSort.less(paths[a], paths[b]) || (!TableSort.less(paths[b], paths[a]) && a < b)
        }
        XCTAssertEqual(figures.withUnsafeBufferPointer { ReportWriter.inRegionOrder($0) }, expected)
        XCTAssertEqual(expected, [2, 6, 9, 5, 10, 3, 7, 8, 0, 1, 4])
        XCTAssertEqual([Figure]().withUnsafeBufferPointer { ReportWriter.inRegionOrder($0) }, [])
    }

    /// A figure list's row repeats the cells of the row before whose fields are the same
    /// (`figureListRow` after a row); the list reads as one whose rows are all written out
    /// (each row made as if it were the first), whichever fields repeat.
    func testFigureListRowsThatRepeatCellsReadAsWrittenOut() {
        var rng = SplitMix64(seed: 21)
        func pick<T>(_ xs: [T]) -> T { xs[rng.int(0...xs.count - 1)] }
        for _ in 0..<60 {
            let figures = (0..<rng.int(1...14)).map { i -> Figure in
                Figure(doc: pick(["a.txt", "b.txt"]), article: 0, headline: pick(["", "标题", "另一个标题"]),
                       published: pick(["", "2020-11-03"]), source: pick(["", "劳动午报", "中工网"]), line: i, raw: "",
                       quantity: Quantity(value: Decimal(pick([3, 1200, 45])), valueMax: pick([nil, Decimal(50)]),
                                          unit: pick(["人", "元", ""]), qualifier: pick([.exact, .approx, .over]),
                                          per: pick(["", "人"])),
                       metric: pick(["", "会员", "职工之家"]), metricID: "", kind: pick([.flow, .level, .rate]),
                       region: Region(path: pick(["", "北京市", "北京市/朝阳区"]), code: ""), organization: "",
                       period: Period(label: pick(["", "2020年"]), start: pick(["", "2020-01"]), end: pick(["", "2020-10"]),
                                      month: ""),
                       sentence: "")
            }
            for withPeriod in [true, false] {
                var made: [UInt8] = []
                ReportWriter.figureListSection("list", figures, withPeriod: withPeriod, &made)
                // The rule: every row written out in full.
                var t = TextTable(withPeriod ? [.left, .left, .right, .left, .left, .left, .left]
                                             : [.left, .left, .right, .left, .left, .left])
                t.add(withPeriod ? ["地区", "指标", "数值", "单位", "说明", "时期", "来源"]
                                 : ["地区", "指标", "数值", "单位", "说明", "来源"])
                figures.withUnsafeBufferPointer { buf in
                    for i in ReportWriter.inRegionOrder(buf) {
                        ReportWriter.figureListRow(buf.baseAddress! + i, after: nil, withPeriod: withPeriod, to: &t)
                    }
                }
                var expected: [UInt8] = []
                ReportWriter.heading("list", &expected)
                t.render(into: &expected)
                expected.appendLine("")
                XCTAssertEqual(String(decoding: made, as: UTF8.self), String(decoding: expected, as: UTF8.self))
            }
        }
    }

    /// The regions section groups rows and rates by region (rows, then rates, each in their own
    /// order) in byte order of the region; its rows and rates are merged from each list put in
    /// region order. It reads as the grouping by a dictionary of regions (the rule, here), also
    /// when the rows do not come in table order.
    func testRegionsSectionGroupsAsByADictionaryOfRegions() {
        var rng = SplitMix64(seed: 33)
        func pick<T>(_ xs: [T]) -> T { xs[rng.int(0...xs.count - 1)] }
        let regions = ["", "北京市", "北京市/朝阳区", "北", "a", "A"]
        for _ in 0..<60 {
            var r = MonthReport(month: "2020-11")
            r.rows = (0..<rng.int(0...8)).map { i in
                let source = TestFixtures.figure(1, "人", doc: "d\(i).txt")
                return MonthlyRow(key: MonthlyKey(month: "2020-11", region: pick(regions), level: nil, metric: pick(["m", "n"]),
                                                  unit: pick(["人", "元"]), kind: pick([.flow, .level])),
                                  regionCode: "", metric: pick(["会员", ""]), metricID: "", value: Decimal(i * 1000 + 7),
                                  figures: pick([1, 3]), qualifiers: pick([[.exact], [.approx, .over]]), docs: [], docCount: 0,
                                  sources: pick([[], [SourceRef(source)]]), sourceCount: pick([1, 4]), direct: true)
            }
            r.rates = (0..<rng.int(0...6)).map { i in
                TestFixtures.figure(Decimal(i), "%", kind: .rate, region: pick(regions), doc: "r\(i).txt")
            }
            var made: [UInt8] = []
            ReportWriter.regionsSection(r, &made)
            // The rule.
            var expected: [UInt8] = []
            ReportWriter.heading("一、本月数字（按地区）", &expected)
            var t = TextTable([.left, .right, .left, .left, .left])
            t.add(["指标", "数值", "单位", "说明", "来源"])
            var byRegion: [String: (rows: [Int], rates: [Int])] = [:]
            for (i, row) in r.rows.enumerated() { byRegion[row.key.region, default: ([], [])].rows.append(i) }
            for (i, f) in r.rates.enumerated() { byRegion[f.region.path, default: ([], [])].rates.append(i) }
            var groups: [(String, Range<Int>)] = []
            for region in byRegion.keys.sorted(by: TableSort.less) {
                let start = t.rowCount
                for i in byRegion[region]!.rows { withUnsafePointer(to: r.rows[i]) { ReportWriter.addRow($0, to: &t) } }
                for i in byRegion[region]!.rates { withUnsafePointer(to: r.rates[i]) { ReportWriter.rateRow($0, to: &t) } }
                groups.append((region, start..<t.rowCount))
            }
            if groups.isEmpty {
                expected.appendLine("  （本月没有按月的数字）")
            } else {
                let widths = t.widths()
                expected.appendLine("")
                t.render(row: 0, widths: widths, into: &expected)
                for (region, range) in groups {
                    expected.appendLine("")
                    expected.appendLine(ReportWriter.regionLabel(region))
                    for row in range { t.render(row: row, widths: widths, into: &expected) }
                }
            }
            expected.appendLine("")
            XCTAssertEqual(String(decoding: made, as: UTF8.self), String(decoding: expected, as: UTF8.self))
        }
    }

    /// `ByteString.equal` (which the report's repeated cells ask): the same string at once, equal
    /// bytes in other storage, and other bytes apart, as comparing the bytes answers.
    func testEqualIsByteEquality() {
        let long = String(repeating: "北京市朝阳区", count: 4)
        let other = String(decoding: Array(long.utf8), as: UTF8.self)   // the same bytes, its own storage
        for (a, b) in [(long, long), (long, other), ("a", "a"), ("", ""), (long, long + "x"), ("a", "b"), ("", "a"),
                       (long, String(repeating: "北京市朝阳县", count: 4))] {
            XCTAssertEqual(ByteString.equal(a, b), Array(a.utf8) == Array(b.utf8), "\(a) \(b)")
        }
        // Both ways to "equal": the same String, and the same bytes in another.
        XCTAssertTrue(ByteString.sameValue(long, long))
        XCTAssertFalse(ByteString.sameValue(long, other))
        XCTAssertTrue(ByteString.equal(long, other))
    }

    func testBarChartShowsTheLargestFlowsOfAUnit() throws {
        let text = try seedReport("2020-11")
        let lines = text.components(separatedBy: "\n")
        let chart = lines.drop { !$0.hasPrefix("三、") }.prefix { !$0.hasPrefix("四、") }
        let people = chart.drop { $0 != "单位：人" }.dropFirst().prefix { !$0.isEmpty }
        XCTAssertEqual(people.count, 3)
        XCTAssertTrue(people.first?.contains("职工咨询人数") ?? false, "largest first")
        XCTAssertEqual(people.first?.filter { $0 == "█" }.count, ReportWriter.chartWidth)
    }

    func testGenerationDateOnlyFromSourceDateEpoch() {
        var report = MonthReport(month: "2020-11")
        XCTAssertFalse(ReportWriter.render(report).contains("生成日期"))
        report.generated = "2020-12-01"
        XCTAssertTrue(ReportWriter.render(report).contains("生成日期：2020-12-01"))
    }
}
