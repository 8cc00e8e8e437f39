import XCTest
@testable import UnionStats

final class ReportStageTests: XCTestCase {
    typealias F = TestFixtures

    private func run(_ figures: [Figure]) throws -> String {
        let dir = try F.tempDir("report")
        try F.writeFigures(figures, to: dir + "/figures.csv")
        try FilePaths.makeDirectories(dir + "/reports")
        try ReportStage.run(figuresPath: dir + "/figures.csv", tablesDir: dir + "/tables", reportsDir: dir + "/reports")
        return dir
    }

    func testOneReportPerMonthWithFiguresOrPagesPublishedInIt() throws {
        let dir = try run([
            F.figure(45, "场", month: "2020-11", published: "2020-11-20"),
            // A page of December whose only figure spans three years still gets its report.
            F.figure(1992, "场", month: "", label: "三年来", doc: "b.txt", published: "2020-12-02"),
            // No month and no publication date: in the tables only.
            F.figure(3, "家", month: "", label: "", doc: "c.txt", published: ""),
        ])
        XCTAssertEqual(try FilePaths.list(dir + "/reports"), ["2020-11.txt", "2020-12.txt"])
        let december = try String(contentsOfFile: dir + "/reports/2020-12.txt", encoding: .utf8)
        XCTAssertTrue(december.contains("1,992") && december.contains("三年来"))
        XCTAssertTrue(december.contains("（本月没有按月的数字）"))
    }

    func testReportsOfMonthsWithoutDataAreRemovedAndOtherFilesKept() throws {
        let dir = try run([F.figure(45, "场")])
        try OutputFile.replace(dir + "/reports/2019-01.txt", with: Array("old".utf8))
        try OutputFile.replace(dir + "/reports/notes.txt", with: Array("mine".utf8))
        try ReportStage.run(figuresPath: dir + "/figures.csv", tablesDir: dir + "/tables", reportsDir: dir + "/reports")
        XCTAssertEqual(try FilePaths.list(dir + "/reports"), ["2020-11.txt", "notes.txt"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/reports").sorted(),
                       ["2020-11.txt", "notes.txt"], "no scratch files left behind")
    }

    func testSameFiguresGiveTheSameBytesWhateverTheirOrder() throws {
        let figures = [F.figure(45, "场", doc: "a.txt"), F.figure(30, "场", doc: "b.txt", line: 4),
                       F.figure(7, "人", metric: "参与职工", region: "北京市/东城区", code: "110101", doc: "b.txt", line: 9)]
        let a = try run(figures), b = try run(figures.reversed())
        XCTAssertEqual(try F.bytes(a + "/reports/2020-11.txt"), try F.bytes(b + "/reports/2020-11.txt"))
    }

    func testGenerationDateComesFromSourceDateEpochOnly() throws {
        setenv("SOURCE_DATE_EPOCH", "1606780800", 1)  // 2020-12-01 00:00 UTC
        defer { unsetenv("SOURCE_DATE_EPOCH") }
        XCTAssertEqual(ReportStage.sourceDate(), "2020-12-01")
        unsetenv("SOURCE_DATE_EPOCH")
        XCTAssertNil(ReportStage.sourceDate())
    }

    func testAnEmptyFiguresFileWritesNoReport() throws {
        let dir = try run([])
        XCTAssertEqual(try FilePaths.list(dir + "/reports"), [])
    }
}
