import Foundation
import XCTest
@testable import UnionStats

/// The gazetteer read row by row as bytes (`Dictionaries.loadGazetteer`) is the table a
/// plain reading of its records gives (`reference`), and a bad file fails the same way.
final class GazetteerLoadTests: XCTestCase {
    /// The rules of `gazetteer.csv` (pipeline/README.md), stated on `CSVRecord`s.
    static func reference(_ path: String) throws -> Gazetteer {
        var g = Gazetteer()
        try Dictionaries.records(path, required: ["code", "name", "level", "parent_code"]) { r in
            let code = r["code"], name = r["name"]
            guard !code.isEmpty, !name.isEmpty else { throw ConfigurationError(file: path, line: r.row, "code or name is empty") }
            guard let level = Int(r["level"]), (1...4).contains(level) else {
                throw ConfigurationError(file: path, line: r.row, "level must be 1 to 4, not \"\(r["level"])\"")
            }
            guard let e = g.addEntry(code: code, name: name, level: level, parentCode: r["parent_code"]) else {
                throw ConfigurationError(file: path, line: r.row, "parent_code \(r["parent_code"]) is not listed before this row")
            }
            g.addName(name, entry: e, form: .full, scope: .anywhere)
            for a in r["aliases"].split(separator: "|") where !a.isEmpty { g.addName(String(a), entry: e, form: .full, scope: .anywhere, asWritten: true) }
            for s in r["short"].split(separator: "|") where !s.isEmpty { g.addName(String(s), entry: e, form: .short, scope: level <= 2 ? .anywhere : .context) }
        }
        return g
    }

    /// Entries, codes, paths, every name's senses and scans agree.
    func assertSame(_ a: Gazetteer, _ b: Gazetteer, names: [String], texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.entries, b.entries, file: file, line: line)
        for e in a.entries.indices {
            XCTAssertEqual(a.path(of: e), b.path(of: e), file: file, line: line)
            XCTAssertEqual(a.parentIndex(code: a.entries[e].code), b.parentIndex(code: b.entries[e].code), file: file, line: line)
            XCTAssertEqual(a.isMunicipality(e), b.isMunicipality(e), file: file, line: line)
        }
        for n in names { XCTAssertEqual(a.senses(of: n), b.senses(of: n), n, file: file, line: line) }
        for t in texts { XCTAssertEqual(a.scan(t.scalars), b.scan(t.scalars), t, file: file, line: line) }
    }

    /// Every name, alias and short form in a table's rows.
    func names(_ path: String) throws -> [String] {
        var out: [String] = []
        try CSVReader(path: path).forEachRecord { r in
            out.append(r["name"])
            for column in ["aliases", "short"] { out += r[column].split(separator: "|").map(String.init) }
        }
        return out
    }

    func testShippedTableIsTheSameReadEitherWay() throws {
        let path = FilePaths.join(PipelineFixture.directory, Dictionaries.gazetteerFile)
        let fast = try Dictionaries.loadGazetteer(path)
        let read = try GazetteerLoadTests.reference(path)
        let texts = ["北京市朝阳区三里屯街道总工会", "其中南京市1200户，沽源县、广西和西宁", "山东济宁市金乡县的王玉林在中山路"]
        assertSame(fast, read, names: try names(path), texts: texts)
    }

    /// Runs `test` on a table file holding `body`, removed afterwards.
    func withTable(_ body: String, _ test: (String) throws -> Void) throws {
        let path = TestScratch.file("gazetteer", extension: "csv")
        try body.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try test(path)
    }

    // Column order, missing columns, BOM, no final newline, bars, a repeated parent code.
    func testSmallTablesAreTheSameReadEitherWay() throws {
        let bodies = [
            "code,name,level,parent_code,aliases,short\n11,北京市,1,,,北京\n110105,朝阳区,3,11,,朝阳\n110105001,建外街道,4,110105,,建外|\n",
            "\u{FEFF}name,code,parent_code,level,short\n北京市,11,,1,北京|京\n朝阳区,110105,11,3,朝阳\n建外街道,110105001,110105,4,建外",
            "code,name,level,parent_code\n11,北京市,1,\n1101,东城区,3,11\n1101,西城区,3,11\n110101,甲街道,4,1101\n110102,乙街道,4,1101\n",
            "code,name,level,parent_code,aliases,short,extra\n11,北京市,1,,首都|京城,北京,x\n110105,朝阳区,3,11,,|朝阳||,y\n",
        ]
        for body in bodies {
            try withTable(body) { path in
                let fast = try Dictionaries.loadGazetteer(path)
                let read = try GazetteerLoadTests.reference(path)
                assertSame(fast, read, names: ["北京市", "北京", "京", "首都", "京城", "朝阳区", "朝阳", "东城区", "西城区", "甲街道", "乙街道", "建外"],
                           texts: ["北京市朝阳区建外街道甲街道", "首都京城朝阳"])
            }
        }
    }

    // Quotes, CRs, blank lines and other level texts read alike; bad rows fail alike, naming the row.
    func testUnusualFilesReadOrFailAlike() throws {
        let bodies = [
            "code,name,level,parent_code\n11,\"北京市\",1,\n",
            "code,name,level,parent_code\r\n11,北京市,1,\r\n110105,朝阳区,3,11\r\n",
            "code,name,level,parent_code\n11,北京市,1,\n\n110105,朝阳区,3,11\n",
            "code,name,level,parent_code\n11,北京市,01,\n",
            "code,name,level,parent_code\n11,北京市,1,\n110105,朝阳区,3,99\n",
            "code,name,level,parent_code\n11,北京市,5,\n",
            "code,name,level,parent_code\n,北京市,1,\n",
            "code,name\n11,北京市\n",
            "",
        ]
        for body in bodies {
            try withTable(body) { path in
                let fast = Result { try Dictionaries.loadGazetteer(path) }, read = Result { try GazetteerLoadTests.reference(path) }
                switch (fast, read) {
                case (.success(let a), .success(let b)):
                    assertSame(a, b, names: ["北京市", "朝阳区"], texts: ["北京市朝阳区"])
                case (.failure(let a), .failure(let b)):
                    XCTAssertEqual("\(a)", "\(b)", body)
                default:
                    XCTFail("\(body.debugDescription): \(fast) against \(read)")
                }
            }
        }
    }
}
