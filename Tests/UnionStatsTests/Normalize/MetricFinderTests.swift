import XCTest
@testable import UnionStats

final class MetricFinderTests: XCTestCase {
    /// Metrics of the ⟦marked⟧ figures of one paragraph, resolved as an article.
    func metrics(_ paragraph: String) -> [String] {
        PipelineFixture.resolve([paragraph]).map(\.metric)
    }

    func testNounAfterTheNumber() {
        let cases: [(String, [String])] = [
            ("有需求的职工可以来到中心工会各分会开办的⟦12间⟧职工倾听室中，诉说难题。", ["职工倾听室"]),
            ("要求每个街乡每月举办⟦4场⟧职工沟通会，并将每月12日定为区级“沟通日”。", ["职工沟通会"]),
            ("为那里的⟦10名⟧困难学子送去了⟦4.1万元⟧的助学金。", ["困难学子", "助学金"]),
            ("共有⟦30对⟧新人参加,吸引⟦20万余人⟧在线观看。", ["新人", "在线观看"]),
            ("共有⟦28家⟧单位的⟦45个⟧优秀作品进入复赛。", ["单位", "优秀作品"]),
        ]
        for (p, expected) in cases { XCTAssertEqual(metrics(p), expected, p) }
    }

    // Counted winners are counted by their prize.
    func testPrizeWinners() {
        XCTAssertEqual(metrics("来自某单位的陈浩等⟦三名⟧选手获得金奖，⟦12名⟧选手分获银奖、 铜奖，⟦37名⟧参赛选手获得优秀奖。"),
                       ["金奖", "银奖、铜奖", "优秀奖"])
    }

    func testNounBeforeTheNumber() {
        let cases: [(String, [String])] = [
            ("当天，朝阳区共开展职工沟通会⟦45场⟧，职工咨询人数达到⟦1853人⟧，申请入会职工数量为⟦301人⟧。",
             ["职工沟通会", "职工咨询人数", "申请入会职工数量"]),
            ("目前,全区现有在档困难职工⟦9户⟧,实现脱困⟦136户⟧,脱困率⟦94%⟧。", ["在档困难职工", "脱困", "脱困率"]),
            ("企业沟通会共开展⟦1970场⟧，参与企业⟦1946家⟧。", ["企业沟通会", "企业"]),
            ("中车西安公司工会将购置的方便饭等⟦9种⟧方便食品⟦2390份⟧送往生产一线。", ["方便食品", "方便食品"]),
            ("目前全区建档立卡城镇困难职工从2016年的⟦3214户⟧降到现在的⟦119户⟧。",
             ["建档立卡城镇困难职工", "建档立卡城镇困难职工"]),
        ]
        for (p, expected) in cases { XCTAssertEqual(metrics(p), expected, p) }
    }

    // The area a figure covers is its region, not part of what it counts.
    func testScopeIsNotPartOfTheMetric() {
        XCTAssertEqual(metrics("截至目前,西宁全市“八大群体”职工入会率达⟦90%⟧。"), ["“八大群体”职工入会率"])
        XCTAssertEqual(metrics("其中， 市级职工创新工作室⟦4家⟧，公司级职工创新工作室⟦2家⟧。"), ["市级职工创新工作室", "公司级职工创新工作室"])
    }

    // 共计… with no noun: the last noun of the clause before, or the figure before in the same clause.
    func testNounFromBefore() {
        XCTAssertEqual(metrics("已有⟦143名⟧大病职工收到了来自专项温暖基金的救助金,共计⟦112万余元⟧。"), ["大病职工", "救助金"])
        XCTAssertEqual(metrics("将调解成功案件补贴由⟦500元⟧大幅提升到⟦2400元⟧。"), ["调解成功案件补贴", "调解成功案件补贴"])
        XCTAssertEqual(metrics("先后⟦两次⟧开展了“情系环卫工”系列活动,"), ["“情系环卫工”系列活动"])
        // A breakdown by place counts what the total counts.
        XCTAssertEqual(metrics("江苏省总工会共帮扶困难职工⟦5000余户⟧,其中南京市⟦1200户⟧。"), ["帮扶困难职工", "帮扶困难职工"])
    }

    func testWinnersWithoutANoun() {
        XCTAssertEqual(metrics("⟦200余名⟧选手参加比赛,⟦30人⟧获奖。"), ["选手", "获奖"])
    }
}
