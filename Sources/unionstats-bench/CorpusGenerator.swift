import Foundation
import UnionStats

/// A figure the generator put on a page: what the pipeline should find.
struct PlantedFigure {
    var raw: String
    var value: Decimal
    var unit: String
    var qualifier: String
}

/// Writes realistic union-news pages with known figures: several articles a
/// page, hard-wrapped newspaper columns, page furniture, places from the
/// national division tables, Arabic and Chinese numbers with qualifiers and
/// measure words, dates in the text and the file names; a manifest; and
/// `truth.csv` listing every planted figure. The sentences are templates of
/// union-news phrasing, not copies of any page.
struct CorpusGenerator {
    var rng: SplitMix64
    let provinces: [String]
    let cities: [String]
    let areas: [String]
    /// Filler paragraphs already on the current page.
    var usedFillers = Set<String>()

    init(seed: UInt64, divisions: String) throws {
        rng = SplitMix64(seed: seed)
        func names(_ file: String) throws -> [String] {
            var out: [String] = []
            try CSVReader(path: FilePaths.join(divisions, file)).forEachRecord(required: ["name"]) { r in
                let n = r["name"]
                if n.unicodeScalars.count >= 2, !n.contains("辖"), !n.contains("直辖") { out.append(n) }
            }
            return out
        }
        provinces = try names("provinces.csv")
        cities = try names("cities.csv")
        areas = try names("areas.csv")
    }

    static let newspapers = ["劳动午报", "工人日报", "陕西工人报", "江苏工人报", "四川工人日报", "湖南工人报", "中工网"]
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let givenChars = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰春梅海燕波宁晓东雪飞鹏辉慧琳浩宇欣怡子涵博文佳琪思远").map(String.init)
    static let industries = ["建设", "交通", "教育", "卫生", "能源", "邮政", "金融", "农林", "机械", "化工", "商贸", "旅游", "水务", "电力", "铁路", "公交"]
    static let companyWords = ["集团", "有限公司", "股份有限公司", "实业公司", "建工集团", "物业管理中心", "发展公司"]
    static let brands = ["华信", "鸿运", "恒通", "远航", "新元", "金桥", "宏达", "润泽", "长城", "东方", "正泰", "博远", "瑞丰", "中兴", "天宇"]
    static let activities = ["送温暖", "金秋助学", "职工技能大赛", "劳动竞赛", "普惠服务", "法律援助", "职工健步走", "读书月", "心理健康讲座", "安全生产知识竞赛", "夏送清凉", "困难职工帮扶", "会员入会集中行动", "职工疗休养"]
    static let furniture = ["广告", "责任编辑：", "版式设计：", "本版编辑：", "校对："]

    mutating func person() -> String {
        rng.pick(Self.surnames) + rng.pick(Self.givenChars) + (rng.chance(0.6) ? rng.pick(Self.givenChars) : "")
    }

    mutating func place() -> String {
        switch rng.int(0...9) {
        case 0...1: return rng.pick(provinces)
        case 2...4: return rng.pick(cities)
        default: return rng.pick(areas)
        }
    }

    mutating func organization(_ where_: String) -> String {
        switch rng.int(0...5) {
        case 0...2: return where_ + "总工会"
        case 3: return where_ + rng.pick(Self.industries) + "工会"
        default: return where_ + rng.pick(Self.brands) + rng.pick(Self.companyWords) + "工会"
        }
    }

    // MARK: numbers

    static let digitsCN = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 0 < n < 100_000 in Chinese numerals: 三千二百零五, 十二, 二十.
    static func chinese(_ n: Int) -> String {
        if n < 10 { return digitsCN[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : digitsCN[n % 10]) }
        let units = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十")]
        var out = "", rest = n, zero = false, started = false
        for (u, name) in units {
            let d = rest / u
            rest %= u
            if d > 0 {
                if zero { out += "零" }
                out += digitsCN[d] + name
                zero = false
                started = true
            } else if started {
                zero = true
            }
        }
        if rest > 0 { out += (zero ? "零" : "") + digitsCN[rest] }
        return out
    }

    /// A count of `unit`, in one of the forms papers print, planted in `figures`.
    mutating func quantity(_ unit: String, magnitude: ClosedRange<Int>, money: Bool = false,
                           into figures: inout [PlantedFigure]) -> String {
        let n = rng.int(magnitude)
        var value = Decimal(n)
        var number: String
        switch rng.int(0...9) {
        case 0...5:
            number = String(n)
        case 6:
            number = n >= 10_000 && n % 1000 == 0 ? "\(Decimal(n) / 10000)万" : String(n)
        case 7:
            // A round figure in 万 with a decimal: 1.5万, 12.8万.
            let tenths = rng.int(11...999)
            value = Decimal(tenths) * 1000
            number = "\(Decimal(tenths) / 10)万"
        default:
            let small = n % 100_000 == 0 ? 1 : n % 100_000
            value = Decimal(small)
            number = Self.chinese(small)
        }
        var qualifier = "exact"
        var prefix = "", suffix = ""
        switch rng.int(0...11) {
        case 0: prefix = "近"; qualifier = "approx"
        case 1: prefix = "约"; qualifier = "approx"
        case 2: prefix = "超过"; qualifier = "over"
        case 3: prefix = "逾"; qualifier = "over"
        case 4: suffix = "余"; qualifier = "over"
        case 5: suffix = "多"; qualifier = "over"
        default: break
        }
        if money, rng.chance(0.5), !number.hasSuffix("万") {
            // Money in 万元: 248万元 = 2,480,000 元.
            let wan = rng.int(1...2000)
            value = Decimal(wan) * 10000
            number = "\(wan)万"
        }
        let raw = prefix + number + suffix + unit
        figures.append(PlantedFigure(raw: raw, value: value, unit: money ? "元" : unit, qualifier: qualifier))
        return raw
    }

    // MARK: sentences

    static let openers = ["", "", "据了解，", "记者了解到，", "与此同时，", "另外，", "会上，", "近年来，", "此外，", "活动期间，"]
    static let closers = ["", "", "", "受到职工好评。", "职工纷纷点赞。", "取得了良好效果。", "为下一步工作打下了坚实基础。", "进一步凝聚了职工力量。"]
    static let fillers = [
        "活动中，工作人员认真听取职工意见建议，详细了解职工在工作和生活中遇到的实际困难，并逐一登记建档，确保件件有着落、事事有回音。",
        "与会人员一致认为，要坚持以职工为中心的工作导向，把服务职工的各项举措落细落实，不断增强职工群众的获得感、幸福感、安全感。",
        "该负责人表示，下一步将进一步完善帮扶工作机制，拓宽服务渠道，整合社会资源，推动工会服务向基层延伸、向一线倾斜。",
        "据了解，此次活动以“建功新时代、奋进新征程”为主题，通过线上线下相结合的方式进行，内容涵盖政策宣讲、技能比武、文艺展演等多个环节。",
        "一位参加活动的一线职工告诉记者，工会组织的活动既实用又贴心，让大家切实感受到了“娘家人”的关心和温暖，干劲更足了。",
        "会上还通报了上一阶段工作进展情况，部署了下一阶段重点任务，要求各级工会组织切实履行维权服务基本职责，扎实做好各项工作。",
        "此外，工会还积极协调相关部门，在职工子女入学、医疗保障、住房等方面为困难职工提供帮助，努力解决职工的急难愁盼问题。",
        "为确保活动取得实效，工会提前制定工作方案，明确责任分工，细化时间节点，并安排专人负责跟踪落实。",
        "现场气氛热烈，职工们纷纷表示，这样的活动形式新颖、内容丰富，既学到了知识，又增进了交流。",
        "在座谈交流环节，职工代表围绕薪酬待遇、劳动保护、技能提升等话题畅所欲言，相关负责人一一作了回应。",
        "近年来，当地工会坚持把维护职工合法权益作为工作的出发点和落脚点，持续深化产业工人队伍建设改革。",
        "工会干部深入车间班组，面对面宣讲政策，手把手指导操作，把组织的关怀送到职工身边。",
        "下一步，工会将以此次活动为契机，总结经验做法，完善长效机制，推动各项服务举措常态化开展。",
        "据悉，该项目由工会牵头，联合人社、卫健、司法等部门共同实施，受到了广大职工的普遍欢迎。",
        "活动结束后，参与职工还填写了满意度调查问卷，对活动组织和服务内容给予了充分肯定。",
        "记者在现场看到，志愿者们耐心细致地为前来咨询的职工答疑解惑，并发放了维权服务手册。",
        "该工会相关负责人介绍，这项工作自启动以来，始终坚持问题导向，聚焦职工最关心最直接最现实的利益问题。",
        "一名刚入职不久的青年职工说，通过参加培训，自己对岗位操作规程有了更深入的理解，工作起来更有底气。",
        "与此同时，工会还通过微信公众号、短视频等新媒体平台开展线上宣传，进一步扩大了活动的覆盖面和影响力。",
    ]

    /// One body paragraph of union news; about half of them hold 1–3 figures.
    mutating func paragraph(org: String, place: String, year: Int, into figures: inout [PlantedFigure]) -> String {
        let month = rng.int(1...12), day = rng.int(1...28)
        let date = rng.chance(0.5) ? "\(month)月\(day)日" : "近日"
        let activity = rng.pick(Self.activities)
        // Each filler at most once a page (a page repeating a whole paragraph is
        // another matter: text repair drops such repeats), with the page's names in it.
        if rng.chance(0.75) {
            for _ in 0..<8 {
                let f = rng.pick(Self.openers) + rng.pick(Self.fillers) + rng.pick(Self.closers)
                if usedFillers.insert(f).inserted { return f.replacingOccurrences(of: "工会", with: rng.chance(0.3) ? org : "工会") }
            }
        }
        switch rng.int(0...11) {
        case 0:
            return "\(date)，\(org)开展“\(activity)”活动，走访慰问困难职工\(quantity("户", magnitude: 20...3000, into: &figures))，发放慰问金\(quantity("元", magnitude: 5000...900_000, money: true, into: &figures))。"
        case 1:
            return "\(year)年以来，\(org)累计举办职工技能培训\(quantity("场", magnitude: 3...800, into: &figures))，培训职工\(quantity("人次", magnitude: 100...90_000, into: &figures))，\(quantity("名", magnitude: 5...900, into: &figures))职工取得技能等级证书。"
        case 2:
            return "截至\(month)月底，\(place)已建成职工之家\(quantity("家", magnitude: 10...5000, into: &figures))，覆盖会员\(quantity("人", magnitude: 1000...900_000, into: &figures))。"
        case 3:
            return "据介绍，此次\(activity)活动共吸引\(quantity("名", magnitude: 50...20_000, into: &figures))职工参与，发放宣传资料\(quantity("份", magnitude: 100...50_000, into: &figures))，现场解答职工咨询\(quantity("人次", magnitude: 20...5000, into: &figures))。"
        case 4:
            return "\(date)，记者从\(org)了解到，\(year)年全市工会共为职工办理互助保障\(quantity("元", magnitude: 100_000...50_000_000, money: true, into: &figures))，惠及职工\(quantity("人", magnitude: 1000...500_000, into: &figures))。"
        case 5:
            return "\(org)职工法律援助站\(year)年受理劳动争议案件\(quantity("件", magnitude: 5...3000, into: &figures))，为职工挽回经济损失\(quantity("元", magnitude: 10_000...9_000_000, money: true, into: &figures))。"
        case 6:
            return "“我们将继续把\(activity)做实做细，让职工真正感受到娘家人的温暖。”\(org)负责人\(person())介绍，今年计划新建爱心驿站\(quantity("个", magnitude: 2...600, into: &figures))。"
        case 7:
            return "活动当天，\(quantity("支", magnitude: 3...120, into: &figures))代表队同台竞技，最终评选出一等奖\(quantity("名", magnitude: 1...30, into: &figures))、二等奖\(quantity("名", magnitude: 2...60, into: &figures))。"
        case 8:
            return "\(place)各级工会组织已发展会员\(quantity("人", magnitude: 10_000...3_000_000, into: &figures))，其中农民工会员\(quantity("人", magnitude: 1000...900_000, into: &figures))，新建基层工会组织\(quantity("家", magnitude: 10...9000, into: &figures))。"
        case 9:
            return "\(date)，\(org)为一线职工送去防暑降温物资，价值\(quantity("元", magnitude: 2000...500_000, money: true, into: &figures))，覆盖建筑工地\(quantity("个", magnitude: 2...400, into: &figures))。"
        case 10:
            return "随后，\(org)工作人员详细了解了职工的工作和生活情况，询问了职工在就医、子女上学等方面遇到的困难，并叮嘱大家注意身体健康。"
        default:
            return "\(org)还开设职工书屋\(quantity("间", magnitude: 2...300, into: &figures))，配备图书\(quantity("册", magnitude: 500...200_000, into: &figures))，全年开展读书分享活动\(quantity("期", magnitude: 2...100, into: &figures))。"
        }
    }

    /// Breaks a paragraph into newspaper column lines of about `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var count = 0
        for ch in text {
            current.append(ch)
            count += 1
            if count >= width { lines.append(current); current = ""; count = 0 }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// One page: 2–6 articles, headline after or before the body, furniture, wrapping.
    mutating func page(year: Int, bytesWanted: Int, into figures: inout [PlantedFigure]) -> String {
        usedFillers = []
        var out = rng.chance(0.3) ? " 广告\n\n" : ""
        let wrapWidth = rng.chance(0.7) ? rng.int(12...16) : 0
        while out.utf8.count < bytesWanted {
            let where_ = place()
            let org = organization(where_)
            let headline = "\(where_)\(rng.chance(0.5) ? "总工会" : "工会")\(rng.pick(["扎实开展", "深入推进", "启动", "持续做好"]))\(rng.pick(Self.activities))工作"
            let headlineFirst = rng.chance(0.5)
            if headlineFirst { out += headline + "\n\n" }
            var body = "本报讯 （记者 \(person())\(rng.chance(0.4) ? " 通讯员 " + person() : "")） "
            for i in 0..<rng.int(2...7) {
                if i > 0 { body = "" }
                for _ in 0..<rng.int(1...3) { body += paragraph(org: org, place: where_, year: year, into: &figures) }
                if wrapWidth > 0 {
                    out += Self.wrap(body, width: wrapWidth).joined(separator: "\n") + "\n\n"
                } else {
                    out += body + "\n\n"
                }
            }
            if !headlineFirst { out += headline + "\n\n" }
            if rng.chance(0.2) { out += rng.pick(Self.furniture) + person() + "\n\n" }
        }
        return out
    }

    /// Writes about `megabytes` of pages into `dir` (plus manifest.csv and truth.csv outside the pages).
    mutating func generate(into dir: String, megabytes: Int, pageKB: Int) throws -> (pages: Int, bytes: Int) {
        try FilePaths.makeDirectories(dir)
        let target = megabytes << 20
        var total = 0, pages = 0
        let manifest = try CSVWriter(path: FilePaths.join(dir, "manifest.csv"), header: ["doc", "published", "source", "page"], encoding: .utf8)
        let truth = try CSVWriter(path: FilePaths.join(dir, "../" + FilePaths.baseName(dir) + ".truth.csv"),
                                  header: ["doc", "raw", "value", "unit", "qualifier"], numericColumns: ["value"], encoding: .utf8)
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        while total < target {
            let year = rng.int(2015...2024), month = rng.int(1...12), day = rng.int(1...28)
            let paper = rng.pick(Self.newspapers)
            let published = String(format: "%04d-%02d-%02d", year, month, day)
            let name: String
            switch rng.int(0...9) {
            case 0...5: name = String(format: "%@_%@_%02d_%06d.txt", published, paper, rng.int(1...16), pages)
            case 6...8: name = String(format: "%06d_%016llx.txt", pages, rng.next())
            default: name = String(format: "%@ %@ 第%d版 %06d.txt", published, paper, rng.int(1...16), pages)
            }
            var figures: [PlantedFigure] = []
            let size = max(2048, (pageKB << 10) / 2 + rng.int(0...(pageKB << 10)))
            let text = page(year: year, bytesWanted: size, into: &figures)
            var bytes: [UInt8]
            switch rng.int(0...99) {
            case 0...4: bytes = Array(text.data(using: gb18030) ?? Data(text.utf8))
            case 5: bytes = [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian) ?? Data(text.utf8))
            case 6...9: bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
            default: bytes = Array(text.utf8)
            }
            // Plain writes: a corpus is scratch data, no need to sync every page.
            guard let f = fopen(FilePaths.join(dir, name), "wb") else { throw CSVError.cannotWrite(path: name, reason: "fopen") }
            let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
            fclose(f)
            if n != bytes.count { throw CSVError.cannotWrite(path: name, reason: "short write") }
            if rng.chance(0.85) {
                try manifest.write([name, rng.chance(0.9) ? published : String(published.prefix(7)), paper, ""])
            }
            for f in figures {
                try truth.write([name, f.raw, "\(f.value)", f.unit, f.qualifier])
            }
            total += bytes.count
            pages += 1
        }
        try manifest.close()
        try truth.close()
        return (pages, total)
    }
}
