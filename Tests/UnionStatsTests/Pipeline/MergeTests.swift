import Foundation
import XCTest
@testable import UnionStats

/// DESIGN "Scale": runs over parts of the pages, on several machines, merge
/// into the output one run over all the pages gives, byte for byte; and a
/// merge that would count a page twice, or mix manifests, stops instead.
final class MergeTests: XCTestCase {
    /// The sample pages, pages in other encodings, bad pages, formula-like names,
    /// and a manifest with a bad date and a row for a file that is not there.
    func fullInput() throws -> String {
        let dir = try Tool.sampleInput()
        let text = try Tool.sampleText(Tool.samplePages[1])
        try Tool.write(Array(text.data(using: BadInputTests.gb18030)!), to: dir + "/gbk copy.txt")
        try Tool.write([0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!), to: dir + "/utf16le.txt")
        try Tool.write([0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2, 3], to: dir + "/picture.png")
        try Tool.write([], to: dir + "/empty.txt")
        try Tool.write(Array("版面导航\n主办：劳动午报社\n".utf8), to: dir + "/navigation.txt")
        try Tool.write(Array(text.utf8), to: dir + "/=SUM(A1).txt")
        try Tool.write(Array(text.utf8), to: dir + "/2020-11-21_页面 副本.txt")
        var manifest = try String(contentsOfFile: dir + "/manifest.csv", encoding: .utf8)
        manifest += "gbk copy.txt,2020-13-45,劳动午报,\ngone.txt,2020-11-21,劳动午报,02\n"
        try Tool.write(Array(manifest.utf8), to: dir + "/manifest.csv")
        return dir
    }

    /// Splits the pages of `input` round-robin into `count` folders, each with the whole manifest.
    func split(_ input: String, into count: Int) throws -> [String] {
        let parts = try (0..<count).map { try Tool.temporaryDirectory("part\($0)") }
        for (i, name) in try Pipeline.pageFiles(in: input).map(FilePaths.baseName).enumerated() {
            try FileManager.default.copyItem(atPath: input + "/" + name, toPath: parts[i % count] + "/" + name)
        }
        for p in parts { try FileManager.default.copyItem(atPath: input + "/manifest.csv", toPath: p + "/manifest.csv") }
        return parts
    }

    func runEach(_ inputs: [String], encodings: [String]) throws -> [String] {
        try zip(inputs, encodings).map { input, encoding in
            let out = try Tool.temporaryDirectory("partout")
            let r = try Tool.run(["run", "--quiet", "--input", input, "--output", out, "--csv-encoding", encoding])
            XCTAssertEqual(r.status, 3, "each part lists the others' pages as missing: \(r.stderr)")
            return out
        }
    }

    func testMergedPartsWriteWhatOneRunWrites() throws {
        let input = try fullInput()
        let one = try Tool.temporaryDirectory("one")
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", one])
        XCTAssertEqual(r.status, 3, r.stderr)
        let expected = Tool.outputs(one)
        XCTAssertTrue(expected.keys.contains("tables/monthly.csv") && expected.keys.contains { $0.hasPrefix("reports/") })

        // One part written in GB18030: a part is read in whatever encoding it was written in.
        let parts = try runEach(try split(input, into: 3), encodings: ["utf8-bom", "gb18030", "utf8"])
        let merged = try Tool.temporaryDirectory("merged")
        let m = try Tool.run(["merge", "--output", merged] + parts)
        XCTAssertEqual(m.status, 3, "the merged rejects.csv lists pages: \(m.stderr)")
        let got = Tool.outputs(merged)
        XCTAssertEqual(Set(got.keys), Set(expected.keys))
        for (name, bytes) in expected { XCTAssertEqual(got[name], bytes, "\(name) differs from one run's") }

        // The missing file stays reported (no part had it); the pages other parts had do not.
        let missing = Tool.records(merged + "/rejects.csv").filter { $0["problem"] == "missing-file" }.map { $0["doc"] }
        XCTAssertEqual(missing, ["gone.txt"])
        // Merging again changes nothing, and in the other order of parts gives the same bytes.
        let again = try Tool.run(["merge", "--quiet", "--output", merged] + parts.reversed())
        XCTAssertEqual(again.status, 3, again.stderr)
        XCTAssertEqual(Tool.outputs(merged), expected)
    }

    func testOnePartIsThatRun() throws {
        let input = try Tool.sampleInput()
        let one = try Tool.temporaryDirectory("one")
        XCTAssertEqual(try Tool.run(["run", "--quiet", "--input", input, "--output", one]).status, 0)
        let merged = try Tool.temporaryDirectory("merged")
        let m = try Tool.run(["merge", "--output", merged, one])
        XCTAssertEqual(m.status, 0, m.stderr)
        XCTAssertTrue(m.stderr.contains("merge: 1 parts, 5 pages, 134 figures"), m.stderr)
        XCTAssertEqual(Tool.outputs(merged), Tool.outputs(one))
    }

    /// Every refusal leaves the output folder as it was and names what is wrong.
    /// The output folder first holds a merge of `earlier` alone.
    func assertRefused(_ parts: [String], saying words: [String], earlier: String? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let merged = try Tool.temporaryDirectory("merged")
        let first = try Tool.run(["merge", "--quiet", "--output", merged, earlier ?? parts[0]])
        XCTAssertTrue(first.status == 0 || first.status == 3, first.stderr, file: file, line: line)
        let before = Tool.outputs(merged)
        let r = try Tool.run(["merge", "--quiet", "--output", merged] + parts)
        XCTAssertEqual(r.status, 1, r.stderr, file: file, line: line)
        for w in words { XCTAssertTrue(r.stderr.contains(w), "stderr names \(w): \(r.stderr)", file: file, line: line) }
        XCTAssertEqual(Tool.outputs(merged), before, "a refused merge leaves the outputs as they were", file: file, line: line)
        XCTAssertEqual(Tool.temporaries(merged), [], file: file, line: line)
    }

    func testPageInTwoPartsIsRefused() throws {
        let inputs = try split(try Tool.sampleInput(), into: 2)
        let shared = Tool.samplePages[0]
        if !FileManager.default.fileExists(atPath: inputs[1] + "/" + shared) {
            try FileManager.default.copyItem(atPath: Tool.repo + "/input/" + shared, toPath: inputs[1] + "/" + shared)
        }
        let parts = try runEach(inputs, encodings: ["utf8-bom", "utf8-bom"])
        try assertRefused(parts, saying: [shared, parts[0], parts[1]])
    }

    func testPartsFromDifferentManifestsAreRefused() throws {
        let inputs = try split(try Tool.sampleInput(), into: 2)
        let manifest = try String(contentsOfFile: inputs[1] + "/manifest.csv", encoding: .utf8)
        try Tool.write(Array((manifest + "x.txt,someday,劳动午报,\n").utf8), to: inputs[1] + "/manifest.csv")
        let parts = try runEach(inputs, encodings: ["utf8-bom", "utf8-bom"])
        try assertRefused(parts, saying: ["manifest"])
    }

    func testRowsOutOfPageOrderAreRefusedWithTheirRow() throws {
        let inputs = try split(try Tool.sampleInput(), into: 2)
        let parts = try runEach(inputs, encodings: ["utf8", "utf8"])
        // The part's figures.csv with its rows upside down (no field in it holds a line break).
        let path = parts[0] + "/figures.csv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(Set(lines.dropFirst().map { $0.prefix(while: { $0 != "," }) }).count, 3, "rows of three pages")
        try Tool.write(Array(([lines[0]] + lines.dropFirst().reversed()).map { $0 + "\r\n" }.joined().utf8), to: path)
        try assertRefused(parts, saying: [path + ":", "not in page order"], earlier: parts[1])
    }

    func testMissingFileOrTheOutputAsAPartIsRefused() throws {
        let parts = try runEach(try split(try Tool.sampleInput(), into: 2), encodings: ["utf8-bom", "utf8-bom"])
        XCTAssertEqual(unlink(parts[1] + "/articles.csv"), 0)
        try assertRefused(parts, saying: [parts[1] + "/articles.csv", "missing"])
        let r = try Tool.run(["merge", "--quiet", "--output", parts[0], parts[0]])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("is the output folder itself"), r.stderr)
        // make's own output folder: its next run would keep the merged figures as if they were its own.
        let made = try Tool.temporaryDirectory("made")
        try FileManager.default.createDirectory(atPath: made + "/.work", withIntermediateDirectories: false)
        let m = try Tool.run(["merge", "--quiet", "--output", made, parts[0]])
        XCTAssertEqual(m.status, 1)
        XCTAssertTrue(m.stderr.contains("output folder of make"), m.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: made + "/figures.csv"))
    }

    /// The cursor hands over every row in order with its number, across the reading thread's batches.
    func testRowCursorGivesEveryRowWithItsNumber() throws {
        var text = "a,b\r\n"
        for i in 0..<5000 { text += i == 2500 ? "\"multi\nline\",\(i)\r\n" : "x\(i),\(i)\r\n" }
        let path = TestScratch.file("cursor", extension: "csv")
        try Tool.write(Array(text.utf8), to: path)
        let cursor = try RowCursor(path: path, columns: ["a", "b"])
        var n = 0
        while let r = try cursor.next() {
            XCTAssertEqual(r.fields[1], String(n))
            // Rows are counted as records (the header is row 1): a quoted line break is inside one.
            XCTAssertEqual(r.row, n + 2)
            n += 1
        }
        XCTAssertEqual(n, 5000)
        XCTAssertThrowsError(try RowCursor(path: path, columns: ["a", "c"])) { error in
            XCTAssertTrue("\(error)".contains(path + ":1:"), "\(error)")
        }
    }
}
