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

    // Words that end a noun phrase without belonging to it: per-unit words, adverbs, verbs after the thing.
    func testFunctionWordsAreNotPartOfTheMetric() {
        let cases: [(String, [String])] = [
            ("截至1月底,全区在档困难职工还有⟦1523户⟧。", ["在档困难职工"]),
            ("向⟦200名⟧困难职工每人发放慰问金⟦1000元⟧。", ["困难职工", "慰问金"]),
            ("本科生每人⟦5000元⟧,专科生每人⟦3000元⟧。", ["本科生", "专科生"]),
            ("疗休养补贴每人⟦最高2000元⟧。", ["疗休养补贴"]),
            ("其中快递员⟦1.8万名⟧、网约送餐员⟦2.1万名⟧。", ["快递员", "网约送餐员"]),
            ("⟦46名⟧市级以上劳模赴延庆疗休养。", ["市级以上劳模"]),
            ("首批⟦30辆⟧大巴车载着⟦1200余名⟧外来务工人员踏上返乡之路。", ["大巴车", "外来务工人员"]),
            ("帮助⟦38名⟧建筑工人拿回工资⟦近60万元⟧。", ["建筑工人", "工资"]),
            ("为全市首批⟦45家⟧“暖心驿站”授牌。", ["暖心驿站"]),
            ("市总工会为每家驿站一次性补助建设资金⟦2万元⟧。", ["建设资金"]),
            ("一等奖每人奖励⟦2000元至5000元⟧不等。", ["奖励"]),
            ("每家书屋获赠图书⟦300册⟧。", ["图书"]),
            ("站内配备专业心理咨询师⟦6名⟧，每名职工每年可享受免费心理咨询服务⟦不超过6次⟧。", ["专业心理咨询师", "免费心理咨询服务"]),
            ("望京街道⟦千余名⟧快递小哥有了“暖心家园”", ["快递小哥"]),
            ("为全区农牧民工办理住院医疗互助保障⟦12.8万份⟧，每份保费⟦20元⟧。", ["住院医疗互助保障", "保费"]),
            ("截至5月底，义乌已建成各类“职工之家”⟦1260家⟧。", ["职工之家"]),
            ("新建爱心驿站⟦52个⟧，使全市驿站总数达到⟦318个⟧。", ["爱心驿站", "驿站总数"]),
        ]
        for (p, expected) in cases { XCTAssertEqual(metrics(p), expected, p) }
    }

    // A sum that ends a clause names the noun of the next clause's total, never a fragment with digits.
    func testTotalAfterAPerUnitSum() {
        XCTAssertEqual(metrics("向⟦200名⟧在档困难职工每人发放慰问金⟦1000元⟧,共计⟦20万元⟧。"), ["在档困难职工", "慰问金", "慰问金"])
        XCTAssertEqual(metrics("培训农民工⟦1.3万余人次⟧,其中取得职业资格证书的有⟦4120人⟧。"), ["培训农民工", "取得职业资格证书"])
        XCTAssertEqual(metrics("向环卫工人发放清凉大礼包⟦3000份⟧，每份价值⟦100元⟧。"), ["清凉大礼包", "清凉大礼包"])
    }

    func testRelativeClausesPurposesOwnersAndGaps() {
        let cases: [(String, [String])] = [
            // The head after 的 of a relative clause.
            ("为⟦83名⟧考入大学的困难职工子女发放助学金。", ["困难职工子女"]),
            // A verb after a sum says what it pays for.
            ("累计投入经费⟦约80万元⟧建设职工书屋。", ["经费"]),
            // The owner opening a clause is not the counted thing; an organization that is counted is.
            ("今年以来,兰州市总工会已先后⟦三次⟧开展普惠活动。", ["普惠活动"]),
            ("建立新就业形态劳动者工会联合会⟦16个⟧。", ["新就业形态劳动者工会联合会"]),
            // Words between the qualifier and the number.
            ("确保每户困难职工家庭⟦至少领到慰问金800元⟧。", ["慰问金"]),
            ("单次⟦最多可减免50元⟧。", ["减免"]),
        ]
        for (p, expected) in cases { XCTAssertEqual(metrics(p), expected, p) }
    }

    // A rate of change with no noun names what changed; a count of change keeps its words.
    func testRatesOfChange() {
        XCTAssertEqual(metrics("去年，全市工会会员人数达到⟦385万人⟧，比上年增长⟦6.8%⟧。"), ["工会会员人数", "工会会员人数比上年增长"])
        XCTAssertEqual(metrics("全县互助保障职工⟦10935名⟧,与去年同比增加⟦1165人⟧。"), ["互助保障职工", "同比增加"])
    }
}
