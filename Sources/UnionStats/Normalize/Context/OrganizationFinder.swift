/// Finds organization names in a paragraph: a noun phrase ending in an
/// organization word (总工会, 工会, 公司, 集团, 局, 中心, 工作室 …), read back to
/// the nearest punctuation or function word. Chained names are one name
/// (北京公交集团鸿运承物业管理中心工会).
///
/// Each name says whether it can own a figure: a partner (携手/联合/与 X), an
/// affiliation (来自 X, X的 person), a list item (X、Y等), a generic group
/// (各级工会, 基层工会) or a counted thing (19个职工创新工作室) cannot.
struct OrgMention: Equatable {
    var start: Int
    var end: Int
    /// Needs expanding from an earlier name: 区总工会, 该公司工会, 中心工会, 工作室.
    var bare: Bool
    /// May own a figure.
    var usable: Bool
    /// Written as a place's unions (朝阳区各级工会组织): the place's 总工会 is meant.
    var placeUnions: Bool
    /// Not an owner but names where the event took place (在X举办): its place still counts.
    var location: Bool
}

enum OrganizationFinder {
    typealias S = Unicode.Scalar

    static let suffixes = TextClasses.words([
        "工会委员会", "工会联合会", "总工会", "工会", "委员会", "联合会", "协会", "基金会", "互助会", "有限公司", "公司", "集团",
        "工作室", "管理处", "办事处", "服务中心", "中心", "项目部", "分行", "支行", "银行", "医院", "学校", "大学", "学院",
        "研究院", "研究所", "局", "县委", "市委", "区委", "省委", "党委", "工委", "团委", "卫健委", "住建委", "发改委", "教委",
        "经信委", "政法委", "政府", "三方", "石化", "电厂", "厂", "服务站", "援助站", "工作站", "分会",
    ])

    /// Words that end the phrase before a name; those in `objectWordList` make it
    /// a partner, an affiliation or an object rather than the owner.
    static let boundaryWords = TextClasses.words([
        "来自", "携手", "联合", "会同", "配合", "协同", "获得", "荣获", "来到", "被评为", "共有", "还有", "已有", "拥有",
        "经过", "通过", "其中", "同时", "此外", "以及", "包括", "邀请", "组织", "帮助", "指导", "建立", "联系", "成立",
        "考入", "考上", "走进", "深入", "前往", "看望", "加入", "支持", "协助", "依托", "响应", "抓", "帮", "使", "要求",
        "号召", "动员", "鼓励", "引导", "评选出", "选出", "推荐", "后", "前", "期间", "以来", "创建", "建成", "组建",
        "今年", "去年", "近日", "日前", "当天", "目前", "近年来", "年来", "昨天", "今天", "连日来", "截至",
        "新建", "建设", "打造", "培育", "评出", "表彰", "命名", "授予",
        "的", "了", "在", "从", "由", "对", "为", "与", "及", "将", "把", "被", "到", "给", "向", "是", "于", "并",
        "还", "也", "已", "以", "据", "兼", "等", "获", "让", "请", "同", "跟", "自", "当", "经", "和",
    ])
    static let objectWordList = TextClasses.words([
        "来自", "携手", "联合", "会同", "配合", "协同", "获得", "荣获", "来到", "被评为", "邀请", "帮助", "指导", "建立",
        "联系", "考入", "考上", "走进", "深入", "前往", "看望", "加入", "支持", "协助", "依托", "响应", "抓", "帮", "使",
        "要求", "号召", "动员", "鼓励", "引导", "推荐", "创建", "建成", "组建", "新建", "建设", "打造", "培育", "评选出",
        "评出", "表彰", "命名", "授予",
        "在", "为", "与", "及", "将", "把", "被", "到", "给", "向", "获", "以", "兼", "等", "同", "跟", "了", "以及", "包括", "和",
    ])
    /// 来到: with 在 and 到, an object word that names where the event took place.
    static let comeTo: [S] = ["来", "到"]
    /// Words that contain a boundary character but belong to names.
    static let protectedWords = TextClasses.words([
        "有限", "国有", "经济", "经开", "经营", "经贸", "和平", "和谐", "共和", "成都", "首都", "为民", "对外", "自治", "自然",
        "同仁", "同济", "在线", "及时", "劳模和工匠", "工青妇", "党和", "中和", "人和", "和田", "和县", "当代", "当地",
    ])
    static let genericStarts = TextClasses.words(["各", "全", "每", "多家", "一些", "有关", "相关", "所在", "基层", "其他", "部分",
                                                  "一家", "一批", "某", "该单位", "本单位", "广大", "两委"])
    /// The national federation's names.
    static let nationalUnions: Set<String> = ["全国总工会", "中华全国总工会", "全总"]
    static let referringStarts = TextClasses.words(["该", "本", "其", "此", "这"])
    /// A name that is only a level and an organization word is a short reference.
    static let bareNames: Set<String> = {
        var s: Set<String> = ["总工会", "工会", "公司", "集团", "中心", "工作室", "分会", "公司工会", "集团工会", "中心工会",
                              "分公司", "分公司工会", "项目部", "项目部工会", "厂工会", "局", "委", "三方", "石化", "厂"]
        for level in ["省", "市", "区", "县", "镇", "乡", "街道", "州", "旗", "盟", "地区", "街乡"] {
            s.insert(level + "总工会")
            s.insert(level + "工会")
            s.insert(level + "委")
            s.insert(level + "政府")
        }
        return s
    }()
    static let bareWords = WordList(Array(bareNames))
    static let nationalWords = WordList(Array(nationalUnions))
    static let governments = ["县政府", "市政府", "区政府", "省政府", "政府"].map { Array($0.unicodeScalars) }
    static let allLevels: [S] = ["各", "级", "工", "会"]
    static let allLevelUnions: [S] = ["各", "级", "工", "会", "组", "织"]
    static let unionWord: [S] = ["工", "会"]
    static let each: [S] = ["各"]

    /// Whether a name says 各级工会 or ends in 各级工会组织 (a place's unions); `each` is `core.contains(each)`,
    /// and in plain text neither word occurs without it.
    static func eachLevels(_ core: TextTest, each: Bool) -> Bool {
        guard each || !core.plain else { return false }
        return core.contains(allLevels) || core.hasSuffix(allLevelUnions)
    }
    static let attributiveWords = TextClasses.words(["会员", "组织", "工作", "经费", "干部", "政策", "卡", "服务", "法",
                                                     "活动", "帮扶", "维权", "力量", "阵地", "职能", "系统", "APP", "app"])
    static let eventWords = TextClasses.words(["技能大赛", "大赛", "比赛", "竞赛", "活动", "建设", "工程", "项目", "常委"])
    static let measureWords = TextClasses.set("个家名位所座支项处")
    static let dateUnits = TextClasses.set("年月日号")
    static let listOrAffiliationMarks = TextClasses.set("的、等")

    /// `phraseStart`'s classes of each scalar: `stopBit` (punctuation or a digit), `measureBit`, `dateUnitBit`.
    static let phraseSets: [(ScalarSet, UInt8)] = [(TextClasses.punctuation.union(TextClasses.digits), stopBit),
                                                   (measureWords, measureBit), (dateUnits, dateUnitBit)]
    static let phraseClasses = ScalarClasses.table(phraseSets)
    @inline(__always) static var stopBit: UInt8 { 1 }
    @inline(__always) static var measureBit: UInt8 { 2 }
    @inline(__always) static var dateUnitBit: UInt8 { 4 }

    @inline(__always)
    static func phraseClass(_ c: S, _ classes: UnsafePointer<UInt8>) -> UInt8 {
        c.value < 0x10000 ? classes[Int(c.value)] : ScalarClasses.bySets(c, phraseSets)
    }

    /// Names in `text` into `out`, emptied first and its room kept (a caller that reads many paragraphs reuses one
    /// array: one made for each paragraph with a name cost an allocation and a release); `covered[i]` is true
    /// where a place name lies (its characters are never boundaries: 和平街街道总工会).
    static func find(in t: [S], covered: [Bool], into out: inout [OrgMention], _ l: Lists = lists) {
        out.removeAll(keepingCapacity: true)
        // Organization words, left to right, without overlaps, read one ahead of the name being made
        // (no array of them: most paragraphs hold one or two).
        var scan = HitScan()
        var pending = scan.next(t, l)
        // Most paragraphs name no organization: no room reserved for none.
        guard pending != nil else { return }
        if out.capacity == 0 { out.reserveCapacity(4) }  // a paragraph that names one organization names a few: grow once
        while let (sStart, firstEnd) = pending {
            pending = scan.next(t, l)
            var end = firstEnd
            // Chain: 集团…中心…工会 (gap of up to 8 characters without a boundary).
            while let (nextStart, nextEnd) = pending, nextStart - end <= 8, noBoundary(t, covered, end, nextStart, l),
                  l.attributiveWords.length(at: nextEnd, in: t) == 0 {
                end = nextEnd
                pending = scan.next(t, l)
            }
            let (start, preceder, counted) = phraseStart(t, covered, before: sStart, l)
            var m = OrgMention(start: start, end: end, bare: false, usable: true, placeUnions: false, location: false)
            // 汉阴县委、县政府
            if end < t.count, t[end] == "、", TextTest(t[start..<end]).hasSuffix(["委"]),
               let g = l.governments.first(where: { TextClasses.has(t, end + 1, $0) }) {
                m.end = end + 1 + g.count
                if let (nextStart, _) = pending, nextStart < m.end { pending = scan.next(t, l) }
            }
            // The body: the name without a leading 该/本/其… (not all of it).
            let referring = l.referringStarts.length(at: start, in: t, limit: m.end)
            let name = OrgNameTraits.read(t, start: start, body: m.end - start > referring ? start + referring : start, end: m.end, l)
            if name.isBareWord || start == sStart { m.bare = true }
            // 工会会员, 工会组织, 工会工作: the word describes something else.
            if name.endsInUnion, l.attributiveWords.length(at: m.end, in: t) > 0 { m.usable = false }
            if name.eachLevels {
                m.placeUnions = start < covered.count && covered[start]
                m.usable = m.placeUnions
            } else if name.isNational {
                // 全国总工会 is a name, not 全 + a generic group.
            } else if name.isGeneric {
                m.usable = false
            }
            if counted { m.usable = false }
            if preceder > 0, l.objectWordList.isWord(t, start - preceder, start) {
                m.usable = false
                if (preceder == 1 && (t[start - 1] == "在" || t[start - 1] == "到")) || (preceder == 2 && TextClasses.has(t, start - 2, l.comeTo)) {
                    m.location = true
                }
            }
            // X的 person, X、Y等: affiliations and lists.
            if m.end < t.count, l.listOrAffiliationMarks.contains(t[m.end]) { m.usable = false }
            // “毛绒玩具新社区工厂技能大赛”: the name describes an event.
            if l.eventWords.length(at: m.end, in: t) > 0 { m.usable = false }
            if start > 0, t[start - 1] == "、" { m.usable = false }
            out.append(m)
        }
    }

    /// The organization words of a paragraph, left to right, without overlaps, and no word inside 《…》.
    /// The scan stops at title openings too, so that it knows the last one before a word: after none,
    /// the word is in no title, and after one, only the text since it is read (the old reading went
    /// back to the sentence's start at every word).
    struct HitScan {
        private var i = 0
        /// The offset of the last 《 or 〈 passed, or -1. The scan passes every scalar but a word's own,
        /// and no organization word holds one (`OrganizationShortcutTests`).
        private var lastOpen = -1

        /// The next word's start and end, or nil. (`l` passed by `find`: three static reads here cost three
        /// `swift_once` calls at each word.)
        mutating func next(_ t: [S], _ l: Lists = OrganizationFinder.lists) -> (Int, Int)? {
            let words = l.suffixes, stops = l.scanStops, opens = l.bookOpen
            while true {
                i = t.withUnsafeBufferPointer { stops.firstMember($0, from: i) }
                guard i < t.count else { return nil }
                if opens.contains(t[i]) { lastOpen = i }
                if words.mayStart(t, i) {
                    let n = words.length(at: i, in: t, limit: t.count)
                    // 工会会员 is a member, not a union.
                    if n > 0, !inTitle(t, i, l.titleStops), !(t[i + n - 1] == "会" && i + n < t.count && t[i + n] == "员") {
                        i += n
                        return (i - n, i)
                    }
                }
                i += 1
            }
        }

        /// `TextClasses.insideBookTitle(t, k)`: the nearest title mark or sentence end before `k` is the
        /// last opening passed when no mark or sentence end lies between them.
        private func inTitle(_ t: [S], _ k: Int, _ stops: ScalarSet) -> Bool {
            guard lastOpen >= 0 else { return false }
            var j = k - 1
            while j > lastOpen {
                if stops.contains(t[j]) { return false }
                j -= 1
            }
            return true
        }
    }

    /// Where the organization scan stops: a scalar that starts an organization word, or opens a title.
    static let scanStops = suffixes.firsts.union(TextClasses.bookOpen)

    /// The lists and classes `find` and what it calls read, taken once per paragraph and passed down: on Linux
    /// each read of a static `let` is a `swift_once` call, and the finder made a dozen for each name it found.
    /// (Read in place from the one static: no copy, so no retain.)
    struct Lists {
        let suffixes = OrganizationFinder.suffixes, scanStops = OrganizationFinder.scanStops
        let bookOpen = TextClasses.bookOpen, titleStops = TextClasses.titleStops
        let punctuation = TextClasses.punctuation, digits = TextClasses.digits, numerals = TextClasses.numerals
        let boundaryWords = OrganizationFinder.boundaryWords, protectedWords = OrganizationFinder.protectedWords
        let objectWordList = OrganizationFinder.objectWordList, attributiveWords = OrganizationFinder.attributiveWords
        let eventWords = OrganizationFinder.eventWords, referringStarts = OrganizationFinder.referringStarts
        let listOrAffiliationMarks = OrganizationFinder.listOrAffiliationMarks, governments = OrganizationFinder.governments
        let comeTo = OrganizationFinder.comeTo, phraseClasses = OrganizationFinder.phraseClasses
        let bareWords = OrganizationFinder.bareWords, nationalWords = OrganizationFinder.nationalWords
        let genericStarts = OrganizationFinder.genericStarts
        let allLevels = OrganizationFinder.allLevels, allLevelUnions = OrganizationFinder.allLevelUnions
    }
    static let lists = Lists()

    static func noBoundary(_ t: [S], _ covered: [Bool], _ from: Int, _ to: Int, _ l: Lists = lists) -> Bool {
        var k = from
        while k < to {
            if l.punctuation.contains(t[k]) || l.digits.contains(t[k]) || t[k] == "各" { return false }
            if !covered[k], l.boundaryWords.length(at: k, in: t) > 0, l.protectedWords.length(at: k, in: t) == 0 {
                return false
            }
            k += 1
        }
        return true
    }

    /// Reads back from `before` to the start of the name; returns the start,
    /// the length of the boundary word before it (0 for punctuation or none) and whether a number
    /// and measure word come right before (a counted thing, not an owner).
    static func phraseStart(_ t: [S], _ covered: [Bool], before: Int, _ l: Lists = lists) -> (Int, Int, Bool) {
        let classes = l.phraseClasses, boundary = l.boundaryWords, numerals = l.numerals
        var k = before
        while k > 0, before - k < 16 {
            let c = t[k - 1]
            let bits = phraseClass(c, classes)
            if bits & stopBit != 0 {
                return (k, 0, false)
            }
            if bits & measureBit != 0, k >= 2, numerals.contains(t[k - 2]) { return (k, 0, true) }
            // 2019年北京市总工会, 12月5日南郑区总工会: a date ends the phrase.
            if bits & dateUnitBit != 0, k >= 2, numerals.contains(t[k - 2]) { return (k, 0, false) }
            // The boundary word first: it is rarer than the protected words are costly to rule out.
            if !covered[k - 1], case let n = boundary.length(before: k, in: t), n > 0, !protectedAt(t, k - 1, l) { return (k, n, false) }
            k -= 1
        }
        return (k, 0, false)
    }

    /// Whether a protected word covers offset `i`.
    static func protectedAt(_ t: [S], _ i: Int, _ l: Lists = lists) -> Bool {
        i >= 0 && i < t.count && l.protectedWords.covers(t, i, i)
    }
}
