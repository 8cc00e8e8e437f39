import XCTest
@testable import UnionStats

/// Runs the aggregate and report stages on the seed fixture and compares every
/// output with Tests/UnionStatsTests/Fixtures/expected/. After an intended
/// change, rewrite the expected files with `UPDATE_GOLDEN=1 swift test --filter GoldenFileTests`.
final class GoldenFileTests: XCTestCase {
    typealias F = TestFixtures

    func testTablesAndReportsMatchTheExpectedFiles() throws {
        let out = try F.tempDir("golden")
        try FilePaths.makeDirectories(out + "/tables")
        try FilePaths.makeDirectories(out + "/reports")
        try AggregateStage.run(figuresPath: F.seedFigures, tablesDir: out + "/tables", options: TableOptions())
        try ReportStage.run(figuresPath: F.seedFigures, tablesDir: out + "/tables", reportsDir: out + "/reports")
        let expected = F.directory + "/expected"
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        for folder in ["tables", "reports"] {
            let produced = try FilePaths.list(out + "/" + folder)
            XCTAssertFalse(produced.isEmpty)
            if update {
                try FilePaths.makeDirectories(expected + "/" + folder)
                for name in try FilePaths.list(expected + "/" + folder) where !produced.contains(name) {
                    try FileManager.default.removeItem(atPath: expected + "/" + folder + "/" + name)
                }
                for name in produced {
                    try OutputFile.replace(expected + "/" + folder + "/" + name, with: try F.bytes(out + "/" + folder + "/" + name))
                }
                continue
            }
            XCTAssertEqual(produced, try FilePaths.list(expected + "/" + folder), "\(folder): same files")
            for name in produced {
                let got = try F.bytes(out + "/" + folder + "/" + name)
                let want = try F.bytes(expected + "/" + folder + "/" + name)
                XCTAssertTrue(got == want, "\(folder)/\(name) differs from the expected file; diff \(out)/\(folder)/\(name) against it, "
                              + "and if the change is intended run UPDATE_GOLDEN=1 swift test --filter GoldenFileTests")
            }
        }
    }
}
