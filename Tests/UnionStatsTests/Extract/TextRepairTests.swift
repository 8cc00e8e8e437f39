import XCTest
@testable import UnionStats

final class TextRepairTests: XCTestCase {
    /// A hard-wrapped page as PDF copies give it: 13–15 characters a line, a blank line
    /// between paragraphs, and one blank line inside a sentence (a column break).
    static let wrapped = """
    本报讯 （记者 张三） 近日，
    某区总工会为考入大学的11
    名职工发放每人500元的助学
    金，圆了他们的求学梦。这是记
    者昨天从区总工会了解到的。

    据了解， 区总工会自2013年
    以来按照“双助推”计划的工作
    内容，广泛宣传，大力动员，各

    企业职工会员也积极响应，通过
    努力，今年有11名职工考入了
    职工大学。

    某区总工会助11名职工圆梦
    """

    func paragraphs(_ text: String) -> [Paragraph] { TextRepair.paragraphs(from: text) }

    /// A long paragraph does not leave its buffer size to every paragraph after it: each
    /// paragraph's kept scalars are about its own size.
    func testShortParagraphsAfterALongOneStaySmall() {
        let long = String(repeating: "职工之家建设", count: 8_000)
        let text = long + "\n\n" + (0..<40).map { "第\($0)段，会员人数增加。" }.joined(separator: "\n\n") + "\n"
        let ps = paragraphs(text)
        XCTAssertGreaterThan(ps.count, 40)
        XCTAssertGreaterThan(ps[0].keptScalars?.count ?? 0, 40_000)
        for p in ps.dropFirst() {
            let kept = p.keptScalars ?? []
            XCTAssertLessThan(kept.capacity, 1_000, "\(p.text)")
            XCTAssertLessThan(p.lineStarts.capacity, 1_000, "\(p.text)")
        }
    }

    func testHardWrappedLinesJoinWithoutInsertingAnything() {
        let ps = paragraphs(Self.wrapped)
        XCTAssertEqual(ps.map(\.firstLine), [1, 7, 15])
        XCTAssertTrue(ps[0].text.contains("大学的11名职工发放每人500元的助学金，圆了"), ps[0].text)
        XCTAssertTrue(ps[0].text.contains("这是记者昨天"), "no space where a line broke")
        XCTAssertTrue(ps[1].text.contains("大力动员，各企业职工会员"), "joined across the column-break blank line: \(ps[1].text)")
        XCTAssertTrue(ps[1].text.hasPrefix("据了解，区总工会"), "stray space after punctuation removed: \(ps[1].text)")
        XCTAssertEqual(ps[2].text, "某区总工会助11名职工圆梦", "a headline line stays its own paragraph")
    }

    func testIndentedCopiesStillJoin() {
        // Every line indented (a copy that kept the margin): indentation says nothing then.
        let indented = Self.wrapped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        XCTAssertEqual(paragraphs(indented).map(\.text), paragraphs(Self.wrapped).map(\.text))
    }

    func testLineMapPointsAtTheSourceLine() {
        let ps = paragraphs(Self.wrapped)
        let cases: [(paragraph: Int, needle: String, line: Int)] = [
            (0, "名职工", 3), (0, "11名", 2), (0, "者昨天", 5), (0, "本报讯", 1),
            (1, "企业职工", 11), (1, "各企业", 9), (1, "职工大学", 13), (2, "圆梦", 15),
        ]
        for c in cases {
            let p = ps[c.paragraph]
            guard let offset = scalarOffset(of: c.needle, in: p.text) else { XCTFail("\(c.needle) missing"); continue }
            XCTAssertEqual(p.line(at: offset), c.line, c.needle)
        }
    }

    func testOneLineParagraphPagesKeepTheirLines() {
        let page = """
        广西工会助力困难职工“码上”圆梦

        本报讯(记者庞慧敏)近日,广西壮族自治区多名困难职工进入“微心愿”微信小程序,许下一个个愿望。这是记者从自治区总工会了解到的情况。

        二维码功能模块上线运行后,每一名申请困难帮扶救助和全体在档困难职工都能通

        过专属二维码随时随地掌握自己的申请建档状态和帮扶救助信息,让社会爱心人士根据心愿帮助他们。

        区领导慰问驻区企业
        顺义区总工会“送温暖”队伍慰问困难职工家庭
        顺义区总工会为农民工现场发放工资和劳务费
        """
        let ps = paragraphs(page)
        XCTAssertEqual(ps.count, 6, ps.map(\.text).joined(separator: "\n"))
        XCTAssertTrue(ps[2].text.contains("都能通过专属二维码"), "a paragraph cut mid-sentence is joined again")
        XCTAssertEqual(ps[2].line(at: scalarOffset(of: "过专属", in: ps[2].text)!), 7)
        XCTAssertEqual(ps[3].text, "区领导慰问驻区企业", "caption lines stay apart")
        XCTAssertEqual(ps[5].firstLine, 11)
    }

    func testFurnitureAndAdMarkersAreDropped() {
        let furniture = [
            "广告", " 广告", "版面导航", "返回京工网 版面导航", "3上一版  下一版4", "3上一期", "放大 缩小 默认", "关闭",
            "第09版:顺义", "主办:劳动午报社 运营管理:北京市总工会信息中心 版权所有©2013-2014 技术开发:正辰科技",
            "地址:北京市丰台区东铁营横七条12号 邮编:100079", "IDC备案:京ICP备05021144号-2 京公网安备11010602130017号",
            "责任编辑：李四", "来源：劳动午报 作者：张三", "【字体：大 中 小】", "分享到：微信 微博", "【打印】【关闭】", "当前位置：首页 > 新闻中心 > 工会动态",
        ]
        let body = "南郑区总工会扎实开展入户走访，收集整理问题27项。"
        for f in furniture {
            let ps = paragraphs(f + "\n\n" + body + "\n")
            XCTAssertEqual(ps.map(\.text), [body], f)
            XCTAssertEqual(ps.first?.firstLine, 3, f)
        }
    }

    func testJumpMarkersGoButTheirTextStays() {
        let cases = [
            ("(上接第１版)\n三是明确工资清偿责任。", "三是明确工资清偿责任。"),
            ("（上接第1版）三是明确工资清偿责任。", "三是明确工资清偿责任。"),
            ("三是明确工资清偿责任。（下转第4版）", "三是明确工资清偿责任。"),
            ("三是明确（第1版）责任。", "三是明确（第1版）责任。"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(paragraphs(input).map(\.text), [expected], input)
        }
    }

    func testDoubledHeadlineCharactersAreUndone() {
        let cases = [
            ("为为患患病病同同事事", "为患病同事"),
            ("献献爱爱心心", "献爱心"),
            ("寒寒冬冬送送暖暖  工工会会行行动动", "寒冬送暖 工会行动"),
            ("他常常来看看大家。", "他常常来看看大家。"),  // reduplication inside a sentence stays
            ("哈哈哈哈", "哈哈哈哈"),
            ("谢谢", "谢谢"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(paragraphs(input).map(\.text), [expected], input)
        }
    }

    func testRepeatedParagraphsAndTailsAreDropped() {
        let a = "《通知》强调要切实保障外来务工人员合法权益。各级协调劳动关系三方要指导用人单位通过集体协商等方式妥善安排。"
        let b = "《通知》提倡广泛开展“迎新春送温暖”活动。各级工会要慰问坚守岗位的外来务工人员。"
        let tail = "各级协调劳动关系三方要指导用人单位通过集体协商等方式妥善安排。"
        let head = "《通知》强调要切实保障外来务工人员合法权益。"
        let middle = "外来务工人员合法权益。各级协调劳动关系三方"
        let page = [a, b, tail, b, head, middle, "工会动态", "工会动态", "近日。"].joined(separator: "\n\n")
        let ps = paragraphs(page)
        XCTAssertEqual(ps.map(\.text), [a, b, "工会动态", "工会动态", "近日。"], "short paragraphs may repeat; long repeats go")
        XCTAssertEqual(ps[1].firstLine, 3, "the first occurrence is kept")
    }

    func testSpacesAroundChinesePunctuationGo() {
        let cases = [
            ("去年， 延庆建立完善联系困难职工工作机制。", "去年，延庆建立完善联系困难职工工作机制。"),
            ("累计创造经济效益1.92亿元 ， 开展导师带徒306人次。", "累计创造经济效益1.92亿元，开展导师带徒306人次。"),
            ("通过 12351职 工 服 务 平 台 ， 开 展活动。", "通过12351职工服务平台，开展活动。"),
            ("下载 APP store 应用，再登录。", "下载APP store应用，再登录。"),
            ("寒冬送暖 工会行动", "寒冬送暖 工会行动"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(paragraphs(input).map(\.text), [expected], input)
        }
    }

    // MARK: seed pages

    func seed(_ prefix: String) throws -> [Paragraph] {
        guard let bytes = SeedPages.bytes(prefix) else { throw XCTSkip("seed page \(prefix) not found") }
        return paragraphs(try TextDecoder.decode(bytes).text)
    }

    func testSeedPagesLoseAdsAndNavigation() throws {
        for prefix in ["000", "001", "002", "003", "004"] {
            for p in try seed(prefix) {
                XCTAssertNotEqual(p.text, "广告", prefix)
                XCTAssertFalse(p.text.contains("版面导航") || p.text.contains("上一版") || p.text.contains("ICP备"), "\(prefix): \(p.text)")
                XCTAssertFalse(p.text.contains("上接第"), "\(prefix): \(p.text)")
            }
        }
    }

    func testSeedLineMap() throws {
        // (page, text, line where the text starts in the file)
        let cases: [(String, String, Int)] = [
            ("000", "123户", 6), ("000", "87%", 8), ("000", "2-4次", 30), ("000", "12间", 45), ("000", "1.92亿元", 156),
            ("000", "11名职工发放", 164), ("001", "近2000场", 72), ("001", "13323人次，企业", 121), ("001", "1800瓶。", 207),
            ("002", "248万余元", 23), ("003", "过专属二维码随时随地掌握自己的申请", 15), ("004", "制转岗", 17),
        ]
        for (prefix, needle, line) in cases {
            let ps = try seed(prefix)
            guard let p = ps.first(where: { $0.text.contains(needle) }), let offset = scalarOffset(of: needle, in: p.text) else {
                XCTFail("\(prefix): \(needle) not found"); continue
            }
            XCTAssertEqual(p.line(at: offset), line, "\(prefix) \(needle)")
        }
    }

    func testSeedRepairs() throws {
        let p001 = try seed("001").map(\.text)
        XCTAssertTrue(p001.contains("为患病同事"))
        XCTAssertTrue(p001.contains("献爱心"))
        XCTAssertTrue(p001.contains("朝阳区三年开展职工沟通会近2000场"), "headline lines are not joined")
        XCTAssertTrue(p001.contains("进行工会会员信息采集13323人次"))
        let p003 = try seed("003").map(\.text)
        XCTAssertEqual(p003.filter { $0.hasPrefix("《通知》提倡") }.count, 1, "the repeated paragraph is dropped")
        XCTAssertFalse(p003.contains { $0.hasPrefix("性休假等计划") }, "the repeated tail is dropped")
        let p002 = try seed("002").map(\.text)
        XCTAssertEqual(p002.filter { $0 == "走访慰问送温暖 精准服务暖人心" }.count, 1)
        XCTAssertTrue(p002.contains("2019年2月28日 放大 缩小 默认"), "the header date line is kept for PrintedDate")
        let p000 = try seed("000").map(\.text)
        XCTAssertTrue(p000.contains { $0.contains("交道口街道总工会相关负责人表示") }, "joined across a column break")
        XCTAssertTrue(p000.contains { $0.hasPrefix("三是明确工资清偿责任，实行全程监管。") })
    }
}

/// Offset in Unicode scalars of the first occurrence of `needle` in `text`.
func scalarOffset(of needle: String, in text: String) -> Int? {
    guard let r = text.range(of: needle) else { return nil }
    return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
}
