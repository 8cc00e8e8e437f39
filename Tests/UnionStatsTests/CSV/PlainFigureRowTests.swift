import XCTest
@testable import UnionStats

/// A figures.csv row written in one go (`PlainFigureRow`) is held to `CSVRowEncoder` with
/// `Figure.forEachField` (the full path): the same bytes and field starts where it writes the
/// row, nothing where a field is not plain, and pages the same either way.
final class PlainFigureRowTests: XCTestCase {
    /// `PageFiguresTests`' figures (every kind of text in every field), and numbers at their edges.
    static func figures() -> [Figure] {
        var all = PageFiguresTests.figures()
        // Every field plain, so that only the change made to it decides.
        let base = Figure(doc: "a.txt", article: 1, headline: "职工沟通会", published: "2020-11-05", source: "工人日报", line: 3,
                          raw: "5场", quantity: Quantity(value: 5, valueMax: 8, unit: "场"), metric: "会议", metricID: "m1", kind: .flow,
                          region: Region(path: "北京市", code: "110000"), organization: "市总工会", period: Period(month: "2020-11"),
                          sentence: "开了5场会议。")
        all.append(base)
        for (article, line) in [(0, 0), (-7, 12), (Int.max, Int.min), (Int.min, 9), (1_000_000_000, -1)] {
            var f = base
            f.article = article
            f.line = line
            all.append(f)
        }
        for value in ["-0.000001", "123456789012345678", "0.1234567", "1e30", "-12.50"] {
            var f = base
            f.quantity.value = Decimal(string: value)!
            f.quantity.valueMax = value.hasPrefix("-") ? nil : Decimal(string: value)!
            all.append(f)
        }
        // Long texts: quoted past the first word, and plain.
        var long = base
        long.sentence = String(repeating: "职工代表大会", count: 40) + ",结束"
        all.append(long)
        long.sentence = String(repeating: "职工代表大会", count: 40)
        long.raw = "a b"
        all.append(long)
        // Plain, but longer than the room asked for a row.
        long.raw = "a"
        long.sentence = String(repeating: "职工代表大会", count: 300)
        all.append(long)
        return all
    }

    func testRowsWrittenInOneGoAreTheEncodersRows() {
        var taken = 0, notTaken = 0, tooLong = 0
        for encoding in [CSVEncoding.utf8BOM, .utf8] {
            for var f in PlainFigureRowTests.figures() {
                let full = ByteArena(), fast = ByteArena(capacity: 16)
                var fullStarts = [Int](repeating: -1, count: FigureRowFields.stride)
                var fastStarts = [Int](repeating: -1, count: FigureRowFields.stride)
                // After bytes already there, so that the starts count from the arena's start.
                full.append([1, 2, 3])
                fast.append([1, 2, 3])
                fullStarts.withUnsafeMutableBufferPointer { starts in
                    var row = CSVRowEncoder(numeric: PageRowsCodec.figuresNumeric, encoding: encoding, into: full, fieldStarts: starts.baseAddress)
                    f.forEachField(&row)
                    row.end()
                }
                let marks = fastStarts.withUnsafeMutableBufferPointer { PlainFigureRow.append(&f, to: fast, starts: $0.baseAddress, numeric: PlainFigureRow.numeric) }
                let wrote = marks != nil
                // Plain: every text needs no guard or quotes, and both values have the fast text.
                let fields = f.fields
                let plain = fields.indices.allSatisfy { c in
                    let text = fields[c]
                    let guarded = !PageRowsCodec.figuresNumeric[c] && CSVWriter.looksLikeFormula(text)
                    return !guarded && !CSVWriter.needsQuoting(Array(text.utf8))
                } && DecimalText.fastPlain(f.quantity.value) != nil && f.quantity.valueMax.map { DecimalText.fastPlain($0) != nil } != false
                // Rows well inside the room, or past it (none near its end, where the numbers' widest text decides).
                let length = full.count - 3
                XCTAssertTrue(length < PlainFigureRow.room - 64 || length > PlainFigureRow.room)
                XCTAssertEqual(wrote, plain && length < PlainFigureRow.room, "\(fields) \(encoding)")
                if wrote {
                    taken += 1
                    XCTAssertEqual(fast.array, full.array, "\(fields)")
                    XCTAssertEqual(fastStarts, fullStarts, "\(fields)")
                    // The columns whose text starts with a quote mark.
                    let quoteMarks = fields.indices.reduce(UInt32(0)) { fields[$1].utf8.first == UInt8(ascii: "'") ? $0 | 1 << $1 : $0 }
                    XCTAssertEqual(marks, quoteMarks, "\(fields)")
                } else {
                    notTaken += 1
                    if plain { tooLong += 1 }
                    XCTAssertEqual(fast.array, [1, 2, 3], "nothing written")
                }
            }
        }
        XCTAssertGreaterThan(taken, 0)
        XCTAssertGreaterThan(notTaken, tooLong)
        XCTAssertGreaterThan(tooLong, 0)
    }

    /// A text that is the same String as the previous figure's in the same column is copied from
    /// the previous row (`PlainFigureRow.Previous`): rows of figures that share texts, and of
    /// figures that share texts with a figure whose row was not plain (nothing copied from it),
    /// are the full path's rows, noting fields or not.
    func testTextsSharedWithThePreviousFigureAreItsRowsBytes() {
        let base = PlainFigureRowTests.figures()[PageFiguresTests.figures().count]
        var figures: [Figure] = []
        var f = base
        // Large texts (not kept in the String's bits), shared by copies of the figure; one starts
        // with a quote mark (copied, its mark is the previous row's).
        f.headline = "'" + String(repeating: "职工沟通会", count: 5)
        f.sentence = String(repeating: "开了5场会议。", count: 20)
        f.quantity.unit = String(repeating: "场次", count: 4)
        figures.append(f)
        f.raw = "8场"
        f.quantity.value = 8
        figures.append(f)
        // A run broken by a number, by an enum, and the run to the row's end.
        f.line += 1
        f.kind = .level
        figures.append(f)
        f.article += 1
        f.quantity.qualifier = .approx
        figures.append(f)
        // Not plain (quoted): the next row copies nothing from this one.
        f.region.path = "北京市,朝阳区"
        figures.append(f)
        f.region.path = "北京市"
        figures.append(f)
        // The same bytes in another String: not copied, the same row.
        f.sentence = String(repeating: "开了5场会议。", count: 19) + "开了5场会议。"
        let rebuilt = figures.count
        figures.append(f)
        // A shared text that is long enough to take the row past its room, then one that is not.
        f.sentence = String(repeating: "职工代表大会", count: 300)
        figures.append(f)
        figures.append(f)
        f.sentence = "开会。"
        figures.append(f)
        XCTAssertTrue(ByteString.sameValue(figures[0].sentence, figures[1].sentence), "the figures share their texts")
        XCTAssertFalse(ByteString.sameValue(figures[rebuilt - 1].sentence, figures[rebuilt].sentence))
        XCTAssertEqual(figures[rebuilt - 1].sentence, figures[rebuilt].sentence)
        for encoding in [CSVEncoding.utf8BOM, .utf8] {
            let codec = PageRowsCodec(encoding: encoding)
            let full = codec.encode(NormalizeStage.PageResult(figures: figures, articles: [], rejects: []), doc: "a.txt")
            for noting in [false, true] {
                var result = NormalizeStage.PageResult(figures: figures, articles: [], rejects: [])
                let (rows, written) = codec.encode(&result, doc: "a.txt", notingFields: noting)
                XCTAssertEqual(rows.figures, full.figures, "\(encoding) \(noting)")
                guard let written else { continue }
                // The fields noted are where each figure's fields are, and the quote marks noted
                // for plain rows are the rows' own.
                written.withRows { rows in
                    var known = 0
                    for (i, figure) in figures.enumerated() {
                        let row = rows[i]
                        for quoting in [0, FigureRowRecord.textColumns, UInt32(1) << Figure.columns.count - 1] {
                            for readBackText in [FigureRowFields.readBackText, 0, UInt32(1) << 2] {
                                let noted = rows.marks(i, quoting: quoting, readBackText: readBackText)
                                let looked = row.marks(quoting: quoting, readBackText: readBackText)
                                XCTAssertEqual(noted.quoteMark, looked.quoteMark, "figure \(i)")
                                if !looked.quoteMark { XCTAssertEqual(noted.quoted, looked.quoted, "figure \(i)") }
                            }
                        }
                        if rows.quoteMarks[i] != FigureRowFields.unknownMarks { known += 1 }
                        let fields = figure.fields
                        for column in fields.indices where PageRowsCodec.figuresNumeric[column] == false {
                            let bytes = Array(UnsafeBufferPointer(start: row.bytes + row.starts[column], count: row.end(column) - row.starts[column]))
                            if !CSVWriter.needsQuoting(Array(fields[column].utf8)) {
                                XCTAssertEqual(bytes, Array(fields[column].utf8), "figure \(i) column \(Figure.columns[column])")
                            }
                        }
                    }
                    // Rows written plain, and rows not (quoted, or past the room).
                    XCTAssertGreaterThan(known, 0)
                    XCTAssertLessThan(known, figures.count)
                }
            }
        }
    }

    /// What `PlainFigureRow.sources` compares is what `forEachField` writes: a String is the
    /// column's text, an Int its digits, and equal enum bytes give equal names (different bytes different).
    func testSourcesAreWhatTheColumnsAreWrittenFrom() {
        let figures = PageFiguresTests.figures()
        var compared = 0, equalBytes = 0, otherBytes = 0
        for (k, f) in figures.enumerated() {
            let g = figures[(k * 7 + 3) % figures.count]
            let fields = f.fields, others = g.fields
            withUnsafePointer(to: f) { p in
            withUnsafePointer(to: g) { q in
                for (column, source) in PlainFigureRow.sources.enumerated() {
                    let a = UnsafeRawPointer(p) + source.offset, b = UnsafeRawPointer(q) + source.offset
                    switch source.size {
                    case 16: XCTAssertEqual(a.load(as: String.self), fields[column], "column \(Figure.columns[column])")
                    case 8: XCTAssertEqual(String(a.load(as: Int.self)), fields[column], "column \(Figure.columns[column])")
                    case 1:
                        let same = a.load(as: UInt8.self) == b.load(as: UInt8.self)
                        XCTAssertEqual(same, fields[column] == others[column], "column \(Figure.columns[column])")
                        if same { equalBytes += 1 } else { otherBytes += 1 }
                    default: XCTAssertEqual(source.size, 0)
                    }
                    if source.size > 0 { compared += 1 }
                }
            }
            }
        }
        XCTAssertGreaterThan(compared, 0)
        XCTAssertGreaterThan(equalBytes, 0)
        XCTAssertGreaterThan(otherBytes, 0)
        // The columns not compared: the values, whose text is made for the row.
        XCTAssertEqual(Figure.columns.indices.filter { PlainFigureRow.sources[$0].size == 0 }.map { Figure.columns[$0] },
                       ["value", "value_max"])
    }

    /// Pages encoded with and without noting fields, in every encoding, are the full path's rows.
    func testPagesAreTheFullPathsRows() {
        let figures = PlainFigureRowTests.figures()
        for encoding in CSVEncoding.allCases {
            let codec = PageRowsCodec(encoding: encoding)
            let full = codec.encode(NormalizeStage.PageResult(figures: figures, articles: [], rejects: []), doc: "a.txt")
            for noting in [false, true] {
                var result = NormalizeStage.PageResult(figures: figures, articles: [], rejects: [])
                let (rows, written) = codec.encode(&result, doc: "a.txt", notingFields: noting)
                XCTAssertEqual(rows.figures, full.figures, "\(encoding) \(noting)")
                XCTAssertEqual(written == nil, !noting)
                XCTAssertEqual(result.figures, figures)
            }
        }
    }
}
