import XCTest
@testable import UnionStats

/// `Gazetteer.scanNames` starts a name only at a Han scalar that begins one (`mayBeginName`):
/// the filter holds exactly those scalars, and scans find what a plain reading of every position finds.
final class GazetteerScanShortcutTests: XCTestCase {
    /// Names starting at the edges of the Han ranges and outside them (fullwidth Ａ, a hexagram in the
    /// gap U+4DC0–4DFF, an astral Han scalar), which a scan never starts at.
    static let names = ["北京市", "朝阳区", "朝阳", "南法信镇", "㐀山县", "䶿水乡", "鿿镇", "一丁村", "Ａ城镇", "䷀乡", "𠀀村", "中南", "南京市"]

    static func small() -> Gazetteer {
        var g = Gazetteer()
        for (k, n) in names.enumerated() {
            let e = g.addEntry(code: String(k + 1), name: n, level: 1, parentCode: "")!
            g.addName(n, entry: e, form: .full, scope: .anywhere)
        }
        return g
    }

    func testFirstScalarFilterHoldsTheNamesFirstHanScalars() {
        let g = GazetteerScanShortcutTests.small()
        let firsts = Set(GazetteerScanShortcutTests.names.map { $0.unicodeScalars.first! })
        var taken = 0
        for v in UInt32(0)...0x2_FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let expected = Gazetteer.isHan(s) && firsts.contains(s)
            if expected { taken += 1 }
            XCTAssertEqual(g.mayBeginName(s), expected, String(v, radix: 16))
        }
        // 北 朝 南 㐀 䶿 鿿 一 中 pass; Ａ ䷀ 𠀀 begin names and do not.
        XCTAssertEqual(taken, 8)
        // The shipped table: its names' first scalars, read from every BMP scalar that is a whole name's start.
        let shipped = PipelineFixture.dictionaries.gazetteer
        XCTAssertTrue(shipped.mayBeginName("北"))
        XCTAssertFalse(shipped.mayBeginName("Ａ"))
        XCTAssertFalse(shipped.mayBeginName("的"))
    }

    /// `scanNames` reads a candidate's names from its second scalar: every scalar `mayBeginName` lets through
    /// is a marked prefix and no name by itself, in the small table and the shipped one.
    func testEveryFirstScalarIsABarePrefix() {
        let small = GazetteerScanShortcutTests.small(), shipped = PipelineFixture.dictionaries.gazetteer
        for g in [small, shipped] {
            var taken = 0
            for v in UInt32(0x3400)..<0xA000 {
                guard let s = Unicode.Scalar(v), g.mayBeginName(s) else { continue }
                taken += 1
                XCTAssertTrue(g.isBarePrefix(s), String(v, radix: 16))
            }
            XCTAssertGreaterThanOrEqual(taken, 8)
        }
        // Scalars that begin no name are no prefix: 京 and 市 only follow in the small table.
        XCTAssertFalse(small.isBarePrefix("京"))
        XCTAssertFalse(small.isBarePrefix("市"))
        XCTAssertTrue(small.isBarePrefix("北"))
        XCTAssertFalse(Gazetteer().isBarePrefix("北"))
    }

    /// The longest name at every Han position (overlaps included, street words excluded), read by trying every span.
    static func reference(_ g: Gazetteer, _ t: [Unicode.Scalar]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for i in t.indices where Gazetteer.isHan(t[i]) {
            var best: Int? = nil
            for j in stride(from: min(t.count, i + 40), through: i + 2, by: -1) where !g.senses(of: TextClasses.string(t[i..<j])).isEmpty {
                best = j
                break
            }
            if let b = best, !Gazetteer.followedByStreetWord(t, b) { out.append((i, b)) }
        }
        return out
    }

    func testScansFindWhatEveryPositionFinds() {
        let small = GazetteerScanShortcutTests.small(), shipped = PipelineFixture.dictionaries.gazetteer
        let crafted = ["其中南京市", "Ａ城镇和䷀乡、𠀀村", "㐀山县䶿水乡鿿镇一丁村", "北京市朝阳区南法信镇", "朝阳路", "北", "北京", "", "京市",
                       "山东济宁市金乡县某公司", "河北沽源县的南法信镇和朝阳区、东城区", "王玉林在中山路与广西、西宁"].map(\.scalars)
        var found = 0
        for g in [small, shipped] {
            // Also scanned into one array for all the texts, as an article's segments are: nothing left from the text before.
            var reused: [Gazetteer.NameMatch] = []
            for t in crafted + ScanShortcutTests.texts {
                let got = g.scanNames(t).map { ($0.start, $0.end) }
                g.scanNames(t, into: &reused)
                let expected = GazetteerScanShortcutTests.reference(g, t)
                found += got.count
                XCTAssertEqual(got.map(\.0), expected.map(\.0), TextClasses.string(t))
                XCTAssertEqual(got.map(\.1), expected.map(\.1), TextClasses.string(t))
                XCTAssertEqual(reused.map(\.start), expected.map(\.0), TextClasses.string(t))
                XCTAssertEqual(reused.map(\.end), expected.map(\.1), TextClasses.string(t))
            }
        }
        XCTAssertGreaterThan(found, 500)
    }
}
