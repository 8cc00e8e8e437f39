import Foundation
import XCTest
@testable import UnionStats

/// `unionstats run` builds the tables and reports from the figures in memory;
/// the stages one by one (what make runs) read them back from figures.csv.
/// Both must write the same bytes, also for text a spreadsheet would take for a
/// formula (guarded with `'` in figures.csv) and in every CSV encoding.
final class RunMatchesStagesTests: XCTestCase {
    /// Page names and text that start like formulas, beside the sample pages.
    func input() throws -> String {
        let dir = try Tool.sampleInput()
        let text = try Tool.sampleText(Tool.samplePages[1])
        try Tool.write(Array(text.utf8), to: dir + "/=SUM(A1).txt")
        try Tool.write(Array(text.utf8), to: dir + "/-2020-11-20_page.txt")
        let odd = "=朝阳区工会举办活动\n\n本报讯 近日，'=朝阳区总工会为职工发放慰问金12345.1234567元，+走访困难职工35户。\n"
        try Tool.write(Array(odd.utf8), to: dir + "/+2020-11-21_odd.txt")
        return dir
    }

    func stagesOutput(_ input: String, encoding: String) throws -> String {
        let out = try Tool.temporaryDirectory("stages")
        let work = try Tool.temporaryDirectory("extracts")
        var list: [String] = []
        for path in try Pipeline.pageFiles(in: input) {
            let csv = work + "/" + String(list.count) + ".csv"
            let r = try Tool.run(["extract", path, "--doc=" + FilePaths.baseName(path), "-o", csv])
            XCTAssertEqual(r.status, 0, r.stderr)
            list.append(csv)
        }
        try Tool.write(Array(list.joined(separator: "\n").utf8), to: work + "/list")
        let n = try Tool.run(["normalize", "--quiet", "--input", input, "--output", out, "--pipeline", Tool.repo + "/pipeline",
                              "--csv-encoding", encoding, "--list", work + "/list"])
        XCTAssertEqual(n.status, 0, n.stderr)
        // make's way: with the cache, twice (filling it, then using it); the outputs must not move.
        for _ in 0..<2 {
            let a = try Tool.run(["aggregate", "--with-reports", "--cache", work + "/aggregate", "--quiet", "--output", out,
                                  "--csv-encoding", encoding])
            XCTAssertEqual(a.status, 0, a.stderr)
        }
        let cached = Tool.outputs(out)
        // Nothing left behind either: no scratch file (a UTF-8 copy of a GB18030 figures.csv, say).
        for dir in [out, out + "/tables", out + "/reports"] {
            let hidden = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") && $0 != ".lock" && $0 != ".work" }
            XCTAssertEqual(hidden, [], "\(encoding): left in \(dir)")
        }
        let a = try Tool.run(["aggregate", "--with-reports", "--quiet", "--output", out, "--csv-encoding", encoding])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(Tool.outputs(out), cached, "\(encoding): the cached aggregate writes what the plain one does")
        return out
    }

    func testRunWritesWhatTheStagesWrite() throws {
        let input = try input()
        for encoding in ["utf8-bom", "gb18030"] {
            let runOut = try Tool.temporaryDirectory("run")
            let r = try Tool.run(["run", "--quiet", "--input", input, "--output", runOut, "--csv-encoding", encoding])
            XCTAssertEqual(r.status, 0, r.stderr)
            let run = Tool.outputs(runOut), stages = Tool.outputs(try stagesOutput(input, encoding: encoding))
            XCTAssertEqual(Set(run.keys), Set(stages.keys), encoding)
            for (name, bytes) in run { XCTAssertEqual(bytes, stages[name], "\(encoding): \(name) differs") }
            // The odd page really has guarded cells, so the comparison covered them.
            XCTAssertTrue(run["figures.csv"].map { String(decoding: $0, as: UTF8.self).contains("'+2020-11-21_odd.txt") } ?? false
                          || encoding == "gb18030")
        }
    }
}
