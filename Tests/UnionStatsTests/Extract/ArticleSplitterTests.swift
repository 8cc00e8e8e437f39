import XCTest
@testable import UnionStats

final class ArticleSplitterTests: XCTestCase {
    func split(_ text: String) -> [Article] {
        ArticleSplitter.articles(from: TextRepair.paragraphs(from: text))
    }

    func seed(_ prefix: String) throws -> [Article] {
        guard let bytes = SeedPages.bytes(prefix) else { throw XCTSkip("seed page \(prefix) not found") }
        return split(try TextDecoder.decode(bytes).text)
    }

    func testHeadlinesBeforeTheirArticles() {
        let page = """
        安康市总工会
        扎实做好入户包联帮扶工作

        本报讯(吴文俊)连日来,安康市总工会扎实开展入户大走访,切实做好包联帮扶工作。

        通过扎实工作,对市总工会包联的87户贫困户进行了大走访,收集整理问题27项。

        举办毛绒玩具新社区工厂技能大赛

        本报讯(陈小凡)12月2日,汉阴县总工会举办“毛绒玩具新社区工厂技能大赛”。共有5个毛绒玩具工厂30余名女职工参赛。
        """
        let a = split(page)
        XCTAssertEqual(a.map(\.headline), ["扎实做好入户包联帮扶工作", "举办毛绒玩具新社区工厂技能大赛"])
        XCTAssertEqual(a[0].subheadlines, ["安康市总工会"], "the organization kicker is not the main headline")
        XCTAssertEqual(a.map(\.byline), ["本报讯(吴文俊)", "本报讯(陈小凡)"])
        XCTAssertTrue(a[0].paragraphs[0].text.hasPrefix("连日来"), "the byline is cut from the paragraph")
        XCTAssertEqual(a[0].paragraphs[0].firstLine, 4)
        XCTAssertEqual(a.map(\.index), [1, 2])
        XCTAssertEqual(a.map { $0.paragraphs.count }, [2, 1])
    }

    func testHeadlinesAfterTheirArticlesAndOrphansAtTheFoot() {
        let page = """
        本报讯(记者马超)近日,延庆区总工会对在档困难职工进行入户调查,2018年至今共有123户困难职工家庭解困脱困。

        本报讯(记者盛丽)记者昨天从公交鸿运承物业管理中心工会了解到,该工会建立的职工倾听室正式开放,12间职工倾听室供职工使用。

        公交鸿运承物业12间职工倾听室开放

        寒冬送暖 关爱行动

        本报讯(记者边磊)近日,东四街道总工会为11名职工发放助学金,圆了他们的求学梦。

        东四街道总工会圆了11名职工求学梦

        延庆123户困难职工家庭解困脱困
        """
        let a = split(page)
        XCTAssertEqual(a.count, 3)
        XCTAssertEqual(a.map(\.headline), ["延庆123户困难职工家庭解困脱困", "公交鸿运承物业12间职工倾听室开放", "东四街道总工会圆了11名职工求学梦"])
        XCTAssertEqual(a[1].subheadlines, ["寒冬送暖 关爱行动"], "a line matching no body follows the page's usual order (after)")
    }

    func testSectionHeadsStayInsideTheirArticle() {
        let page = """
        走访慰问送温暖 精准服务暖人心

        冬季的北京裹着寒意,工会组织与职工群众之间却充满着暖人温情。据统计,两节期间,全区各级工会组织共筹集慰问款物248万余元。

        对口帮扶暖人心,圆贫困学子上学梦

        2018年,区总工会帮助困难职工家庭解困脱困,实现脱困136户,脱困率94%。

        温暖基金聚爱心,解大病职工燃眉之急

        自2017年设立专项温暖基金以来,已有143名大病职工收到救助金,共计112万余元。

        □本报记者 张江艳
        """
        let a = split(page)
        XCTAssertEqual(a.count, 1)
        XCTAssertEqual(a[0].headline, "走访慰问送温暖 精准服务暖人心")
        XCTAssertEqual(a[0].byline, "□本报记者 张江艳")
        XCTAssertEqual(a[0].paragraphs.map(\.text).filter { $0.contains(",") && $0.count < 20 }.count, 2, "section heads kept as paragraphs")
    }

    func testEqualLengthPhotoTitlesAcrossArticlesStayApart() {
        // Two photo titles of the same length, with a bylined article between them: not a series of section heads.
        let page = """
        本报讯(记者甲)近日,某区总工会开展慰问活动,共走访困难职工家庭30户。

        工地上的全家福

        1月23日,合肥,坚守岗位的农民工兄弟收到“工地上的全家福”和新春大礼包。

        阿勒泰地区唱响劳模服务“四重奏”

        本报讯(记者乙)阿勒泰地区各级工会在4个方面加强劳模管理服务工作。

        老电厂变身公园

        1月22日,上海,杨树浦电厂遗址公园即将建成滨江区域最高的驿站。
        """
        let a = split(page)
        XCTAssertEqual(a.map(\.headline), ["", "工地上的全家福", "阿勒泰地区唱响劳模服务“四重奏”", "老电厂变身公园"])
    }

    func testCreditsAreNotHeadlines() {
        for credit in ["彭程 摄", "□徐剑锋", "(王明芳)", "通讯员 时虹 摄", "项春雷 摄/视觉中国", "本报记者 赵黎浩 黄渝"] {
            XCTAssertTrue(Bylines.isCredit(Array(credit.unicodeScalars)), credit)
        }
        for line in ["区领导慰问驻区企业", "工地上的全家福", "记者昨天从朝阳区总工会获悉"] {
            XCTAssertFalse(Bylines.isCredit(Array(line.unicodeScalars)), line)
        }
    }

    func testBylines() {
        let cases: [(String, String?)] = [
            ("本报讯 （记者 马超） 去年，延庆", "本报讯 （记者 马超） "),
            ("本报讯(记者庞慧敏 通讯员蒋少莹)“我想给", "本报讯(记者庞慧敏 通讯员蒋少莹)"),
            ("据中工网讯 截至11月底,江苏", "据中工网讯 "),
            ("据中工网讯截至11月底", "据中工网讯"),
            ("本报北京1月5日电 （记者 张三）今天", "本报北京1月5日电 （记者 张三）"),
            ("据了解，职工倾听室制订了工作流程", nil),
            ("本报记者昨天获悉", nil),
        ]
        for (text, expected) in cases {
            let s = Array(text.unicodeScalars)
            let n = Bylines.bylineLength(s)
            XCTAssertEqual(n.map { Scalars.string(s, 0, $0) }, expected, text)
        }
    }

    // MARK: seed pages

    func testSeed000() throws {
        let a = try seed("000")
        XCTAssertEqual(a.count, 7)
        XCTAssertEqual(a.first { $0.paragraphs.contains { $0.text.contains("12间职工倾听室") } }?.headline, "公交鸿运承物业12间职工倾听室开放")
        XCTAssertEqual(a.first { $0.paragraphs.contains { $0.text.contains("123户困难") } }?.headline, "延庆123户困难职工家庭解困脱困")
        XCTAssertEqual(a.first { $0.paragraphs.contains { $0.text.contains("东四街道总工会主席") } }?.headline, "东四街道总工会圆了11名职工求学梦")
        XCTAssertEqual(a.first { $0.paragraphs.contains { $0.text.contains("通州城管局") } }?.headline, "通州城管执法员为一线建设者送春联")
        XCTAssertEqual(a.map(\.index), Array(1...7))
        XCTAssertEqual(a[0].byline, "本报讯（记者马超）")
    }

    func testSeed001() throws {
        let a = try seed("001")
        XCTAssertEqual(a.count, 9)
        XCTAssertEqual(a.first { $0.paragraphs.contains { $0.text.contains("近2000场") } }?.headline, "朝阳区三年开展职工沟通会近2000场")
        XCTAssertEqual(a.first { $0.paragraphs.contains { $0.text.contains("良乡镇总工会") } }?.headline, "良乡镇职工沟通会面对面解答职工疑惑")
        XCTAssertEqual(a.first { $0.paragraphs.contains { $0.text.contains("秋冬季新冠肺炎") } }?.headline, "本市各级工会多举措助力秋冬疫情防控")
        let eight = a.first { $0.paragraphs.contains { $0.text.contains("16位参赛选手") } }
        XCTAssertTrue(([eight?.headline ?? ""] + (eight?.subheadlines ?? [])).contains("16名职工讲述爱岗敬业的感人故事"))
        XCTAssertEqual(a[0].headline, "为患病同事", "undoubled")
    }

    func testSeed002() throws {
        let a = try seed("002")
        XCTAssertEqual(a.count, 1)
        XCTAssertEqual(a[0].headline, "走访慰问送温暖 精准服务暖人心")
        XCTAssertFalse(a[0].paragraphs.contains { $0.text.contains("放大") }, "the header date line is furniture")
    }

    func testSeed003And004() throws {
        let a3 = try seed("003")
        XCTAssertEqual(a3.count, 12)
        XCTAssertEqual(a3.first { $0.paragraphs.contains { $0.text.contains("251对") } }?.headline, "湾区建设者“云”集体婚礼举行")
        XCTAssertEqual(a3.first?.headline, "广西工会助力困难职工“码上”圆梦", "kicker, headline, sub-title: the middle one")
        let a4 = try seed("004")
        let photo = a4.first { $0.paragraphs.contains { $0.text.contains("阎良区总工会") } }
        XCTAssertEqual(photo?.headline, "", "a column label is not a headline")
        XCTAssertEqual(photo?.subheadlines, ["工会动态"])
        XCTAssertEqual(a4.first { $0.paragraphs.contains { $0.text.contains("1935万元") } }?.headline, "江苏徐州“工惠贷”助力职工和中小企业创新创业")
        XCTAssertEqual(a4.first { $0.paragraphs.contains { $0.text.contains("3214户") } }?.paragraphs.count, 8,
                       "the three 化 section heads stay inside the 南郑 article")
    }

    func testNothingButFurnitureAndRepeatsIsLost() throws {
        for prefix in ["000", "001", "002", "003", "004"] {
            guard let bytes = SeedPages.bytes(prefix) else { throw XCTSkip("seed page \(prefix) not found") }
            let ps = TextRepair.paragraphs(from: try TextDecoder.decode(bytes).text)
            let articles = ArticleSplitter.articles(from: ps)
            let kept = Set(articles.flatMap { a in [a.headline, a.byline] + a.subheadlines + a.paragraphs.map(\.text) }.joined())
            for p in ps where PageFurniture.dateHeader(Array(p.text.unicodeScalars)) == nil {
                // Every character of every paragraph is somewhere in the articles (bylines are cut, not lost).
                let probe = String(p.text.unicodeScalars.suffix(6))
                XCTAssertTrue(articles.contains { a in ([a.headline, a.byline] + a.subheadlines + a.paragraphs.map(\.text)).contains { $0.contains(probe) } },
                              "\(prefix): \(p.text)")
            }
            _ = kept
        }
    }

    /// The headline-candidate test asks for the source lines and the length before making a
    /// compact copy: held to the rule stated on the text (spaces taken out, then two to fifty
    /// scalars, at most two source lines, no sentence mark or end, some Chinese) on random lines.
    func testHeadlineCandidatesFollowTheRule() {
        let pieces = ["职", "工", "会", " ", "\u{3000}", "。", "！", "？", "，", "”", "a", "1", "本报讯", "寒冬送暖", "工会行动"]
        var rng = SplitMix64(seed: 61)
        var candidates = 0
        for _ in 0..<20_000 {
            let text = (0..<Int(rng.next() % 30)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let lines = Int(1 + rng.next() % 3)
            let p = Paragraph(text: text, firstLine: 1, lineStarts: Array(0..<lines))
            let compact = String(String.UnicodeScalarView(text.unicodeScalars.filter { !Scalars.isSpace($0) }))
            let c = Array(compact.unicodeScalars)
            let rule = (2...50).contains(c.count) && lines <= 2 && !compact.contains(where: { "。！？!?".contains($0) })
                && !Scalars.endsSentence(c) && c.contains(where: Scalars.isIdeograph)
            XCTAssertEqual(Headlines.isCandidate(p, scalars: Array(text.unicodeScalars)), rule, text)
            if rule { candidates += 1 }
        }
        XCTAssertGreaterThan(candidates, 1000)
    }
}
