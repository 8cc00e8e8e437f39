import XCTest
@testable import UnionStats

final class FiguresInputTests: XCTestCase {
    typealias F = TestFixtures

    func testUTF8Validation() throws {
        let dir = try F.tempDir("utf8")
        let cases: [([UInt8], Bool, String)] = [
            (Array("doc,value\r\n朝阳区,45\r\n".utf8), true, "UTF-8 Chinese"),
            ([0xEF, 0xBB, 0xBF] + Array("a,b".utf8), true, "BOM"),
            ([0xB3, 0xAF, 0xD1, 0xF4], false, "GB18030 朝阳"),
            ([0xE6, 0x9C], false, "cut multibyte at end of file"),
            ([0xED, 0xA0, 0x80], false, "surrogate"),
            ([0xC0, 0xAF], false, "overlong"),
        ]
        // Characters cut by the reader's 64 KB blocks at every offset, valid and not.
        let block = 1 << 16
        var more = cases
        for shift in 0..<4 {
            let pad = [UInt8](repeating: 0x61, count: block - 2 + shift)
            more.append((pad + Array("朝阳😀区".utf8), true, "block edge +\(shift)"))
            more.append((pad + [0xE6, 0x9C, 0x41], false, "cut character before ASCII at block edge +\(shift)"))
            more.append((pad + [0xF0, 0x9F, 0x98], false, "cut emoji at the end after a block edge +\(shift)"))
        }
        for (i, (bytes, valid, why)) in more.enumerated() {
            let path = dir + "/\(i).csv"
            try OutputFile.replace(path, with: bytes)
            XCTAssertEqual(try FiguresInput.isUTF8(path), valid, why)
        }
    }

    func testGB18030FiguresGiveTheSameTablesAsUTF8() throws {
        // Repeated with other doc names so the file spans several 64 KB blocks of the transcoder.
        let seed = try CSVReader(path: F.seedFigures).readRecords().compactMap(Figure.init(record:))
        var figures: [Figure] = []
        for copy in 0..<10 {
            figures += seed.map { var f = $0; f.doc = "\(copy)-" + f.doc; return f }
        }
        let dir = try F.tempDir("gb18030")
        for (name, encoding) in [("utf8", CSVEncoding.utf8BOM), ("gb", .gb18030)] {
            try FilePaths.makeDirectories(dir + "/" + name + "/tables")
            let w = try CSVWriter(path: dir + "/\(name)/figures.csv", header: Figure.columns,
                                  numericColumns: Figure.numericColumns, encoding: encoding)
            for f in figures { try w.write(f.fields) }
            try w.close()
            try AggregateStage.run(figuresPath: dir + "/\(name)/figures.csv", tablesDir: dir + "/\(name)/tables",
                                   options: TableOptions())
        }
        XCTAssertGreaterThan(try F.bytes(dir + "/gb/figures.csv").count, 3 << 16)
        XCTAssertFalse(try FiguresInput.isUTF8(dir + "/gb/figures.csv"))
        for table in AggregateStage.tableNames {
            XCTAssertEqual(try F.bytes(dir + "/gb/tables/" + table), try F.bytes(dir + "/utf8/tables/" + table), table)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/gb/tables").sorted(),
                       AggregateStage.tableNames.sorted(), "the transcoded copy is removed")
    }

    /// `asReadBack` works on the figure field by field; its definition is the fields as
    /// written, read back. Every text field takes formula-like, guard-like and plain text.
    func testReadBackFieldByFieldIsTheFieldsReadBack() {
        let texts = ["", "职工沟通会", "=1+1", "-5场", "+86", "@工会", "\t表", "\r行", "'=已防护", "'普通", "''=x", "'", "a'=b"]
        let values: [(Decimal, Decimal?)] = [(0, nil), (Decimal(string: "679000")!, nil), (Decimal(string: "0.1234567")!, nil),
                                              (Decimal(string: "2")!, Decimal(string: "4")!), (Decimal(string: "-3.5")!, Decimal(string: "12.0000001")!)]
        var checked = 0
        for (k, t) in texts.enumerated() {
            for (v, vMax) in values {
                let other = texts[(k + 3) % texts.count]
                let f = Figure(doc: t.isEmpty ? "a.txt" : t, article: k, headline: t, published: other, source: t, line: k + 1,
                               raw: t, quantity: Quantity(value: v, valueMax: vMax, unit: other, qualifier: Qualifier.allCases[k % 6], per: t),
                               metric: other, metricID: t, kind: MetricKind.allCases[k % 3], region: Region(path: t, code: other),
                               organization: t, period: Period(label: t, start: other, end: t, month: other), sentence: t)
                XCTAssertEqual(FiguresInput.asReadBack(f), FiguresInput.asReadBackThroughFields(f), "text \(t.debugDescription), value \(v)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, texts.count * values.count)
    }

    /// `readBack(_:text: false)` is `asReadBack` for figures whose texts start with neither `'`
    /// nor a formula byte, and says whether the values came back exactly.
    func testReadBackWithoutTextOnPlainText() {
        var plain = 0, needed = 0
        for f in PageFiguresTests.figures() {
            let fields = f.fields
            let marked = Figure.columns.indices.contains { c in
                FigureRowFields.readBackText & 1 << c != 0
                    && fields[c].utf8.first.map { $0 == UInt8(ascii: "'") || CSVWriter.startsFormula($0) } == true
            }
            var g = f
            let exact = FiguresInput.readBack(&g, text: marked)
            XCTAssertEqual(g, FiguresInput.asReadBack(f), "\(fields)")
            XCTAssertEqual(exact, DecimalText.readBack(f.quantity.value) != nil && f.quantity.valueMax.map { DecimalText.readBack($0) != nil } != false)
            if !marked { plain += 1 }
            // With marks, leaving the text alone would not always do (the test is a cautious one:
            // `'普通`, or `+86` where no guard is added, reads back as it is).
            if marked {
                var h = f
                FiguresInput.readBack(&h, text: false)
                if h != FiguresInput.asReadBack(f) { needed += 1 }
            }
        }
        XCTAssertGreaterThan(plain, 0)
        XCTAssertGreaterThan(needed, 0)
    }
}
