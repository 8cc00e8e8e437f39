import XCTest
@testable import UnionStats

final class ContextResolverTests: XCTestCase {
    func orgs(_ paragraphs: [String], source: String = "劳动午报") -> [String] {
        PipelineFixture.resolve(paragraphs, source: source).map(\.organization)
    }

    func regions(_ paragraphs: [String], source: String = "劳动午报") -> [String] {
        PipelineFixture.resolve(paragraphs, source: source).map(\.region.path)
    }

    func testOrganizations() {
        let cases: [(paragraphs: [String], expected: [String])] = [
            // A district's unions stand for its 总工会.
            (["三年来， 朝阳区各级工会组织共开展了职工沟通会⟦近2000场⟧。"], ["朝阳区总工会"]),
            (["两节期间,顺义全区各级工会组织共筹集慰问款物⟦248万余元⟧。"], ["顺义区总工会"]),
            // Short references take the full name said before.
            (["顺义区总工会开展送温暖活动。", "区总工会为职工送去慰问品⟦300份⟧。"], ["顺义区总工会"]),
            (["中铁十二局一公司工会被评为先进。", "2019年,该公司工会全年有⟦56项⟧合理化建议被采纳。"], ["中铁十二局一公司工会"]),
            // Partners, affiliations and counted units are not the owner.
            (["南郑区总工会携手创维集团汉中分公司为职工发放优惠卡⟦6110张⟧。"], ["南郑区总工会"]),
            (["北京市总工会主办决赛。", "来自门头沟区医院的陈浩等⟦三名⟧选手获得金奖。"], ["北京市总工会"]),
            (["燕山石化自2011年以来先后创建职工创新工作室19家。", "2019年，⟦19个⟧职工创新工作室共组织开展攻关课题⟦202项⟧。"],
             ["燕山石化", "燕山石化"]),
            // The union of the place the sentence names.
            (["记者从朝阳区总工会获悉。", "近日，三里屯街道总工会举办了沟通会。", "当天，朝阳区共开展职工沟通会⟦45场⟧。"], ["朝阳区总工会"]),
            // 市总工会 in a Beijing paper with no city named.
            (["市总工会为⟦16名⟧职工颁奖。"], ["北京市总工会"]),
            // A union named as the source after the figures is still the article's subject.
            (["截至2020年12月31日，全省工会会员达到⟦1200万人⟧。", "这是记者从山西省总工会了解到的。"], ["山西省总工会"]),
            // An organization followed by a person's title is that person's organization.
            (["中建一局工会主席王某某介绍，该公司今年开展劳动竞赛⟦20余场⟧。"], ["中建一局工会"]),
            // A date or time word before the name is not part of it.
            (["2019年北京市总工会共筹集资金⟦2亿元⟧。"], ["北京市总工会"]),
            (["今年延庆区总工会走访困难职工⟦120户⟧。"], ["延庆区总工会"]),
            // A province's unions.
            (["2020年，湖南各级工会共筹集送温暖资金⟦2.1亿元⟧。"], ["湖南省总工会"]),
        ]
        for c in cases { XCTAssertEqual(orgs(c.paragraphs), c.expected, c.paragraphs.joined()) }
    }

    func testRegions() {
        let cases: [(paragraphs: [String], source: String, expected: [String])] = [
            (["近日，东城区东四街道总工会为⟦11名⟧职工发放助学金。"], "劳动午报", ["北京市/东城区/东四街道"]),
            // Beijing paper, no place named: the default region.
            (["燕山石化先后创建职工创新工作室⟦19家⟧。"], "劳动午报", ["北京市"]),
            (["燕山石化先后创建职工创新工作室⟦19家⟧。"], "工人日报", [""]),
            // National scope has no region.
            (["中国能源化学地质工会在全国石油石化系统评选出了⟦68个⟧创新工作室。"], "劳动午报", [""]),
            (["延庆区总工会推荐全国劳模⟦2名⟧。"], "劳动午报", ["北京市/延庆区"]),
            // Places listed together: the figure spans them; later figures fall back to the article's place.
            (["日前,在中建五局华南公司深圳地铁项目现场举办婚礼。", "在深圳、东莞、南宁、海口⟦四个⟧城市同时开启,吸引⟦20万余人⟧在线观看。"],
             "工人日报", ["", "广东省/深圳市"]),
            // A place inside the counted noun is not where the figure is.
            (["南郑区总工会推荐省五一劳动奖章⟦1名⟧、汉中市劳动模范⟦9名⟧、先进集体⟦1个⟧。"], "陕西工人报",
             ["陕西省/汉中市/南郑区", "陕西省/汉中市/南郑区", "陕西省/汉中市/南郑区"]),
            (["顺义区总工会将温暖送到了对口帮扶区县——河北沽源县,为那里的⟦10名⟧困难学子送去助学金。"], "劳动午报",
             ["河北省/张家口市/沽源县"]),
            // A listed place is not the place of a later paragraph's figure.
            (["在深圳地铁项目现场举办婚礼,在深圳、东莞、南宁、海口同时开启。", "截至目前,共见证⟦251对⟧新人的幸福时刻。"], "工人日报",
             ["广东省/深圳市"]),
            // A wider area than the owner's does not widen the figure's scope.
            (["顺义区总工会为北京市⟦100名⟧劳模送去慰问。"], "劳动午报", ["北京市/顺义区"]),
            // The place of the organization found in a later paragraph.
            (["截至2020年12月31日，全省工会会员达到⟦1200万人⟧。", "这是记者从山西省总工会了解到的。"], "工人日报", ["山西省"]),
        ]
        for c in cases { XCTAssertEqual(regions(c.paragraphs, source: c.source), c.expected, c.paragraphs.joined()) }
    }

    func testPeriodsFollowTheSentenceThenTheParagraphThenTheLead() {
        let r = PipelineFixture.resolve([
            "17日，由北京市总工会主办的决赛举办。⟦16位⟧参赛选手讲述了故事。",
            "比赛从7月份启动以来，共有⟦28家⟧单位参赛。最终有⟦15个⟧作品入围决赛。",
            "最终，⟦三名⟧选手获得金奖。",
        ], published: "2020-11")
        XCTAssertEqual(r.map(\.period.month), ["2020-11", "", "", "2020-11"])
        XCTAssertEqual(r.map(\.period.label), ["17日", "从7月份启动以来", "从7月份启动以来", "17日"])
    }

    func testWhichTimePhraseGoverns() {
        let cases: [(String, String)] = [
            // The year qualifies the 截至 phrase right before it.
            ("截至目前，2020年朝阳区各级工会组织开展职工沟通会⟦186场⟧。", "截至目前"),
            // An end date (持续到…) is not the time of the sentence; the start is.
            ("1月21日,南沙区总工会启动慰问活动。该活动将持续到1月29日,预计惠及⟦5000多名⟧职工。", "1月21日"),
            // 全年 is the year named before it.
            ("2019年,该公司工会修订了奖励办法,全年有⟦56项⟧合理化建议被采纳。", "2019年"),
            ("据悉,工作室成立以来,已攻克⟦两项⟧装置难题。", "工作室成立以来"),
            // A title is not a time: 《…疫情防控期间…》.
            ("当前，市协调劳动关系三方下发《关于做好疫情防控期间稳定劳动关系的实施意见》，在全市选取⟦73家⟧企业。", "当前"),
        ]
        for (p, label) in cases {
            XCTAssertEqual(PipelineFixture.resolve([p], published: "2021-01-26").map(\.period.label), [label], p)
        }
    }

    func testKinds() {
        let r = PipelineFixture.resolve(["目前,全区现有在档困难职工⟦9户⟧,实现脱困⟦136户⟧,脱困率⟦94%⟧。截至目前,西宁社会组织共⟦975家⟧。"],
                                        source: "工人日报", published: "2021-01-26")
        XCTAssertEqual(r.map(\.kind), [.level, .flow, .rate, .level])
        XCTAssertEqual(r.map(\.metricID), ["needy_on_file", "hardship_exit", "hardship_exit_rate", "social_organizations"])
    }
}
