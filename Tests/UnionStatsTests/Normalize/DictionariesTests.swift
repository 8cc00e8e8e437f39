import Foundation
import XCTest
@testable import UnionStats

final class DictionariesTests: XCTestCase {
    func testShippedTablesLoadQuickly() throws {
        let start = Date()
        let d = try Dictionaries.load(from: PipelineFixture.directory)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertGreaterThan(d.gazetteer.entries.count, 44_000)
        XCTAssertEqual(d.sources.defaultRegion(of: "劳动午报"), "北京市")
        XCTAssertEqual(d.sources.defaultRegion(of: "工人日报"), "")
        // Debug builds are several times slower than release; release must stay well under 0.5 s.
        XCTAssertLessThan(seconds, 3.0, "loading pipeline/ took \(seconds) s")
    }

    func testMetricDictionaryPrefersTheLongestSynonym() {
        let m = PipelineFixture.dictionaries.metrics
        let cases: [(String, String?)] = [
            ("职工沟通会", "communication_meetings"), ("企业沟通会", "enterprise_meetings"), ("脱困率", "hardship_exit_rate"),
            ("实现脱困", "hardship_exit"), ("在档困难职工", "needy_on_file"), ("慰问款物", "condolence"),
            ("“八大群体”职工入会率", "membership_rate"), ("申请入会职工数量", "union_joining"), ("星期", nil),
        ]
        for (phrase, id) in cases { XCTAssertEqual(m.match(phrase)?.id, id, phrase) }
    }

    func testSourceNameContainingAListedPaperGetsItsRegion() {
        XCTAssertEqual(PipelineFixture.dictionaries.sources.defaultRegion(of: "陕西工人报社"), "陕西省")
    }

    // A bad row names its file and row.
    func testBadRowsAreConfigurationErrors() throws {
        let cases: [(file: String, body: String, line: Int)] = [
            ("metrics.csv", "id,name_zh,name_en,synonyms,unit,kind\na,甲,a,,个,flow\nb,乙,b,,个,sometimes\n", 3),
            ("metrics.csv", "id,name_zh,name_en,synonyms,unit,kind\na,甲,a,,个,flow\na,乙,b,,个,flow\n", 3),
            ("sources.csv", "source,default_region\n某报,火星省\n", 2),
            ("aliases.csv", "alias,target,scope\n京,北京市,everywhere\n", 2),
            ("aliases.csv", "alias,target,scope\n京,不存在市,anywhere\n", 2),
            ("gazetteer.csv", "code,name,level,parent_code,aliases,short\n11,北京市,1,,,北京\n1101,x,7,11,,\n", 3),
            ("gazetteer.csv", "code,name,level,parent_code,aliases,short\n110101,东城区,3,99,,\n", 2),
        ]
        for c in cases {
            let dir = try tableDirectory(replacing: c.file, with: c.body)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            XCTAssertThrowsError(try Dictionaries.load(from: dir), c.file) { error in
                guard let e = error as? ConfigurationError else { return XCTFail("\(error)") }
                XCTAssertTrue(e.file.hasSuffix(c.file), e.description)
                XCTAssertEqual(e.line, c.line, e.description)
            }
        }
    }

    func testMissingFileIsNamed() throws {
        let dir = try tableDirectory(replacing: "metrics.csv", with: nil)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertThrowsError(try Dictionaries.load(from: dir)) { error in
            XCTAssertTrue((error as? ConfigurationError)?.file.hasSuffix("metrics.csv") ?? false, "\(error)")
        }
    }

    /// A copy of the small shipped tables (and a two-row gazetteer) with one file replaced or removed.
    func tableDirectory(replacing file: String, with body: String?) throws -> String {
        let dir = try TestScratch.directory("dict")
        let files = [
            "gazetteer.csv": "code,name,level,parent_code,aliases,short\n11,北京市,1,,,北京\n110105,朝阳区,3,11,,朝阳\n",
            "metrics.csv": "id,name_zh,name_en,synonyms,unit,kind\na,甲,a,,个,flow\n",
            "sources.csv": "source,default_region\n劳动午报,北京市\n",
            "aliases.csv": "alias,target,scope\n首都,北京市,anywhere\n",
        ]
        for (name, content) in files {
            let text = name == file ? body : content
            if let text = text { try text.write(toFile: dir + "/" + name, atomically: false, encoding: .utf8) }
        }
        return dir
    }
}
