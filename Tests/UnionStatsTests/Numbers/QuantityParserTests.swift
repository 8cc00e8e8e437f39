import XCTest
@testable import UnionStats

/// Figures written on their own or with the words around them: value (万/亿
/// multiplied out), value_max, unit as written, qualifier and per.
final class QuantityParserTests: XCTestCase {
    struct Case {
        let raw: String, value: String, unit: String, qualifier: Qualifier
        let max: String?, per: String, before: String, after: String
    }

    func c(_ raw: String, _ value: String, _ unit: String, _ qualifier: Qualifier = .exact, max: String? = nil,
           per: String = "", before: String = "", after: String = "") -> Case {
        Case(raw: raw, value: value, unit: unit, qualifier: qualifier, max: max, per: per, before: before, after: after)
    }

    func check(_ cases: [Case], file: StaticString = #filePath, line: UInt = #line) {
        for x in cases {
            let label = "\(x.before)[\(x.raw)]\(x.after)"
            guard let q = QuantityParser.parse(raw: x.raw, before: x.before, after: x.after) else {
                XCTFail("\(label) not parsed", file: file, line: line)
                continue
            }
            XCTAssertEqual(q.value.plain, x.value, label, file: file, line: line)
            XCTAssertEqual(q.valueMax?.plain, x.max, label, file: file, line: line)
            XCTAssertEqual(q.unit, x.unit, label, file: file, line: line)
            XCTAssertEqual(q.qualifier, x.qualifier, label, file: file, line: line)
            XCTAssertEqual(q.per, x.per, label, file: file, line: line)
        }
    }

    func testArabicNumbers() {
        check([
            c("123户", "123", "户"), c("１２３名", "123", "名"), c("3,363,287人", "3363287", "人"),
            c("3，363，287人", "3363287", "人"), c("4000平方米", "4000", "平方米"), c("306人次", "306", "人次"),
            c("100多场次", "100", "场次", .over), c("7块", "7", "块"), c("5000升", "5000", "升"), c("13323 人次", "13323", "人次"),
        ])
    }

    func testMultipliersAndDecimals() {
        check([
            c("1.92亿元", "192000000", "元"), c("85.799万元", "857990", "元"), c("4.9165万元", "49165", "元"),
            c("248万余元", "2480000", "元", .over), c("10余万元", "100000", "元", .over), c("12万余人", "120000", "人", .over),
            c("5千元", "5000", "元"), c("1.5万人次", "15000", "人次"), c("１.５万元", "15000", "元"), c("3千米", "3", "千米"),
        ])
    }

    func testChineseNumerals() {
        check([
            c("三千二百名", "3200", "名"), c("两次", "2", "次"), c("十二个", "12", "个"), c("二十余家", "20", "家", .over),
            c("十余万元", "100000", "元", .over), c("一百零五人", "105", "人"), c("近两万名", "20000", "名", .approx),
            c("百余名", "100", "名", .over), c("千余人", "1000", "人", .over), c("万余人", "10000", "人", .over),
            c("两万余元", "20000", "元", .over), c("兩萬餘元", "20000", "元", .over), c("近百副", "100", "副", .approx),
            c("上千人", "1000", "人", .over), c("三百五十六点七万元", "3567000", "元"), c("超过百余家", "100", "家", .over), c("两三个", "2", "个", .range, max: "3"),
        ])
    }

    func testRanges() {
        check([
            c("2-4次", "2", "次", .range, max: "4"), c("2～4次", "2", "次", .range, max: "4"), c("2—4次", "2", "次", .range, max: "4"),
            c("3至5人", "3", "人", .range, max: "5"), c("3到5人", "3", "人", .range, max: "5"),
            c("260元至500元", "260", "元", .range, max: "500"), c("三至五人", "3", "人", .range, max: "5"),
            c("3-5万元", "30000", "元", .range, max: "50000"),
        ])
    }

    func testPercentages() {
        check([
            c("87%", "87", "%"), c("94％", "94", "%"), c("百分之三十", "30", "%"), c("百分之8.5", "8.5", "%"),
            c("千分之五", "5", "‰"), c("3.5个百分点", "3.5", "个百分点"), c("90%以上", "90", "%", .over),
        ])
    }

    func testQualifiers() {
        check([
            c("近2000场", "2000", "场", .approx), c("约300人", "300", "人", .approx), c("500人左右", "500", "人", .approx),
            c("3000元上下", "3000", "元", .approx), c("超过700万元", "7000000", "元", .over), c("逾千人", "1000", "人", .over),
            c("超3000人", "3000", "人", .over), c("1000人以上", "1000", "人", .over), c("不到10人", "10", "人", .under),
            c("不足5家", "5", "家", .under), c("10人以下", "10", "人", .under), c("最高为50万元", "500000", "元", .max),
            c("最多5人", "5", "人", .max), c("最高奖励5000元", "5000", "元", .max), c("约占33%", "33", "%", .approx), c("不超过3000元", "3000", "元", .max), c("不少于2次", "2", "次", .over),
            c("至少创作一个", "1", "个", .over, per: "季度", before: "每季度", after: "节目单"),
        ])
    }

    /// 签约 and 附近 are words, not 约/近 before a number.
    func testQualifierWordsInsideOtherWords() {
        check([c("3家", "3", "家", before: "签约"), c("3家", "3", "家", before: "附近")])
    }

    func testPerUnit() {
        check([
            c("500元", "500", "元", per: "人", before: "发放每人", after: "的助学金"),
            c("近500万元", "5000000", "元", .approx, per: "月", before: "以每月", after: "的贷款速度"),
            c("2-4次", "2", "次", .range, max: "4", per: "年", before: "坚持做到每年入户"),
            c("2名", "2", "名", per: "天", before: "除了每天安排", after: "专业律师"),
            c("2万元", "20000", "元", per: "家", before: "为每家已建会培育企业提供", after: "助推金"),
            c("4场", "4", "场", per: "月", before: "要求每个街乡每月举办", after: "职工沟通会"),
            c("一次", "1", "次", per: "年", before: "每年开展", after: "困难职工帮扶系统清理复核工作"),
            c("3000元", "3000", "元", per: "人", before: "人均"),
            c("500元/人", "500", "元", per: "人"),
            // A 每 before a list of items does not make the list's count per item.
            c("6条", "6", "条", before: "整合每户困难职工基本信息、致困原因、收入情况等", after: "基础信息"),
            // Nor does a 每 in an earlier clause.
            c("45场", "45", "场", before: "每个分会都参加，共"),
        ])
    }

    func testNotFiguresParseToNil() {
        let cases: [(String, String, String)] = [
            ("", "2019年", ""), ("", "11月", "16日"), ("", "24岁", ""), ("第", "三名", ""), ("", "12351", "APP"),
            ("沙井胡同", "6号", ""), ("", "6个月", ""), ("拖欠31名职工", "6个月", "共30万元"), ("", "八小时", "约定"),
            ("迎来了", "一位", "特别的家人"),
        ]
        for (b, r, a) in cases {
            XCTAssertNil(QuantityParser.parse(raw: r, before: b, after: a), "\(b)[\(r)]\(a)")
        }
    }
}
