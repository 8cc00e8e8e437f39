import XCTest
@testable import UnionStats

final class ManifestTests: XCTestCase {
    private func write(_ text: String) throws -> String {
        let dir = try TestScratch.directory("manifest")
        let path = dir + "/manifest.csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func testReadsRowsWithBOMAndCRLF() throws {
        let path = try write("\u{FEFF}doc,published,source,page\r\na.txt,2020-11,劳动午报,05\r\nb.txt,2019-02-28,工人日报,\r\n")
        let d = DiagnosticCollector(echo: false)
        let m = Manifest.load(path, diagnostics: d)
        XCTAssertEqual(m.entry("a.txt")?.published, "2020-11")
        XCTAssertEqual(m.entry("a.txt")?.source, "劳动午报")
        XCTAssertEqual(m.entry("b.txt")?.row, 3)
        XCTAssertTrue(m.problems.isEmpty)
        XCTAssertTrue(d.all.isEmpty)
    }

    func testBadDateIsReportedWithRowAndPageBecomesUndated() throws {
        let path = try write("doc,published,source,page\na.txt,2020-11-31,劳动午报,\n")
        let d = DiagnosticCollector(echo: false)
        let m = Manifest.load(path, diagnostics: d)
        XCTAssertEqual(m.entry("a.txt")?.published, "")
        XCTAssertEqual(m.problems.count, 1)
        XCTAssertEqual(m.problems.first?.row, 2)
        XCTAssertTrue(d.all.first?.description.hasPrefix("\(path):2: error:") ?? false, "\(d.all)")
    }

    func testMalformedManifestIsIgnoredWithAProblem() throws {
        let path = try write("doc,published\n\"a.txt,2020-11\nb\"x\",3\n")
        let d = DiagnosticCollector(echo: false)
        let m = Manifest.load(path, diagnostics: d)
        XCTAssertTrue(m.isEmpty)
        XCTAssertEqual(m.problems.count, 1)
        XCTAssertTrue(m.problems[0].reason.contains("manifest unusable"))
    }

    func testMissingColumnsIsAProblem() throws {
        let path = try write("file,date\na.txt,2020-11\n")
        let m = Manifest.load(path, diagnostics: DiagnosticCollector(echo: false))
        XCTAssertTrue(m.isEmpty)
        XCTAssertTrue(m.problems[0].reason.contains("published"), m.problems[0].reason)
    }

    func testRowsComeBackInOrderWithTheirOwnNewspaperAndFirstRowOfARepeatCounts() throws {
        var text = "doc,published,source,page\n"
        let papers = ["劳动午报", "工人日报", "陕西工人报"]
        for i in 0..<300 { text += "p\(i).txt,2020-11-\(String(format: "%02d", i % 28 + 1)),\(papers[i % 3]),\(i % 16)\n" }
        text += "p7.txt,2021-01,别的报,\n"
        let d = DiagnosticCollector(echo: false)
        let m = Manifest.load(try write(text), diagnostics: d)
        XCTAssertEqual(m.count, 300)
        var seen: [Manifest.Entry] = []
        m.forEachEntry { seen.append($0) }
        XCTAssertEqual(seen.map(\.row), Array(2...301))
        XCTAssertEqual(seen[7], Manifest.Entry(doc: "p7.txt", published: "2020-11-08", source: "工人日报", page: "7", row: 9))
        XCTAssertEqual(m.entry("p7.txt"), seen[7], "the first row of a repeated doc counts")
        XCTAssertEqual(m.entry("p299.txt")?.source, "陕西工人报")
        XCTAssertNil(m.entry("p300.txt"))
        XCTAssertTrue(d.all.contains { $0.description.contains("p7.txt listed again") }, "\(d.all)")
    }

    /// A file name saved decomposed (as macOS saves é) finds the row written composed, as
    /// Swift's string comparison has it; the row keeps the name as the manifest writes it.
    func testCanonicallyEqualNamesFindTheirRow() throws {
        let m = Manifest.load(try write("doc,published,source,page\ncaf\u{E9} 第5版.txt,2020-11-20,劳动午报,\n"),
                              diagnostics: DiagnosticCollector(echo: false))
        XCTAssertEqual(m.entry("cafe\u{301} 第5版.txt")?.doc, "caf\u{E9} 第5版.txt")
        XCTAssertEqual(Manifest.key("cafe\u{301}.txt"), Manifest.key("caf\u{E9}.txt"))
        XCTAssertNotEqual(Manifest.key("cafe.txt"), Manifest.key("caf\u{E9}.txt"))
    }
}
