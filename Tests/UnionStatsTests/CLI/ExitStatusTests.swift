import Foundation
import XCTest
@testable import UnionStats

/// The documented exit statuses, from the real executable: cron jobs and
/// scripts act on them.
final class ExitStatusTests: XCTestCase {
    func testAllPagesProcessedIsZeroAndQuietIsSilent() throws {
        let input = try Tool.sampleInput()
        let out = try Tool.temporaryDirectory("out")
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout + r.stderr, "")
    }

    func testRejectedPagesAreThree() throws {
        let input = try Tool.sampleInput()
        try Tool.write([], to: input + "/empty.txt")
        let out = try Tool.temporaryDirectory("out")
        XCTAssertEqual(try Tool.run(["run", "--quiet", "--input", input, "--output", out]).status, 3)
        // check says the same from rejects.csv alone.
        let check = try Tool.run(["check", "--output", out])
        XCTAssertEqual(check.status, 3)
        XCTAssertTrue(check.stderr.contains("empty.txt"))
    }

    func testUsageErrorsAreSixtyFour() throws {
        let out = try Tool.temporaryDirectory("out")
        let cases: [[String]] = [
            ["run", "--no-such-option"],
            ["run", "--input", "/nonexistent/folder", "--output", out],
            ["run", "--csv-encoding", "latin1", "--output", out],
            ["no-such-command"],
            ["aggregate", "--cache", out + "/cache", "--output", out],   // the cache covers tables and reports together
        ]
        for args in cases {
            let r = try Tool.run(args)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.isEmpty, "\(args) says why")
        }
    }

    func testUnusableConfigurationIsSeventyEightAndWritesNothing() throws {
        let input = try Tool.sampleInput()
        let pipeline = try Tool.temporaryDirectory("pipeline")
        for name in try FilePaths.list(Tool.repo + "/pipeline") {
            try FileManager.default.copyItem(atPath: Tool.repo + "/pipeline/" + name, toPath: pipeline + "/" + name)
        }
        try Tool.write(Array("no,columns,that,normalize,knows\n\"unterminated\n".utf8), to: pipeline + "/metrics.csv")
        let out = try Tool.temporaryDirectory("out")
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", out, "--pipeline", pipeline])
        XCTAssertEqual(r.status, 78, r.stderr)
        XCTAssertTrue(r.stderr.contains("metrics.csv"), "names the file: \(r.stderr)")
        XCTAssertEqual(Tool.outputs(out), [:], "nothing written")
    }

    func testUnwritableOutputIsFailure() throws {
        let input = try Tool.sampleInput()
        let file = try Tool.temporaryDirectory("out") + "/a-file"
        try Tool.write([1], to: file)
        // The output "folder" is a file: nothing can be written there.
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", file])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("error"), r.stderr)
    }

    func testHelpDocumentsTheStatuses() throws {
        let r = try Tool.run(["--help"])
        XCTAssertEqual(r.status, 0)
        for status in ["0 ", "1 ", "3 ", "64 ", "75 ", "78 "] {
            XCTAssertTrue(r.stdout.contains("  " + status), "--help lists exit status \(status)")
        }
        let run = try Tool.run(["run", "--help"])
        XCTAssertTrue(run.stdout.contains("--wait") && run.stdout.contains("75"), run.stdout)
    }
}
