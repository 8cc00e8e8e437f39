import XCTest
@testable import UnionStats

/// The hand-over of a page's figures to the tables and reports (`PageFigures`), which copies
/// the per-figure tables' fields from the figures.csv rows (`FigureRowFields`), is held to
/// the full path: each figure read back (`FiguresInput.asReadBack`) and encoded field by field.
final class PageFiguresTests: XCTestCase {
    /// Text that is guarded, looks guarded, is quoted, or is plain.
    static let texts = ["", "职工沟通会", "=1+1", "-5场", "+86", "@工会", "\t表", "'=已防护", "'普通", "a,b", "'a,\"b\"",
                        "\"=x\"", " =x", "两行\n文字", "2020-11-05", "2020-11", "北京市/朝阳区"]
    /// Values that come back exactly and values that do not (more than 6 decimals, or more than 18 digits).
    static let values: [(Decimal, Decimal?)] = [(0, nil), (Decimal(string: "679000")!, nil), (Decimal(string: "0.1234567")!, nil),
                                                (Decimal(string: "2")!, Decimal(string: "4")!), (Decimal(string: "-3.5")!, Decimal(string: "12.0000001")!),
                                                (Decimal(string: "1234567890123456789")!, nil), (Decimal(25).timesPowerOfTen(4), Decimal(string: "12.50")!)]

    /// Figures with every text in every text field, every value, and every route.
    static func figures() -> [Figure] {
        var all: [Figure] = []
        for (k, t) in texts.enumerated() {
            for (j, (v, vMax)) in values.enumerated() {
                let other = texts[(k + j + 3) % texts.count]
                let n = k * values.count + j
                // Month, rate/per, period: each route in turn; the month takes text too.
                let month = [t, "2020-11", "", ""][n % 4]
                let label = n % 4 == 2 ? other : ""
                let f = Figure(doc: t.isEmpty ? "a.txt" : t, article: k, headline: other, published: ["2020-11-05", t, "2019-02", ""][n % 4],
                               source: t, line: n + 1, raw: other,
                               quantity: Quantity(value: v, valueMax: vMax, unit: n % 3 == 0 ? t : "人", qualifier: Qualifier.allCases[n % 6],
                                                  per: n % 5 == 0 ? other : ""),
                               metric: n % 2 == 0 ? t : other, metricID: n % 3 == 1 ? t : "", kind: MetricKind.allCases[n % 3],
                               region: Region(path: n % 2 == 1 ? t : other, code: n % 2 == 0 ? "110105" : ""),
                               organization: t, period: Period(label: label, start: n % 3 == 2 ? t : "", end: "", month: month), sentence: t)
                all.append(f)
            }
        }
        return all
    }

    private static func bytes(_ d: Decimal) -> [UInt8] { withUnsafeBytes(of: d) { Array($0) } }

    func testNotingFieldsGivesTheSameRowsAndTheirFields() {
        let figures = PageFiguresTests.figures()
        for encoding in [CSVEncoding.utf8BOM, .utf8, .gb18030] {
            let codec = PageRowsCodec(encoding: encoding)
            var result = NormalizeStage.PageResult(figures: figures, articles: [], rejects: [])
            let plain = codec.encode(result, doc: "a.txt")
            let (rows, written) = codec.encode(&result, doc: "a.txt", notingFields: true)
            XCTAssertEqual(rows.figures, plain.figures, "\(encoding)")
            XCTAssertEqual(result.figures, figures, "the figures are left as they were")
            guard let written else { return XCTFail("no fields noted") }
            var marks = 0
            written.withRows { rows in
                for (i, f) in figures.enumerated() {
                    let row = rows[i]
                    // Each field is the field encoded alone, and the fields with commas and CRLF are the row.
                    let fields = f.fields
                    var whole: [UInt8] = []
                    for column in fields.indices {
                        let start = row.starts[column], end = row.end(column)
                        let alone = ByteArena()
                        var one = CSVRowEncoder(numeric: [PageRowsCodec.figuresNumeric[column], true], encoding: encoding, into: alone)
                        one.field(fields[column])
                        one.empty(1)
                        XCTAssertEqual(Array(UnsafeBufferPointer(start: row.bytes + start, count: end - start)), Array(alone.array.dropLast()),
                                       "figure \(i) column \(Figure.columns[column]) \(encoding)")
                        if column > 0 { whole.append(UInt8(ascii: ",")) }
                        whole += UnsafeBufferPointer(start: row.bytes + start, count: end - start)
                    }
                    XCTAssertEqual(whole + [0x0D, 0x0A],
                                   Array(UnsafeBufferPointer(start: row.bytes + row.starts[0], count: row.starts[Figure.columns.count] + 1 - row.starts[0])))
                    // A quote mark is seen exactly where a text readBack keeps starts with `'` or a formula byte.
                    let expected = Figure.columns.indices.contains { column in
                        FigureRowFields.readBackText & 1 << column != 0 && fields[column].utf8.first.map {
                            $0 == UInt8(ascii: "'") || CSVWriter.startsFormula($0)
                        } == true
                    }
                    XCTAssertEqual(row.hasQuoteMark, expected, "figure \(i) \(encoding)")
                    if expected { marks += 1 }
                }
            }
            XCTAssertGreaterThan(marks, 0)
            XCTAssertLessThan(marks, figures.count)
        }
    }

    /// `PageFigures(readingBack:)` against the full path, in every encoding, with the list rows
    /// copied (values that come back exactly, same encoding) and encoded (the rest).
    func testPageFiguresAreTheFiguresReadBackAndEncoded() {
        let figures = PageFiguresTests.figures()
        // Also with figures of one date together, as on a page (the month of the date is kept).
        let byDate = figures.enumerated().sorted { ($0.element.published, $0.offset) < ($1.element.published, $1.offset) }.map(\.element)
        for figures in [figures, byDate] {
        for (rowsEncoding, encoding) in [(CSVEncoding.utf8BOM, CSVEncoding.utf8BOM), (.utf8, .utf8), (.gb18030, .gb18030), (.gb18030, .utf8BOM)] {
            for (tables, reports) in [(true, true), (true, false), (false, true)] {
                var result = NormalizeStage.PageResult(figures: figures, articles: [], rejects: [])
                let (_, written) = PageRowsCodec(encoding: rowsEncoding).encode(&result, doc: "a.txt", notingFields: true)
                var readBack = figures
                let page = PageFigures(readingBack: &readBack, written: written!, tables: tables, reports: reports, encoding: encoding)

                var lists: [[UInt8]] = [[], [], []]
                var records: [UInt8] = []
                var months: [String] = []
                var copied = 0, encoded = 0
                for f in figures {
                    let g = FiguresInput.asReadBack(f)
                    let route = FigureRoute.of(g)
                    if tables, let list = MonthlyOutputs.listIndex(route) {
                        let out = ByteArena()
                        var row = CSVRowEncoder(numeric: MonthlyOutputs.listNumeric, encoding: encoding, into: out)
                        FigureListTable.forEachField(of: g, &row)
                        row.end()
                        lists[list] += out.array
                        let exact = DecimalText.readBack(f.quantity.value) != nil && f.quantity.valueMax.map { DecimalText.readBack($0) != nil } != false
                        if exact && rowsEncoding == encoding { copied += 1 } else { encoded += 1 }
                    }
                    guard let month = PageFigures.month(of: g, route: route, reports: reports) else { continue }
                    FigureRecord.encode(g, route: route, into: &records)
                    if months.last != month { months.append(month) }
                }
                let label = "rows \(rowsEncoding), tables \(encoding), \(tables) \(reports)"
                XCTAssertEqual(readBack, figures.map(FiguresInput.asReadBack), label)
                XCTAssertEqual(page.lists, lists, label)
                // The records read back as the full path's, each run on its own (a run goes to its month
                // whole, and records after the first may refer to the one before); shorter where they do.
                var expected: [(FigureRoute, Figure)] = [], got: [(FigureRoute, Figure)] = []
                XCTAssertNoThrow(try records.withUnsafeBytes { try FigureRecord.forEach(in: $0, source: "full") { expected.append(($0, $1)) } })
                for run in page.runs {
                    XCTAssertNoThrow(try page.records[run.range].withUnsafeBytes {
                        try FigureRecord.forEach(in: $0, source: "run") { got.append(($0, $1)) }
                    }, label)
                }
                XCTAssertEqual(got.map(\.0), expected.map(\.0), label)
                XCTAssertEqual(got.map(\.1), expected.map(\.1), label)
                XCTAssertFalse(expected.isEmpty, label)
                XCTAssertLessThan(page.records.count, records.count, label)
                XCTAssertEqual(page.runs.map(\.month), months, label)
                XCTAssertEqual(page.runs.last?.range.upperBound ?? 0, page.records.count, label)
                if tables {
                    XCTAssertGreaterThan(encoded, 0, label)
                    if rowsEncoding == encoding { XCTAssertGreaterThan(copied, 0, label) }
                }
            }
        }
        }
    }

    /// The list tables' columns are figures.csv's, numeric in both or text in both (what copying relies on).
    func testListColumnsAreFiguresColumnsOfTheSameKind() {
        for (k, column) in FigureRowFields.listSources.enumerated() {
            XCTAssertEqual(FigureListTable.columns[k], Figure.columns[column])
            XCTAssertEqual(FigureListTable.numericColumns.contains(FigureListTable.columns[k]), Figure.numericColumns.contains(Figure.columns[column]))
            XCTAssertFalse(FiguresInput.unreadColumns.contains(Figure.columns[column]))
        }
        XCTAssertEqual(FigureRowFields.listRuns.flatMap { Array($0.first...$0.last) }, FigureRowFields.listSources)
        XCTAssertLessThan(FigureRowFields.listRuns.count, FigureRowFields.listSources.count)
    }
}
