import XCTest
@testable import UnionStats

/// A month record with its texts copied from the figure's figures.csv row (`FigureRowRecord`)
/// is held to `FigureRecord.encode` of the figure read back, byte for byte, and the rows it is
/// used for (`FigureRowFields.Row.marks`) to what their fields are.
final class FigureRowRecordTests: XCTestCase {
    /// A copy of `s` that is equal but not the same String (its own storage, when large).
    private static func apart(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }

    func testRecordsFromRowsAreTheRecordsOfTheFiguresReadBack() {
        var figures = PageFiguresTests.figures()
        // Texts equal to the figure before's but made apart, which a record writes out again.
        for i in stride(from: 1, to: figures.count, by: 5) {
            figures[i].doc = FigureRowRecordTests.apart(figures[i - 1].doc)
            figures[i].headline = FigureRowRecordTests.apart(figures[i - 1].headline)
        }
        for encoding in [CSVEncoding.utf8BOM, .utf8, .gb18030] {
            var result = NormalizeStage.PageResult(figures: figures, articles: [], rejects: [])
            let (_, written) = PageRowsCodec(encoding: encoding).encode(&result, doc: "a.txt", notingFields: true)
            guard let written else { return XCTFail("no fields noted") }
            var readBack = figures.map(FiguresInput.asReadBack)
            var taken = 0, notTaken = 0, referred = 0, quoted = 0
            FigureRowRecord.columns.withUnsafeBufferPointer { columns in
            FigureRowRecord.offsets.withUnsafeBufferPointer { offsets in
            readBack.withUnsafeMutableBufferPointer { readBack in
                written.withRows { rows in
                    for (i, f) in figures.enumerated() {
                        let row = rows[i]
                        let marks = row.marks(quoting: FigureRowRecord.textColumns, readBackText: FigureRowFields.readBackText)
                        XCTAssertEqual(marks.quoteMark, row.hasQuoteMark)
                        // A record's text is quoted in the row exactly when the writer quotes it.
                        let fields = f.fields
                        let expected = FigureRowRecord.columns.contains { column in
                            let bytes = encoding.encode(fields[column])
                            return CSVWriter.needsQuoting(bytes) || (PageRowsCodec.figuresNumeric[column] ? false : CSVWriter.looksLikeFormula(fields[column])
                                && CSVWriter.needsQuoting(encoding.encode("'" + fields[column])))
                        }
                        if !marks.quoteMark { XCTAssertEqual(marks.quoted, expected, "figure \(i) \(encoding)") }
                        if marks.quoted { quoted += 1 }
                        guard encoding != .gb18030, !marks.quoteMark, !marks.quoted else { notTaken += 1; continue }
                        taken += 1
                        for slot in FigureRecord.Slot.allCases {
                            XCTAssertEqual(readBack[i][keyPath: slot.text], f[keyPath: slot.text], "readBack leaves the texts as they are")
                        }
                        let g = readBack.baseAddress! + i
                        let route = FigureRoute.of(g.pointee)
                        for previous in [nil, i > 0 ? UnsafePointer(readBack.baseAddress! + i - 1) : nil] {
                            let out = ByteArena(capacity: 16)
                            FigureRowRecord.append(g, route: route, after: previous, row: row, columns: columns, offsets: offsets, to: out)
                            var full: [UInt8] = []
                            FigureRecord.encode(g.pointee, route: route, after: previous, into: &full)
                            XCTAssertEqual(out.array, full, "figure \(i) \(encoding) after \(String(describing: previous))")
                            if previous != nil && full.count < FigureRowRecordTests.length(of: g.pointee) { referred += 1 }
                        }
                    }
                }
            }
            }
            }
            if encoding == .gb18030 {
                XCTAssertEqual(taken, 0)
            } else {
                XCTAssertGreaterThan(taken, 0, "\(encoding)")
                XCTAssertGreaterThan(notTaken, 0, "\(encoding)")
                XCTAssertGreaterThan(quoted, 0, "\(encoding)")
                XCTAssertGreaterThan(referred, 0, "\(encoding)")
            }
        }
    }

    /// A record's length with every text written out.
    private static func length(of f: Figure) -> Int {
        var full: [UInt8] = []
        FigureRecord.encode(f, route: FigureRoute.of(f), into: &full)
        return full.count
    }

    /// Each text of a record is the figure's in its figures.csv column and at its place in a `Figure`.
    func testSlotsNameTheFiguresTexts() {
        // Every text its own (large, so each has its own storage).
        var f = PageFiguresTests.figures()[40]
        for slot in FigureRecord.Slot.allCases { f[keyPath: slot.text] = "text of \(slot) that is long enough" }
        let fields = f.fields
        withUnsafePointer(to: f) { p in
            for slot in FigureRecord.Slot.allCases {
                XCTAssertEqual(fields[FigureRowRecord.columns[slot.rawValue]], "text of \(slot) that is long enough")
                let bits = UnsafeRawPointer(p).loadUnaligned(fromByteOffset: FigureRowRecord.offsets[slot.rawValue], as: (UInt64, UInt64).self)
                XCTAssertTrue(bits == unsafeBitCast(f[keyPath: slot.text], to: (UInt64, UInt64).self), "\(slot)")
            }
        }
        XCTAssertEqual(FigureRowRecord.textColumns.nonzeroBitCount, FigureRecord.Slot.allCases.count)
    }
}
