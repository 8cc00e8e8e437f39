import XCTest
@testable import UnionStats

final class CSVRoundTripTests: XCTestCase {
    private func tempDir() throws -> String {
        try TestScratch.directory("csv")
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

final class CSVSparseRowTests: XCTestCase {
    /// A row given as lead fields and a few non-empty cells is the same bytes as the whole
    /// row written field by field: guards (not in numeric columns), quoting, GB18030, one column.
    func testSparseRowsAreTheSameBytesAsWholeRows() throws {
        let header = ["region", "code", "m1", "m2", "m3", "m4"]
        let cases: [(lead: [String], sparse: [(column: Int, text: String)])] = [
            (["北京市/朝阳区", "110105"], [(1, "12.5")]),
            (["=cmd", "-1"], [(0, "+3"), (3, "a,\"b\"")]),
            ([" 前后空格 ", ""], []),
            (["x", "y"], [(0, "1"), (1, "2"), (2, "3"), (3, "4")]),
            (["多行\n文字", "z"], [(2, "")]),
        ]
        for encoding in [CSVEncoding.utf8BOM, .utf8, .gb18030] {
            let whole = OutputFile.memory(), sparse = OutputFile.memory()
            let a = CSVWriter(sink: whole, header: header, numericColumns: ["code", "m1", "m2"], encoding: encoding)
            let b = CSVWriter(sink: sparse, header: header, numericColumns: ["code", "m1", "m2"], encoding: encoding)
            for c in cases {
                var cells = Array(repeating: "", count: 4)
                for (column, text) in c.sparse { cells[column] = text }
                try a.write(c.lead + cells)
                try b.write(c.lead, cells: 4, sparse: c.sparse)
            }
            try a.close()
            try b.close()
            XCTAssertEqual(sparse.bytes, whole.bytes, "\(encoding)")
            let text = String(decoding: whole.bytes, as: UTF8.self)
            XCTAssertTrue(text.contains("'=cmd") && !text.contains("'-1") && !text.contains("'+3"), "text cells are guarded, numeric ones not")
        }
        // No lead: the first run of empty cells has no comma before it.
        for sparseCells in [[(column: Int, text: String)](), [(0, "v")], [(3, "v")], [(1, "v"), (2, "w")]] {
            try assertSparseRowIsWholeRow(header: ["a", "b", "c", "d", "e"], sparseCells, "no lead")
        }
        for sparseCells in [[(column: Int, text: String)](), [(0, "v")]] {
            try assertSparseRowIsWholeRow(header: ["only"], sparseCells, "one column")
        }
    }

    /// `write([], cells:sparse:)` gives the bytes `write` of the whole row does (header columns, no lead).
    private func assertSparseRowIsWholeRow(header: [String], _ sparseCells: [(column: Int, text: String)], _ label: String) throws {
        let whole = OutputFile.memory(), sparse = OutputFile.memory()
        let a = CSVWriter(sink: whole, header: header, encoding: .utf8)
        let b = CSVWriter(sink: sparse, header: header, encoding: .utf8)
        var cells = Array(repeating: "", count: header.count)
        for (column, text) in sparseCells { cells[column] = text }
        try a.write(cells)
        try b.write([], cells: header.count, sparse: sparseCells)
        try a.close()
        try b.close()
        XCTAssertEqual(sparse.bytes, whole.bytes, "\(label), \(sparseCells)")
    }
}

final class CSVRowEncoderTests: XCTestCase {
    /// Rows given field by field are the bytes of the same fields written as an array, for
    /// figures.csv and the figure lists, in every encoding, with text that is guarded or quoted.
    func testFieldByFieldRowsAreTheArrayRows() throws {
        let texts = ["职工沟通会", "=1+1", "-5", "a,\"b\"", "两行\n文字", " 空格 ", "", "'=x"]
        let figures = texts.enumerated().map { k, t in
            Figure(doc: t.isEmpty ? "a.txt" : t, article: k, headline: t, published: "2020-11-0\(k % 9 + 1)", source: t, line: k + 1,
                   raw: t, quantity: Quantity(value: Decimal(string: k % 2 == 0 ? "-12.5" : "679000")!, valueMax: k % 3 == 0 ? 700000 : nil,
                                              unit: t, qualifier: Qualifier.allCases[k % 6], per: t),
                   metric: t, metricID: t, kind: MetricKind.allCases[k % 3], region: Region(path: t, code: "=110105"),
                   organization: t, period: Period(label: t, start: t, end: t, month: t), sentence: t)
        }
        for encoding in [CSVEncoding.utf8BOM, .utf8, .gb18030] {
            XCTAssertEqual(CSVRowEncoder.encodeRows(figures, numeric: PageRowsCodec.figuresNumeric, encoding: encoding) { f, row in f.pointee.forEachField(&row) },
                           CSVWriter.encodeRows(figures.map(\.fields), numeric: PageRowsCodec.figuresNumeric, encoding: encoding), "\(encoding)")
            let whole = OutputFile.memory(), byField = OutputFile.memory()
            let a = CSVWriter(sink: whole, header: FigureListTable.columns, numericColumns: FigureListTable.numericColumns, encoding: encoding)
            let b = CSVWriter(sink: byField, header: FigureListTable.columns, numericColumns: FigureListTable.numericColumns, encoding: encoding)
            for f in figures {
                try a.write(FigureListTable.fields(f))
                try b.writeRow { FigureListTable.forEachField(of: f, &$0) }
            }
            try a.close()
            try b.close()
            XCTAssertEqual(byField.bytes, whole.bytes, "\(encoding)")
            XCTAssertTrue(String(decoding: whole.bytes, as: UTF8.self).contains("'=1+1") || encoding == .gb18030)
        }
    }

    /// A field given as its UTF-8 bytes is the bytes of its text as a String: plain, guarded,
    /// quoted, empty, alone in its row, in numeric and text columns, in every encoding.
    func testFieldsFromBytesAreTheirTextFields() {
        let texts = ["职工沟通会", "12.5", "-5", "=1+1", "+3", "@x", "\tx", "a,\"b\"", "两行\n文字", " 空格 ", "尾 ", "", "'=x", "北京市/朝阳区"]
        for encoding in [CSVEncoding.utf8BOM, .utf8, .gb18030] {
            for numeric in [[false, true], [true, false], [false]] {
                for text in texts {
                    let fromText = ByteArena(), fromBytes = ByteArena()
                    var a = CSVRowEncoder(numeric: numeric, encoding: encoding, into: fromText)
                    var b = CSVRowEncoder(numeric: numeric, encoding: encoding, into: fromBytes)
                    for _ in numeric {
                        a.field(text)
                        ByteString.withUTF8(text) { b.field(utf8: $0) }
                    }
                    a.end()
                    b.end()
                    XCTAssertEqual(fromBytes.array, fromText.array, "\(encoding) \(numeric) \(text.debugDescription)")
                }
            }
        }
    }

    /// Numbers written as numbers are the bytes of their text: in numeric columns and in
    /// text columns (where a negative one is guarded), for values on and off the fast path.
    func testNumberFieldsAreTheirTextFields() throws {
        // Every width of 1 to 19 digits, at both of its ends, either sign (digits are counted
        // before they are written in place).
        var numbers = [0, 7, -3, 1_234_567, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 1...18 {
            power *= 10
            numbers += [power - 1, power, -(power - 1), -power]
        }
        let decimals: [Decimal] = [0, 12, -12.5, 2_480_000, Decimal(string: "0.1234567")!, Decimal(string: "123456789012345678901234")!,
                                   Decimal(sign: .minus, exponent: 0, significand: 0), Decimal(string: "1e-10")!, Decimal(string: "3.000")!]
        for encoding in [CSVEncoding.utf8BOM, .gb18030] {
            for numeric in [[true, false], [false, true]] {
                // A small arena for the numbers, so writing digits in place grows it too.
                let byText = ByteArena(), byNumber = ByteArena(capacity: 16)
                for n in numbers {
                    var a = CSVRowEncoder(numeric: numeric, encoding: encoding, into: byText)
                    var b = CSVRowEncoder(numeric: numeric, encoding: encoding, into: byNumber)
                    a.field(String(n)); a.field(String(n / -2))
                    b.field(n); b.field(n / -2)
                    a.end(); b.end()
                }
                for d in decimals {
                    var a = CSVRowEncoder(numeric: numeric, encoding: encoding, into: byText)
                    var b = CSVRowEncoder(numeric: numeric, encoding: encoding, into: byNumber)
                    a.field(d.plain); a.field((-d).plain)
                    b.field(d); b.field(-d)
                    a.end(); b.end()
                }
                XCTAssertEqual(byNumber.array, byText.array, "\(encoding) \(numeric)")
            }
        }
    }

    /// The word-at-a-time quoting test agrees with the byte loop on every byte in every
    /// place of short and long fields.
    func testQuotingTestEightBytesAtATime() {
        var rng = SplitMix64(seed: 7)
        for length in 0..<40 {
            for trial in 0..<60 {
                var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next() % 3 == 0 ? rng.next() : 0x41 + rng.next() % 0x40) }
                if length > 0, trial < 40 { bytes[trial % length] = UInt8(trial * 7 % 256) }
                let fast = bytes.withUnsafeBytes { CSVWriter.needsQuoting($0) }
                XCTAssertEqual(fast, CSVWriter.needsQuoting(bytes), "\(bytes)")
            }
        }
    }
}
