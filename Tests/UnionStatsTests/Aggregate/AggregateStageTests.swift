import XCTest
@testable import UnionStats

final class AggregateStageTests: XCTestCase {
    typealias F = TestFixtures

    private func runOnSeed() throws -> String {
        let dir = try F.tempDir("aggregate")
        try AggregateStage.run(figuresPath: F.seedFigures, tablesDir: dir, options: TableOptions())
        return dir
    }

    func testEveryTableHasABOMAndCRLFLineEnds() throws {
        let dir = try runOnSeed()
        for name in AggregateStage.tableNames {
            let bytes = try F.bytes(dir + "/" + name)
            XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "\(name) starts with a UTF-8 BOM")
            var lf = 0, crlf = 0
            for (i, b) in bytes.enumerated() where b == 0x0A {
                lf += 1
                if i > 0 && bytes[i - 1] == 0x0D { crlf += 1 }
            }
            XCTAssertGreaterThan(lf, 1, "\(name) has rows")
            XCTAssertEqual(lf, crlf, "\(name): every line ends in CRLF")
        }
    }

    func testSeedMonthlyTotalsKeepCumulativeFiguresOut() throws {
        let dir = try runOnSeed()
        let monthly = try CSVReader(path: dir + "/monthly.csv").readRecords(required: MonthlyRow.columns)
        let talks = monthly.filter { $0["month"] == "2020-11" && $0["region"] == "北京市/朝阳区" && $0["metric"] == "职工沟通会" }
        XCTAssertEqual(talks.map { $0["value"] }, ["45"])
        XCTAssertEqual(talks.first?["unit"], "场")
        XCTAssertEqual(talks.first?["level"], "district")
        XCTAssertEqual(talks.first?["region_code"], "110105")
        let cumulative = try CSVReader(path: dir + "/cumulative.csv").readRecords()
        let values = Set(cumulative.filter { $0["metric"] == "职工沟通会" }.map { "\($0["value"]) \($0["period_label"])" })
        XCTAssertTrue(values.isSuperset(of: ["1992 三年来", "186 截至目前"]), "\(values)")
        XCTAssertTrue(cumulative.allSatisfy { $0["month"].isEmpty })
        let undated = try CSVReader(path: dir + "/undated.csv").readRecords()
        XCTAssertTrue(undated.allSatisfy { $0["month"].isEmpty && $0["period_label"].isEmpty })
        // Every seed figure lands in exactly one per-figure table or, once, in a province
        // row (flows roll up to it) or a row with no region; levels are not rolled up.
        let figures = try CSVReader(path: F.seedFigures).readRecords()
        let rates = try CSVReader(path: dir + "/rates.csv").readRecords()
        let counted = monthly.filter { $0["level"] == "province" || $0["region"].isEmpty || $0["kind"] == "level" }
            .reduce(0) { $0 + (Int($1["figures"]) ?? 0) }
        XCTAssertEqual(cumulative.count + undated.count + rates.count + counted, figures.count)
    }

    func testRegionCodesArePlainDigitsThatASpreadsheetKeeps() throws {
        let dir = try runOnSeed()
        let text = String(decoding: try F.bytes(dir + "/monthly.csv").dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.contains(",110105007,street,"), "9-digit street code unquoted and unguarded")
        for record in try CSVReader(path: dir + "/monthly.csv").readRecords() {
            let code = record["region_code"]
            XCTAssertTrue(code.isEmpty || (code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && code.utf8.count <= 15), code)
        }
    }

    func testWideTableHasAColumnPerMonthOfFlows() throws {
        let dir = try runOnSeed()
        let rows = try CSVReader(path: dir + "/wide.csv").readRecords()
        var header: [String] = []
        try CSVReader(path: dir + "/wide.csv").forEachRow { fields, row in if row == 1 { header = fields } }
        XCTAssertEqual(header, WideTable.leadColumns + ["2019-02", "2019-12", "2020-01", "2020-11", "2021-01"])
        let chaoyang = rows.first { $0["region"] == "北京市/朝阳区" && $0["metric"] == "职工沟通会" }
        XCTAssertEqual(chaoyang?["2020-11"], "45")
        XCTAssertEqual(chaoyang?["2020-01"], "")
        XCTAssertTrue(rows.allSatisfy { $0.has("2019-02") && $0.has("2021-01") })
    }

    /// wide.csv is written a part of the regions at a time; the parts must come out in the
    /// table's byte order also when a name holds a character that sorts before "/".
    func testWideTableRowsAreInByteOrderAcrossItsParts() throws {
        let dir = try F.tempDir("wide-order")
        let tables = try MonthlyOutputs(tablesDir: dir, reportsDir: nil, encoding: .utf8BOM)
        let regions = ["四川省-X/甲县", "四川省/成都市/武侯区/玉林街道", "四川省/成都市-高新/乙", "四川省/成都市场/丙",
                       "四川省", "四川省/阿坝藏族羌族自治州/汶川县", "四川省/阿坝藏族羌族自治州", "", "北京市/朝阳区"]
        for (i, r) in regions.enumerated() {
            for month in ["2020-10", "2020-11"] { try tables.add(F.figure(Decimal(i + 1), "场", month: month, region: r, code: "", line: i)) }
        }
        try tables.finish()
        let wide = try CSVReader(path: dir + "/wide.csv").readRecords().map { $0["region"] }
        XCTAssertEqual(wide, wide.sorted { TableSort.less($0, $1) }, "wide.csv in byte order of regions")
        let monthly = try CSVReader(path: dir + "/monthly.csv").readRecords().filter { $0["month"] == "2020-11" }.map { $0["region"] }
        XCTAssertEqual(wide, monthly, "a wide row for each of the month's rows, in the same order")
        XCTAssertTrue(wide.contains("四川省-X") && wide.contains("四川省/成都市场"), "\(wide)")
    }

    /// wide.csv's rows, put together from the records' bytes, are the month rows' flows pivoted
    /// with Strings (as they were written before): a line per region, level, metric and unit with
    /// its first row's names, in table order (field by field when a name holds a NUL byte, which
    /// the sort bytes cannot order), names guarded and quoted, in UTF-8 and GB18030.
    func testWideRowsAreTheMonthRowsPivoted() throws {
        let regions = ["四川省/成都市", "=cmd/甲", "a,b", "四川省\u{0}/乙", "四川省/成都市/武侯区", ""]
        let months = ["2020-10", "2020-11", "2020-12"]
        for encoding in [CSVEncoding.utf8BOM, .gb18030] {
            for withNul in [false, true] {
                let dir = try F.tempDir("wide-pivot")
                let wide = try WideTable(scratchDir: dir)
                var lines: [(lead: [String], key: [String], level: Int, values: [(column: Int, text: String)])] = []
                var lineOf: [[String]: Int] = [:]
                for (column, month) in months.enumerated() {
                    var aggregator = Aggregator(rollup: true)
                    for (i, r) in regions.enumerated() where (withNul || !r.contains("\u{0}")) && (i + column) % 4 != 3 {
                        aggregator.add(F.figure(Decimal(i * 10 + column) + (i % 3 == 0 ? Decimal(string: "0.5")! : 0), ["场", "人"][i % 2],
                                                metricID: i % 2 == 0 ? "" : "m\(i)", month: month, region: r, code: "", line: i))
                    }
                    let rows = aggregator.rows()
                    try wide.add(month: month, rows)
                    for r in rows where r.key.kind == .flow {
                        let key = [r.key.region, r.key.level?.rawValue ?? "", r.key.metric, r.key.unit]
                        if lineOf[key] == nil {
                            lineOf[key] = lines.count
                            lines.append(([r.key.region, r.regionCode, r.key.level?.rawValue ?? "", r.metric, r.metricID, r.key.unit],
                                          key, r.key.level?.rank ?? -1, []))
                        }
                        lines[lineOf[key]!].values.append((column, r.value.plain))
                    }
                }
                lines.sort { a, b in
                    if a.key[0] != b.key[0] { return TableSort.less(a.key[0], b.key[0]) }
                    if a.level != b.level { return a.level < b.level }
                    return a.key[2] != b.key[2] ? TableSort.less(a.key[2], b.key[2]) : TableSort.less(a.key[3], b.key[3])
                }
                let expected = OutputFile.memory()
                let writer = CSVWriter(sink: expected, header: WideTable.leadColumns + months,
                                       numericColumns: Set(["region_code"] + months), encoding: encoding)
                for line in lines { try writer.write(line.lead, cells: months.count, sparse: line.values) }
                try writer.close()
                try wide.write(path: dir + "/wide.csv", encoding: encoding)
                XCTAssertEqual(try F.bytes(dir + "/wide.csv"), expected.bytes, "\(encoding), NUL: \(withNul)")
                XCTAssertGreaterThan(lines.count, 5)
            }
        }
    }

    /// A record whose region starts as the record before's reuses that record's partition name;
    /// each record must still land in the partition its own region gives.
    func testWideRecordsGoToTheirOwnRegionsPartition() throws {
        let dir = try F.tempDir("wide-partitions")
        // 四川省/成都市/ is the first eight characters of the first two (the name is reused),
        // not of the others (a new name each time), and 北京市 is shorter than a partition's cut.
        let regions = ["四川省/成都市/武侯区/玉林街道", "四川省/成都市/锦江区", "四川省/成都市-高新/乙", "四川省-X/甲县", "北京市", "北京市/朝阳区"]
        var aggregator = Aggregator(rollup: false)
        for (i, r) in regions.enumerated() { aggregator.add(F.figure(Decimal(i + 1), "场", region: r, code: "", line: i)) }
        let rows = aggregator.rows()
        let wide = try WideTable(scratchDir: dir)
        try wide.add(month: "2020-11", rows)
        let expected = Set(rows.map { WideTable.partition($0.key.region) })
        XCTAssertEqual(Set(wide.partitions), expected)
        XCTAssertEqual(expected.count, 5, "\(expected)")
        for r in regions {
            var copy = r
            let count = copy.withUTF8 { WideTable.partitionCount($0) }
            XCTAssertEqual(count, WideTable.partition(r).utf8.count, r)
        }
    }

    /// A wide record's level is read from its bytes as `RegionLevel(rawValue:)` reads its text.
    func testWideLevelFromBytesIsTheRawValuesLevel() {
        for text in RegionLevel.allCases.map(\.rawValue) + ["", "cit", "streets", "Province", "区"] {
            let level = ByteString.withUTF8(text) { WideTable.level($0) }
            XCTAssertEqual(level, RegionLevel(rawValue: text), text)
        }
    }

    func testSameInputGivesTheSameBytesAndLeavesUnchangedTablesAlone() throws {
        let a = try runOnSeed(), b = try runOnSeed()
        for name in AggregateStage.tableNames {
            XCTAssertEqual(try F.bytes(a + "/" + name), try F.bytes(b + "/" + name), name)
        }
        let path = a + "/monthly.csv"
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.05)
        try AggregateStage.run(figuresPath: F.seedFigures, tablesDir: a, options: TableOptions())
        let after = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        XCTAssertEqual(before, after, "an unchanged table is not rewritten")
    }

    func testGB18030TablesHaveNoBOM() throws {
        let dir = try F.tempDir("aggregate-gb")
        try AggregateStage.run(figuresPath: F.seedFigures, tablesDir: dir, options: TableOptions(encoding: .gb18030))
        let bytes = try F.bytes(dir + "/monthly.csv")
        XCTAssertNotEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertNotNil(String(data: Data(bytes), encoding: CSVEncoding.foundationGB18030))
    }

    func testAnEmptyFiguresFileGivesHeaderOnlyTables() throws {
        let dir = try F.tempDir("aggregate-empty")
        try F.writeFigures([], to: dir + "/figures.csv")
        try AggregateStage.run(figuresPath: dir + "/figures.csv", tablesDir: dir, options: TableOptions())
        for name in AggregateStage.tableNames {
            XCTAssertEqual(try CSVReader(path: dir + "/" + name).readRecords().count, 0, name)
        }
        XCTAssertEqual(String(decoding: try F.bytes(dir + "/wide.csv").dropFirst(3), as: UTF8.self),
                       WideTable.leadColumns.joined(separator: ",") + "\r\n")
    }

    func testABadValueNamesTheRow() throws {
        let dir = try F.tempDir("aggregate-bad")
        let path = dir + "/figures.csv"
        try F.writeFigures([F.figure(1, "场")], to: path)
        var text = String(decoding: try F.bytes(path), as: UTF8.self)
        text = text.replacingOccurrences(of: ",1,,场,", with: ",x,,场,")
        try OutputFile.replace(path, with: Array(text.utf8))
        XCTAssertThrowsError(try AggregateStage.run(figuresPath: path, tablesDir: dir, options: TableOptions())) {
            XCTAssertTrue("\($0)".contains(":2"), "\($0)")
        }
    }
}
