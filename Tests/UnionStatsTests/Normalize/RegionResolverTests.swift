import XCTest
@testable import UnionStats

final class RegionResolverTests: XCTestCase {
    let g = PipelineFixture.dictionaries.gazetteer

    /// The regions of every resolved place in `text`, read in order with `defaultRegion` as context.
    func places(_ text: String, defaultRegion: String? = nil) -> [String] {
        var r = RegionResolver(gazetteer: g, defaultRegion: defaultRegion.flatMap { g.entry(path: $0) })
        let scalars = Array(text.unicodeScalars)
        var out: [String] = []
        var end = 0
        for m in g.scan(scalars) where m.start >= end {
            if let p = r.resolve(m, in: scalars, segment: 0) {
                out.append(g.region(p.entry, written: p.written).path)
                end = m.end
            }
        }
        return out
    }

    func testResolution() {
        let cases: [(text: String, context: String?, expected: [String])] = [
            // Short county names only inside the default province.
            ("延庆区总工会", "北京市", ["北京市/延庆区"]),
            ("朝阳区各级工会", "北京市", ["北京市/朝阳区"]),
            ("朝阳", "北京市", ["北京市/朝阳区"]),
            ("顺义", "陕西省", []),
            // Parents named before disambiguate and fill the path.
            ("山东济宁市金乡县某公司", nil, ["山东省", "山东省/济宁市", "山东省/济宁市/金乡县"]),
            ("河北沽源县", "北京市", ["河北省", "河北省/张家口市/沽源县"]),
            ("安康市汉阴县总工会", "陕西省", ["陕西省/安康市", "陕西省/安康市/汉阴县"]),
            // Province and city short forms anywhere.
            ("广西工会", nil, ["广西壮族自治区"]),
            ("西宁全市", nil, ["青海省/西宁市"]),
            ("前往成都看望", "北京市", ["四川省/成都市"]),
            ("新疆维吾尔自治区阿勒泰地区各级工会", nil, ["新疆维吾尔自治区", "新疆维吾尔自治区/阿勒泰地区"]),
            // Beijing towns listed as X地区: the path keeps the name as written.
            ("位于南法信镇的", "北京市", ["北京市/顺义区/南法信镇"]),
            // The same street name in two provinces: the default province decides.
            ("三里屯街道总工会", "北京市", ["北京市/朝阳区/三里屯街道"]),
            // Street and gate names are not places; common words never.
            ("中山路社区", "广东省", []),
            ("朝阳门外", "北京市", []),
            ("城区职工", "山西省", []),
            // Equal district names with no context: the municipality's; then its short form follows it.
            ("朝阳区总工会在朝阳城市书屋", nil, ["北京市/朝阳区", "北京市/朝阳区"]),
            ("鼓楼区", nil, []),
            ("东城区职工服务中心", "北京市", ["北京市/东城区"]),
            ("经济开发区", "陕西省", []),
            // A short form right after a surname is a given name (王玉林), not 玉林市.
            ("全国劳模王玉林介绍", nil, []),
            ("江苏徐州工惠贷", nil, ["江苏省", "江苏省/徐州市"]),
            // A short name that cannot be read does not hide the place after it (其中南京市: 中南, 南京市).
            ("其中南京市", "江苏省", ["江苏省/南京市"]),
        ]
        for c in cases { XCTAssertEqual(places(c.text, defaultRegion: c.context), c.expected, c.text) }
    }

    func testCodesAreTheMostSpecificLevel() {
        var r = RegionResolver(gazetteer: g, defaultRegion: g.entry(path: "北京市"))
        let text = Array("南法信镇".unicodeScalars)
        let m = g.scan(text)
        XCTAssertEqual(m.first?.end, 4)
        let p = r.resolve(m[0], in: text, segment: 0)
        XCTAssertEqual(p.map { g.region($0.entry, written: $0.written) }, Region(path: "北京市/顺义区/南法信镇", code: "110113008"))
    }

    func testTownshipShortFormNeedsItsCounty() {
        XCTAssertEqual(places("东四街道", defaultRegion: "北京市"), ["北京市/东城区/东四街道"])
        XCTAssertEqual(places("东四", defaultRegion: "北京市"), [])
        XCTAssertEqual(places("东城区东四", defaultRegion: "北京市"), ["北京市/东城区", "北京市/东城区/东四街道"])
    }
}
