import XCTest
@testable import UnionStats

final class CSVRoundTripTests: XCTestCase {
    private func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "unionstats-csv-\(UUID().uuidString)"
        try FilePaths.makeDirectories(dir)
        return dir
    }

    func testWriterQuotesGuardsAndReaderRoundTrips() throws {
        let path = try tempDir() + "/t.csv"
        let w = try CSVWriter(path: path, header: ["text", "value"], numericColumns: ["value"])
        try w.write(["a,b \"c\"\n第二行", "-5"])
        try w.write(["=SUM(A1)", "2480000"])
        try w.write([" 前后空格 ", ""])
        try w.close()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM by default")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("text,value\r\n"), "CRLF line ends")
        XCTAssertTrue(text.contains("'=SUM(A1),2480000\r\n"), "formula guarded, number plain")
        XCTAssertTrue(text.contains(",-5\r\n"), "numeric cells are never guarded")
        let rows = try CSVReader(path: path).readRecords(required: ["text", "value"])
        XCTAssertEqual(rows.map { $0["text"] }, ["a,b \"c\"\n第二行", "'=SUM(A1)", " 前后空格 "])
        XCTAssertEqual(rows.map { $0["value"] }, ["-5", "2480000", ""])
        XCTAssertEqual(rows.map(\.row), [2, 3, 4])
    }

    func testReaderAcceptsLFAndNamesFileAndRowOnError() throws {
        let ok = CSVReader(bytes: Array("a,b\n1,2\n3,4".utf8), name: "lf.csv")
        XCTAssertEqual(try ok.readRecords().map { $0["b"] }, ["2", "4"])
        let bad = CSVReader(bytes: Array("a,b\r\n1,2\r\n3,x\"y\r\n".utf8), name: "bad.csv")
        XCTAssertThrowsError(try bad.readRecords()) { error in
            XCTAssertEqual("\(error)".hasPrefix("bad.csv:3:"), true, "\(error)")
        }
        let missing = CSVReader(bytes: Array("a\n1\n".utf8), name: "m.csv")
        XCTAssertThrowsError(try missing.readRecords(required: ["doc"])) { error in
            XCTAssertEqual(error as? CSVError, .missingColumns(path: "m.csv", columns: ["doc"]))
        }
    }

    func testGB18030Encoding() throws {
        let path = try tempDir() + "/g.csv"
        let w = try CSVWriter(path: path, header: ["地区"], encoding: .gb18030)
        try w.write(["朝阳区"])
        try w.close()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        // 朝 is B3AF in GBK.
        XCTAssertEqual(Array(bytes.prefix(2)), [0xB5, 0xD8], "地 in GB18030")
        XCTAssertTrue(bytes.contains(0xB3))
    }

    func testUnchangedOutputIsNotRewritten() throws {
        let path = try tempDir() + "/same.txt"
        XCTAssertTrue(try OutputFile.replace(path, with: Array("x".utf8)))
        XCTAssertFalse(try OutputFile.replace(path, with: Array("x".utf8)))
        XCTAssertTrue(try OutputFile.replace(path, with: Array("y".utf8)))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "y")
    }
}

final class CSVOneColumnTests: XCTestCase {
    /// Found by the CSV fuzzer: a one-column row holding "" used to become an empty line and vanish.
    func testAnEmptyOneColumnRowSurvives() throws {
        let sink = OutputFile.memory()
        let w = CSVWriter(sink: sink, header: ["c"], numericColumns: ["c"], encoding: .utf8)
        try w.write([""])
        try w.write(["x"])
        try w.close()
        var rows: [[String]] = []
        try CSVReader(bytes: sink.bytes, name: "one").forEachRow { f, _ in rows.append(f) }
        XCTAssertEqual(rows, [["c"], [""], ["x"]])
    }
}
