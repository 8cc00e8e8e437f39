import XCTest
@testable import UnionStats

/// Runs the pipeline on pages written apart from the seeds (other provinces,
/// newspapers, topics, number forms and both layouts; `Fixtures/heldout/`)
/// and scores it against their hand-written gold, as the shared scorer does.
/// The thresholds are the scores reached when the test was written: a rule
/// fitted to the seeds that breaks unseen pages fails here.
final class HeldOutPagesTests: XCTestCase {
    static let heldout = SeedPagesTests.repo + "/Tests/UnionStatsTests/Fixtures/heldout"
    static let sharedScorer = SeedPagesTests.repo + "/../shared/eval/score.py"

    func scoreHeldOut() throws -> GoldScorer.Result {
        let out = TestScratch.root + "/heldout-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let paths = PipelinePaths(input: Self.heldout, output: out, pipeline: SeedPagesTests.repo + "/pipeline")
        _ = try Pipeline.run(paths: paths, encoding: .utf8BOM, diagnostics: DiagnosticCollector(echo: false))
        return GoldScorer.score(gold: try GoldScorer.read(Self.heldout + "-gold.csv"),
                                predicted: try GoldScorer.read(out + "/figures.csv"))
    }

    func testHeldOutPagesScoreAsWellAsWhenWritten() throws {
        guard FilePaths.exists(Self.sharedScorer) else { throw XCTSkip("no shared scorer at \(Self.sharedScorer)") }
        let r = try scoreHeldOut()
        let shown = r.differences.prefix(20).joined(separator: "\n")
        XCTAssertEqual(r.gold, 112)
        XCTAssertGreaterThanOrEqual(r.f1, 1.0 - 1e-9, "matched \(r.matched) of \(r.gold) gold, \(r.predicted) predicted")
        let floors: [String: Double] = ["qualifier": 1.0, "per": 1.0, "metric": 1.0, "region": 1.0, "organization": 1.0, "month": 1.0]
        for (attr, floor) in floors.sorted(by: { $0.key < $1.key }) {
            XCTAssertGreaterThanOrEqual(r.attribute[attr] ?? 0, floor - 1e-9, "\(attr)\n\(shown)")
        }
    }

    /// The scorer itself: gold against gold is perfect; a changed value is a miss; a changed month is an attribute difference.
    func testScorerMatchesTheSharedRules() throws {
        let g: [GoldScorer.Row] = [
            ["doc": "a", "raw": "近2000场", "value": "2000", "value_max": "", "unit": "场", "metric": "职工沟通会", "month": ""],
            ["doc": "a", "raw": "1992场", "value": "1992", "value_max": "", "unit": "场", "metric": "职工沟通会", "month": "2020-11"],
        ]
        XCTAssertEqual(GoldScorer.score(gold: g, predicted: g).f1, 1.0)
        var p = g
        p[0]["value"] = "2001"
        p[1]["month"] = ""
        p[1]["metric"] = "沟通会"
        let r = GoldScorer.score(gold: g, predicted: p)
        XCTAssertEqual(r.matched, 1)
        XCTAssertEqual(r.attribute["month"], 0.0)
        XCTAssertEqual(r.attribute["metric"], 1.0, "a metric inside the gold one is alike")
        XCTAssertFalse(GoldScorer.alike("慰问金", "金1000元"))
        XCTAssertTrue(GoldScorer.alike("", ""))
    }
}
