import XCTest
@testable import UnionStats

/// make's cached aggregate (`aggregate --with-reports --cache`) must write the
/// bytes the plain one writes, after any edit to figures.csv, while making
/// again only what the edit touched.
final class IncrementalAggregateTests: XCTestCase {
    typealias F = TestFixtures

    /// The seed figures under 12 sets of doc names, each moved to months of its own
    /// (two copies per month, so months and the previous-month comparison have company).
    func corpus() throws -> [Figure] {
        let seed = try CSVReader(path: F.seedFigures).readRecords().compactMap(Figure.init(record:))
        var figures: [Figure] = []
        for copy in 0..<12 {
            let month = String(format: "2021-%02d", copy / 2 + 1)
            for var f in seed {
                f.doc = "\(copy)-" + f.doc
                if !f.period.month.isEmpty { f.period.month = month }
                if !f.published.isEmpty { f.published = month + "-15" }
                figures.append(f)
            }
        }
        return figures
    }

    /// Every table and report, by name.
    func outputs(_ dir: String) throws -> [String: [UInt8]] {
        var all: [String: [UInt8]] = [:]
        for sub in ["tables", "reports"] {
            for name in try FilePaths.list(dir + "/" + sub) where !name.hasPrefix(".") {
                all[sub + "/" + name] = try F.bytes(dir + "/" + sub + "/" + name)
            }
        }
        return all
    }

    func paths(_ dir: String) -> PipelinePaths { PipelinePaths(input: "", output: dir, pipeline: "") }

    /// Writes figures.csv page by page as make's normalize does, with the index of where each
    /// page's rows are (`FiguresIndex`), so that the cached aggregate reads it by pages.
    func writeFiguresWithIndex(_ figures: [Figure], to dir: String, encoding: CSVEncoding = .utf8BOM) throws {
        let codec = PageRowsCodec(encoding: encoding)
        var pages: [[Figure]] = []
        for f in figures {
            if let last = pages.last?.last, last.doc == f.doc { pages[pages.count - 1].append(f) } else { pages.append([f]) }
        }
        var builder = FiguresIndex.Builder(headerBytes: codec.figuresHead.count)
        var bytes = codec.figuresHead
        for page in pages {
            let rows = codec.encode(NormalizeStage.PageResult(figures: page, articles: [], rejects: []), doc: page[0].doc)
            builder.add(doc: rows.doc, figures: rows.figures, rows: rows.figureCount)
            bytes += rows.figures
        }
        try OutputFile.replace(dir + "/figures.csv", with: bytes)
        try FilePaths.makeDirectories(dir + "/.work")
        try FiguresIndex.write(builder, headerBytes: codec.figuresHead.count, figures: dir + "/figures.csv",
                               to: FiguresIndex.path(paths(dir)))
    }

    /// Writes `figures` into both folders, runs the cached and the plain aggregate, and compares.
    /// With `paged`, the cached folder gets make's index of pages too.
    @discardableResult
    func check(_ figures: [Figure], cached: String, plain: String, encoding: CSVEncoding = .utf8BOM, paged: Bool = false,
               _ step: String, file: StaticString = #filePath, line: UInt = #line) throws -> IncrementalAggregate.Work {
        if paged {
            try writeFiguresWithIndex(figures, to: cached, encoding: encoding)
            XCTAssertNotNil(FiguresIndex.read(FiguresIndex.path(paths(cached)), figures: cached + "/figures.csv"), file: file, line: line)
        } else {
            try F.writeFigures(figures, to: cached + "/figures.csv")
        }
        try F.writeFigures(figures, to: plain + "/figures.csv")
        let work = try XCTUnwrap(Pipeline.aggregateAndReport(paths: paths(cached), encoding: encoding, cache: cached + "/.cache"))
        XCTAssertNil(try Pipeline.aggregateAndReport(paths: paths(plain), encoding: encoding))
        let a = try outputs(cached), b = try outputs(plain)
        XCTAssertEqual(Set(a.keys), Set(b.keys), step, file: file, line: line)
        for (name, bytes) in b where a[name] != bytes { XCTFail("\(step): \(name) differs", file: file, line: line) }
        XCTAssertFalse(a.isEmpty, step, file: file, line: line)
        return work
    }

    func testSameBytesAsWithoutTheCacheThroughEdits() throws {
        try edits(paged: false)
    }

    /// make's way: only the pages whose rows changed, and the pages of the months made again, are read.
    func testSameBytesAsWithoutTheCacheThroughEditsReadByPages() throws {
        try edits(paged: true)
        // figures.csv rewritten by someone else: the index no longer describes it, and the whole file is read.
        let cached = try F.tempDir("inc-cached"), plain = try F.tempDir("inc-plain")
        var figures = try corpus()
        try check(figures, cached: cached, plain: plain, paged: true, "by pages")
        figures.removeLast()
        try check(figures, cached: cached, plain: plain, paged: false, "figures.csv rewritten without its index")
        XCTAssertNil(FiguresIndex.read(FiguresIndex.path(paths(cached)), figures: cached + "/figures.csv"))
        try check(figures, cached: cached, plain: plain, paged: true, "by pages again")
    }

    func edits(paged: Bool) throws {
        let cached = try F.tempDir("inc-cached"), plain = try F.tempDir("inc-plain")
        @discardableResult
        func check(_ figures: [Figure], cached: String, plain: String, _ step: String, line: UInt = #line) throws -> IncrementalAggregate.Work {
            try self.check(figures, cached: cached, plain: plain, paged: paged, (paged ? "by pages: " : "") + step, line: line)
        }
        var figures = try corpus()
        let months = Set(figures.map(\.period.month).filter { !$0.isEmpty }).count
        XCTAssertEqual(months, 6)

        let first = try check(figures, cached: cached, plain: plain, "first run")
        XCTAssertEqual(first.monthsKept + first.reportsKept + first.listPiecesKept, 0, "an empty cache keeps nothing")
        XCTAssertEqual(first.monthsMade, months)

        let identities = { try self.outputs(cached).keys.sorted().map { NormalizeCache.identity(cached + "/" + $0) } }
        let before = try identities()
        let again = try check(figures, cached: cached, plain: plain, "nothing changed")
        XCTAssertEqual(again.monthsMade + again.reportsMade + again.listPiecesMade, 0, again.summary)
        XCTAssertEqual(again.monthsKept, months)
        XCTAssertEqual(try identities(), before, "unchanged outputs are left as they were (make and cron see nothing new)")

        // One value of a monthly figure in 2021-03: that month's tables, its report and the next month's
        // (the comparison); nothing else.
        let i = try XCTUnwrap(figures.firstIndex { $0.period.month == "2021-03" && FigureRoute.of($0) == .monthly })
        figures[i].quantity.value += 7
        let value = try check(figures, cached: cached, plain: plain, "a value changed")
        XCTAssertEqual(value.monthsMade, 1, value.summary)
        XCTAssertEqual(value.reportsMade, 2, value.summary)
        XCTAssertEqual(value.listPiecesMade, 0, value.summary)

        // A page gone: its list rows go, its month is made again.
        let gone = figures.first { FigureRoute.of($0) == .cumulative }!.doc
        figures.removeAll { $0.doc == gone }
        let removed = try check(figures, cached: cached, plain: plain, "a page removed")
        XCTAssertGreaterThan(removed.listPiecesKept, 0, removed.summary)
        XCTAssertGreaterThan(removed.monthsKept, 0, removed.summary)

        // A new month far away, a moved publication date, text a spreadsheet would run, a 0x1F byte.
        var extra = figures.first { FigureRoute.of($0) == .monthly }!
        extra.doc = "zz-new.txt"
        extra.period.month = "2030-01"
        extra.published = "2030-01-02"
        extra.metric = "=SUM(A1)"
        extra.raw = "5\u{1F}人"
        figures.append(extra)
        if let j = figures.firstIndex(where: { FigureRoute.of($0) == .undated && !$0.published.isEmpty }) {
            figures[j].published = "2029-12-31"
        }
        let grown = try check(figures, cached: cached, plain: plain, "a month added, a date moved")
        XCTAssertEqual(grown.monthsMade, 1, grown.summary)

        // A whole month gone; the next month's report loses its comparison.
        figures.removeAll { $0.period.month == "2021-02" || $0.published.hasPrefix("2021-02") }
        try check(figures, cached: cached, plain: plain, "a month removed")

        // Rows in another order: the same tables from the figures in the new order.
        figures.reverse()
        try check(figures, cached: cached, plain: plain, "rows reversed")

        try check([], cached: cached, plain: plain, "no figures")
        try check(try corpus(), cached: cached, plain: plain, "back to the start")
    }

    func testAnOutputChangedByHandOrADamagedIndexIsMadeAfresh() throws {
        let cached = try F.tempDir("inc-cached"), plain = try F.tempDir("inc-plain")
        let figures = try corpus()
        try check(figures, cached: cached, plain: plain, "first run")

        // Someone saved monthly.csv from a spreadsheet: its rows cannot be copied any more.
        try OutputFile.replace(cached + "/tables/monthly.csv", with: Array("month\r\n".utf8))
        try OutputFile.replace(cached + "/reports/2021-01.txt", with: Array("edited".utf8))
        let edited = try check(figures, cached: cached, plain: plain, "outputs edited")
        XCTAssertEqual(edited.monthsKept, 0, edited.summary)
        XCTAssertEqual(edited.reportsMade, 1, edited.summary)

        for garbage in ["", "unionstats-aggregate-cache 1\nsomething else\n", AggregateCacheIndex.magic + "\n\u{0}\u{1}\n"] {
            try OutputFile.replace(cached + "/.cache/index", with: Array(garbage.utf8))
            let afresh = try check(figures, cached: cached, plain: plain, "index \(garbage.debugDescription)")
            XCTAssertEqual(afresh.monthsKept + afresh.reportsKept + afresh.listPiecesKept, 0, afresh.summary)
        }
        XCTAssertTrue(OutputFile.removeTree(cached + "/.cache"))
        try check(figures, cached: cached, plain: plain, "cache removed")
    }

    func testAnotherEncodingMakesEverythingAgain() throws {
        let cached = try F.tempDir("inc-cached"), plain = try F.tempDir("inc-plain")
        let figures = try corpus()
        try check(figures, cached: cached, plain: plain, "UTF-8")
        let gb = try check(figures, cached: cached, plain: plain, encoding: .gb18030, "GB18030")
        XCTAssertEqual(gb.monthsKept + gb.listPiecesKept + gb.reportsKept, 0, gb.summary)
    }

    func testABadValueNamesItsRowFirstTimeAndAfterAnEdit() throws {
        let dir = try F.tempDir("inc-bad")
        var figures = try corpus()
        try F.writeFigures(figures, to: dir + "/figures.csv")
        try Pipeline.aggregateAndReport(paths: paths(dir), encoding: .utf8BOM, cache: dir + "/.cache")
        let before = try outputs(dir)
        for k in [3, figures.count - 1] {
            figures[k].raw = "MARK\(k)"
            try F.writeFigures(figures, to: dir + "/figures.csv")
            // The value column of that row, spoiled in the file.
            let text = String(decoding: try F.bytes(dir + "/figures.csv"), as: UTF8.self)
            let row = try XCTUnwrap(text.components(separatedBy: "\r\n").firstIndex { $0.contains(",MARK\(k),") })
            var lines = text.components(separatedBy: "\r\n")
            lines[row] = lines[row].replacingOccurrences(of: ",MARK\(k),", with: ",MARK\(k),abc") 
            try OutputFile.replace(dir + "/figures.csv", with: Array(lines.joined(separator: "\r\n").utf8))
            XCTAssertThrowsError(try Pipeline.aggregateAndReport(paths: paths(dir), encoding: .utf8BOM, cache: dir + "/.cache")) { error in
                guard case let CSVError.malformed(path, number, reason)? = error as? CSVError else { return XCTFail("\(error)") }
                XCTAssertEqual(path, dir + "/figures.csv")
                XCTAssertEqual(number, row + 1, "the row in the file (the header is row 1)")
                XCTAssertTrue(reason.contains("abc"), reason)
            }
            XCTAssertEqual(try outputs(dir), before, "a failed run leaves the outputs as they were")
            figures[k].raw = "fixed"
        }
    }
}
