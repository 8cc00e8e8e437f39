import XCTest
@testable import UnionStats

/// Runs the whole pipeline on the five sample pages of `input/` and compares
/// every output with the committed copies in `EndToEnd/Expected/`
/// (swift-openapi-generator's file-based reference tests do the same).
/// `UPDATE_GOLDEN=1 swift test --filter SeedPagesTests` rewrites them; review the diff.
final class SeedPagesTests: XCTestCase {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let expected = repo + "/Tests/UnionStatsTests/EndToEnd/Expected"

    private static var cachedOutput: String?

    /// One run shared by the tests of this class.
    static func runOnce() throws -> String {
        if let out = cachedOutput { return out }
        let out = TestScratch.root + "/seeds-\(UUID().uuidString)"
        let paths = PipelinePaths(input: repo + "/input", output: out, pipeline: repo + "/pipeline")
        _ = try Pipeline.run(paths: paths, encoding: .utf8BOM, diagnostics: DiagnosticCollector(echo: false))
        cachedOutput = out
        return out
    }

    /// Files the golden test pins: the figures, the articles, every table and every report.
    private func outputFiles(in dir: String) throws -> [String] {
        var files = ["figures.csv", "articles.csv", "rejects.csv"]
        for sub in ["tables", "reports"] where FilePaths.isDirectory(dir + "/" + sub) {
            files += try FilePaths.list(dir + "/" + sub).map { sub + "/" + $0 }
        }
        return files
    }

    func testOutputsMatchTheCommittedReferences() throws {
        let out = try Self.runOnce()
        let produced = try outputFiles(in: out)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: Self.expected)
            for f in produced {
                let dest = Self.expected + "/" + f
                try FilePaths.makeDirectories((dest as NSString).deletingLastPathComponent)
                try FileManager.default.copyItem(atPath: out + "/" + f, toPath: dest)
            }
            return
        }
        XCTAssertEqual(produced.sorted(), try outputFiles(in: Self.expected).sorted(), "the same set of output files")
        for f in produced {
            let got = try Data(contentsOf: URL(fileURLWithPath: out + "/" + f))
            let want = try Data(contentsOf: URL(fileURLWithPath: Self.expected + "/" + f))
            if got != want {
                XCTFail("\(f) differs from the reference; run `diff \(out)/\(f) \(Self.expected)/\(f)`")
            }
        }
    }

    func testRunTwiceGivesByteIdenticalOutputs() throws {
        let first = try Self.runOnce()
        let second = TestScratch.root + "/seeds-\(UUID().uuidString)"
        let paths = PipelinePaths(input: Self.repo + "/input", output: second, pipeline: Self.repo + "/pipeline")
        _ = try Pipeline.run(paths: paths, encoding: .utf8BOM, diagnostics: DiagnosticCollector(echo: false))
        for f in try outputFiles(in: first) {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first + "/" + f)),
                           try Data(contentsOf: URL(fileURLWithPath: second + "/" + f)), f)
        }
    }

    func testFiguresHaveTheDesignColumnsAndABOM() throws {
        let out = try Self.runOnce()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/figures.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        var header: [String] = []
        try CSVReader(path: out + "/figures.csv").forEachRow { fields, row in
            if row == 1 { header = fields }
        }
        XCTAssertEqual(header, Figure.columns)
        XCTAssertEqual(Figure.columns, ["doc", "article", "headline", "published", "source", "line", "raw", "value",
                                        "value_max", "unit", "qualifier", "per", "metric", "metric_id", "kind", "region",
                                        "region_code", "organization", "period_label", "period_start", "period_end",
                                        "month", "sentence"])
    }

    /// Scores figures.csv against the hand-made gold table with the project's
    /// scorer when `../shared` is beside the checkout (it is in CI).
    func testSeedGoldScore() throws {
        let scorer = Self.repo + "/../shared/eval/score.py"
        let gold = Self.repo + "/../shared/eval/seeds/gold.csv"
        guard FileManager.default.fileExists(atPath: scorer), FileManager.default.fileExists(atPath: gold) else {
            throw XCTSkip("../shared/eval is not beside the checkout")
        }
        let out = try Self.runOnce()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", scorer, gold, out + "/figures.csv", "--json"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let score = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let thresholds = SeedPagesTests.thresholds
        for (key, minimum) in thresholds.sorted(by: { $0.key < $1.key }) {
            let value = try XCTUnwrap(score[key] as? Double, key)
            XCTAssertGreaterThanOrEqual(value, minimum, "\(key) = \(value)")
        }
    }

    /// The targets for the five seed pages.
    static let thresholds: [String: Double] = [
        "f1": 0.97, "qualifier": 0.97, "metric": 0.90, "region": 0.90, "organization": 0.85, "month": 0.90,
    ]
}
