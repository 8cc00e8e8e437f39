import Foundation
import XCTest
@testable import UnionStats
#if canImport(Glibc)
import Glibc
#endif

/// A run killed at any moment leaves every output as it was or complete, the
/// next run cleans up after it, and two runs on one output folder never meet.
final class KillAndLockTests: XCTestCase {
    /// Outputs of a complete run of `input` into a fresh folder.
    func reference(_ input: String) throws -> [String: Data] {
        let out = try Tool.temporaryDirectory("ref")
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", out])
        XCTAssertTrue(r.status == 0 || r.status == 3, r.stderr)
        return Tool.outputs(out)
    }

    func copy(_ files: [String: Data], to dir: String) throws {
        for (rel, data) in files {
            let path = dir + "/" + rel
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path))
        }
    }

    func testSigkillAtAnyPointLeavesOldOrCompleteOutputs() throws {
        let oldInput = try Tool.bulkInput(copies: 2)
        let newInput = try Tool.bulkInput(copies: 8, salt: "0")
        let old = try reference(oldInput)
        let new = try reference(newInput)
        XCTAssertNotEqual(old["figures.csv"], new["figures.csv"])

        // How long a whole run takes, to spread the kills over it.
        let probe = try Tool.temporaryDirectory("probe")
        let t0 = Date()
        _ = try Tool.run(["run", "--quiet", "--input", newInput, "--output", probe])
        let whole = Date().timeIntervalSince(t0)

        var killedMidway = 0
        for step in 0..<9 {
            let out = try Tool.temporaryDirectory("kill")
            try copy(old, to: out)
            let delay = whole * Double(step) / 8
            let running = try Tool.Running(try Tool.program(), Tool.withPipeline(["run", "--quiet", "--input", newInput, "--output", out]))
            usleep(useconds_t(delay * 1_000_000))
            let wasRunning = kill(running.pid, SIGKILL) == 0
            let r = running.wait()
            if wasRunning && r.status != 0 && r.status != 3 { killedMidway += 1 }

            // Every output, parsed or compared whole: the old bytes or the new, nothing in between.
            let now = Tool.outputs(out)
            for (rel, data) in now {
                XCTAssertTrue(data == old[rel] || data == new[rel], "step \(step): \(rel) is torn (\(data.count) bytes)")
                if rel.hasSuffix(".csv") {
                    XCTAssertNoThrow(try CSVReader(bytes: Array(data), name: rel).forEachRow { _, _ in }, rel)
                }
            }
            for rel in old.keys { XCTAssertNotNil(now[rel], "step \(step): \(rel) disappeared") }

            // The next run finishes the job and sweeps the killed run's temporary files.
            let again = try Tool.run(["run", "--quiet", "--input", newInput, "--output", out])
            XCTAssertTrue(again.status == 0 || again.status == 3, again.stderr)
            XCTAssertEqual(Tool.temporaries(out), [], "step \(step)")
            XCTAssertEqual(Tool.outputs(out), new, "step \(step): rerun after kill differs from a clean run")
        }
        XCTAssertGreaterThan(killedMidway, 2, "the kills should land while runs are going")
    }

    func testLeftoverTemporaryFilesOfDeadRunsAreRemoved() throws {
        let input = try Tool.sampleInput()
        let out = try Tool.temporaryDirectory("out")
        try FileManager.default.createDirectory(atPath: out + "/tables", withIntermediateDirectories: true)
        // pid_max is at most 4194304 on Linux: 9999999 cannot be a live process.
        let dead = [out + "/.figures.csv.tmp9999999", out + "/tables/.monthly.csv.tmp9999999"]
        let alive = out + "/.figures.csv.tmp\(getpid())"
        for p in dead + [alive] { XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data("torn".utf8))) }
        // The report stage's spill folder of a killed run.
        try FileManager.default.createDirectory(atPath: out + "/reports/.spill-reports-9999999", withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: out + "/reports/.spill-reports-9999999/2020-11", contents: Data("x".utf8)))
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        for p in dead + [out + "/reports/.spill-reports-9999999"] { XCTAssertFalse(FileManager.default.fileExists(atPath: p), p) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: alive), "a live process's temporary file is left alone")
    }

    func testTwoRunsAtOnceNeverMeet() throws {
        let input = try Tool.bulkInput(copies: 16)
        let ref = try reference(input)
        let out = try Tool.temporaryDirectory("out")
        let a = try Tool.Running(try Tool.program(), Tool.withPipeline(["run", "--quiet", "--input", input, "--output", out]))
        let b = try Tool.Running(try Tool.program(), Tool.withPipeline(["run", "--quiet", "--input", input, "--output", out]))
        let ra = a.wait(), rb = b.wait()
        let statuses = [ra.status, rb.status].sorted()
        // One finished; the other found the lock held (75) or started after the first was done.
        XCTAssertTrue(statuses == [0, 75] || statuses == [0, 0], "\(statuses)\n\(ra.stderr)\n\(rb.stderr)")
        if statuses.contains(75) {
            XCTAssertTrue((ra.status == 75 ? ra : rb).stderr.contains("busy"))
        }
        XCTAssertEqual(Tool.outputs(out), ref)
    }

    func testWaitingRunsTakeTurns() throws {
        let input = try Tool.bulkInput(copies: 6)
        let ref = try reference(input)
        let out = try Tool.temporaryDirectory("out")
        let runs = try (0..<3).map { _ in try Tool.Running(try Tool.program(), Tool.withPipeline(["run", "--quiet", "--wait", "--input", input, "--output", out])) }
        for r in runs.map({ $0.wait() }) { XCTAssertEqual(r.status, 0, r.stderr) }
        XCTAssertEqual(Tool.outputs(out), ref)
    }

    func testHeldLockMeansBusy() throws {
        let input = try Tool.sampleInput()
        let out = try Tool.temporaryDirectory("out")
        let lock = try RunLock.acquire(RunLock.path(forOutput: out), wait: false)
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", out])
        XCTAssertEqual(r.status, 75)
        XCTAssertTrue(r.stderr.contains("busy"), r.stderr)
        XCTAssertEqual(Tool.outputs(out), [:], "nothing written while busy")
        lock.release()
        XCTAssertEqual(try Tool.run(["run", "--quiet", "--input", input, "--output", out]).status, 0)
    }

    func testCronScriptIsSilentAndReportsBusy() throws {
        let input = try Tool.sampleInput()
        let out = try Tool.temporaryDirectory("out")
        let script = Tool.repo + "/scripts/cron-run"
        let env = ["UNIONSTATS": try Tool.program()]
        let ok = try Tool.Running(script, [input, out, Tool.repo + "/pipeline"], env: env).wait()
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout + ok.stderr, "", "silent on success")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/figures.csv"))

        let lock = try RunLock.acquire(RunLock.path(forOutput: out), wait: false)
        let busy = try Tool.Running(script, [input, out, Tool.repo + "/pipeline"], env: env).wait()
        XCTAssertEqual(busy.status, 75)
        lock.release()

        try Tool.write([0, 1, 2, 3, 0xFF], to: input + "/junk.bin")
        let rejected = try Tool.Running(script, [input, out, Tool.repo + "/pipeline"], env: env).wait()
        XCTAssertEqual(rejected.status, 3)
        XCTAssertTrue(rejected.stderr.contains("junk.bin"), rejected.stderr)
    }
}
