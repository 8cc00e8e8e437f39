import XCTest
@testable import UnionStats

final class ManifestTests: XCTestCase {
    private func write(_ text: String) throws -> String {
        let dir = NSTemporaryDirectory() + "unionstats-manifest-\(UUID().uuidString)"
        try FilePaths.makeDirectories(dir)
        let path = dir + "/manifest.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testReadsRowsWithBOMAndCRLF() throws {
        let path = try write("\u{FEFF}doc,published,source,page\r\na.txt,2020-11,劳动午报,05\r\nb.txt,2019-02-28,工人日报,\r\n")
        let d = DiagnosticCollector(echo: false)
        let m = Manifest.load(path, diagnostics: d)
        XCTAssertEqual(m.entries["a.txt"]?.published, "2020-11")
        XCTAssertEqual(m.entries["a.txt"]?.source, "劳动午报")
        XCTAssertEqual(m.entries["b.txt"]?.row, 3)
        XCTAssertTrue(m.problems.isEmpty)
        XCTAssertTrue(d.all.isEmpty)
    }

    func testBadDateIsReportedWithRowAndPageBecomesUndated() throws {
        let path = try write("doc,published,source,page\na.txt,2020-11-31,劳动午报,\n")
        let d = DiagnosticCollector(echo: false)
        let m = Manifest.load(path, diagnostics: d)
        XCTAssertEqual(m.entries["a.txt"]?.published, "")
        XCTAssertEqual(m.problems.count, 1)
        XCTAssertEqual(m.problems.first?.row, 2)
        XCTAssertTrue(d.all.first?.description.hasPrefix("\(path):2: error:") ?? false, "\(d.all)")
    }

    func testMalformedManifestIsIgnoredWithAProblem() throws {
        let path = try write("doc,published\n\"a.txt,2020-11\nb\"x\",3\n")
        let d = DiagnosticCollector(echo: false)
        let m = Manifest.load(path, diagnostics: d)
        XCTAssertTrue(m.entries.isEmpty)
        XCTAssertEqual(m.problems.count, 1)
        XCTAssertTrue(m.problems[0].reason.contains("manifest unusable"))
    }

    func testMissingColumnsIsAProblem() throws {
        let path = try write("file,date\na.txt,2020-11\n")
        let m = Manifest.load(path, diagnostics: DiagnosticCollector(echo: false))
        XCTAssertTrue(m.entries.isEmpty)
        XCTAssertTrue(m.problems[0].reason.contains("published"), m.problems[0].reason)
    }
}
