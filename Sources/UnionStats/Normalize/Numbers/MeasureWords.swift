/// Measure words (量词) and units that make a number a figure, looked up
/// longest first (人次 before 人, 场次 before 场, 平方米 before 米), and the
/// time words after a number that make it a date or a duration instead.
enum MeasureWords {
    enum Kind { case count, money, percent, duration }

    /// A class, not a struct: an entry is looked at for most numbers read, and a struct of five
    /// arrays and strings cost a retain and a release of each at every copy.
    final class Entry: Sendable {
        let word: ScalarString
        let unit: String
        let kind: Kind
        /// Continuations that make the word part of a longer word (see `compounds`), and their exceptions.
        let compounds: [ScalarString]
        let exceptions: [ScalarString]
        /// The first scalars of `compounds`: most numbers' next scalar is none of them.
        let compoundStarts: [Unicode.Scalar]

        init(word: ScalarString, unit: String, kind: Kind, compounds: [ScalarString] = [], exceptions: [ScalarString] = []) {
            self.word = word
            self.unit = unit
            self.kind = kind
            self.compounds = compounds
            self.exceptions = exceptions
            compoundStarts = compounds.compactMap(\.first)
        }
    }

    /// Counting measure words and units of measure, kept as written.
    static let countWords: [String] = [
        // people and organisations
        "人次", "人", "名", "位", "户次", "户", "戶", "家次", "家", "个", "個",
        "所", "座", "支", "队", "隊", "对", "對", "双", "雙",
        // events and actions
        "场次", "場次", "场", "場", "次", "期", "轮", "輪", "批次", "批", "届次", "天次", "车次", "架次", "台次", "班次",
        "课时", "学时", "工时",
        // things
        "项", "項", "份", "瓶", "件", "条", "條", "间", "間", "副", "张", "張", "块", "塊", "种", "種",
        "台", "臺", "辆", "輛", "套", "本", "册", "冊", "篇", "部", "首", "幅", "处", "處", "棵", "株",
        "箱", "袋", "桶", "盒", "包", "床", "单", "單", "笔", "筆", "例", "起", "宗", "类", "類", "面", "把",
        "枚", "封", "顶", "根", "片", "只", "粒", "颗", "栋", "幢", "堂",
        // units of measure
        "平方公里", "平方千米", "平方米", "平米", "㎡", "立方米", "公顷", "亩", "畝", "公里", "千米", "米",
        "吨", "噸", "公斤", "千克", "斤", "千瓦时", "千瓦", "毫升", "升",
        // percentage points
        "个百分点", "個百分點", "百分点", "百分點",
    ]

    /// Money: any 元 is money (万元/亿元 are multiplied out by the number reader).
    static let moneyWords: [(String, String)] = [("元", "元"), ("美元", "美元"), ("港元", "港元"), ("欧元", "欧元")]

    static let percentWords: [(String, String)] = [("%", "%"), ("％", "%"), ("‰", "‰")]

    /// Time words that start like a measure word: after a number they make a duration (6个月, 3个多月).
    static let durationWords: [String] = [
        "个月", "個月", "个多月", "个半月", "个小时", "個小時", "个多小时", "个半小时", "个钟头", "个工作日", "个星期", "个多星期",
        "个季度", "个年头", "个学期", "个晚上", "个白天", "个周末", "个春秋", "个世纪",
    ]

    static let table = ScalarMap<[Entry]>({
        var t: [Unicode.Scalar: [Entry]] = [:]
        func add(_ w: String, _ unit: String, _ kind: Kind) {
            let s = w.scalarArray
            t[s[0], default: []].append(Entry(word: s, unit: unit, kind: kind,
                                              compounds: (compounds[w] ?? []).map { $0.scalarArray },
                                              exceptions: (compoundExceptions[w] ?? []).map { $0.scalarArray }))
        }
        for w in countWords { add(w, w, .count) }
        for (w, u) in moneyWords { add(w, u, .money) }
        for (w, u) in percentWords { add(w, u, .percent) }
        for w in durationWords { add(w, w, .duration) }
        for k in t.keys { t[k]!.sort { $0.word.count > $1.word.count } }
        return t
    }())

    /// The longest measure word starting at `i`.
    static func match(_ s: ScalarString, at i: Int, _ l: FigureRecognizer.Lists = FigureRecognizer.lists) -> Entry? {
        guard i < s.count, let list = l.measureWords[s[i]] else { return nil }
        for e in list where s.matches(e.word, at: i) { return e }
        return nil
    }

    /// Words that begin with a measure word but are something else (四项目部, 四部门,
    /// 十一期间, 3单元, 一次性): after the unit, these continuations veto the figure.
    static let compounds: [String: [String]] = [
        "人": ["民", "才", "员", "社", "事", "口", "间", "生", "物", "数", "均", "心", "文", "力", "身", "性", "格", "际", "士", "群", "类", "们", "行道", "脸"],
        "名": ["称", "额", "誉"],
        "位": ["置", "于", "列", "居", "次"],
        "家": ["庭", "属", "乡", "具", "里", "常", "风", "访", "务", "境", "暴", "喻"],
        "户": ["口", "籍", "外", "型", "主", "内", "均"],
        "个": ["性", "别"],
        "项": ["目部", "目组", "目经理", "目的", "目上", "目中"],
        "次": ["日", "年", "数", "序", "元", "要", "性", "生", "级"],
        "场": ["所", "地", "景", "合", "面", "馆", "长", "内", "外", "域", "站"],
        "期": ["间", "限", "待", "望", "末", "刊", "货", "满", "中", "内", "工程", "项目", "盼"],
        "对": ["象", "接", "于", "话", "口", "比", "待", "照", "策", "外", "手", "联", "应", "标", "此", "方", "其", "立", "抗", "称", "决", "阵", "准", "症"],
        "副": ["主", "书", "局", "总", "市", "县", "区", "部", "处", "厅", "院", "校", "经", "组", "队", "镇", "乡", "会", "秘", "中心", "食", "业", "本", "作", "科", "高", "省", "州", "厂", "所", "馆", "站", "社", "团", "司", "理", "巡", "调", "教", "班", "董", "行", "庭", "检"],
        "部": ["门", "分", "署", "长", "队", "委", "位", "件", "落", "级"],
        "首": ["都", "次", "批", "届", "位", "个", "先", "席", "府", "长", "创", "发", "要", "选", "期", "款", "家"],
        "处": ["理", "长", "于", "置", "室", "罚", "分", "级"],
        "所": ["有", "在", "属", "以", "谓", "得", "需", "长", "述", "说", "做", "能"],
        "座": ["谈", "位", "右"],
        "台": ["账", "阶", "风", "湾", "上", "下"],
        "批": ["准", "复", "示", "评"],
        "支": ["持", "付", "出", "部", "援", "撑", "柱"],
        "队": ["伍", "员", "长"],
        "双": ["方", "向", "赢", "职工", "创", "节", "休", "选", "语", "重", "百", "拥", "十一", "减", "胞"],
        "床": ["位", "上"],
        "包": ["括", "装", "容", "含", "联", "干", "保"],
        "本": ["市", "区", "县", "镇", "单位", "次", "报", "职", "科", "地", "届", "人", "身", "着", "来", "质", "年", "月", "周", "部", "期", "公司"],
        "篇": ["章", "幅"],
        "幅": ["度"],
        "张": ["贴", "家口"],
        "种": ["植", "类", "子", "养", "粮", "地", "菜", "树"],
        "条": ["件", "例", "款", "理", "块", "线", "街", "胡同"],
        "间": ["隔", "接", "断", "歇"],
        "块": ["钱"],
        "份": ["额", "子"],
        "米": ["面", "油", "粮", "饭"],
        "单": ["位", "独", "元", "身", "项", "一", "纯", "列", "向", "车", "亲", "次"],
        "笔": ["记", "试", "者", "录"],
        "例": ["如", "会", "行", "外"],
        "起": ["来", "到", "点", "步", "草", "诉", "航", "源", "始", "码", "飞", "跑", "色", "居"],
        "类": ["似", "型", "别"],
        "面": ["向", "对", "临", "积", "貌", "前", "上", "试", "粉", "条", "包", "子"],
        "把": ["握", "关", "手"],
        "封": ["闭", "面", "装"],
        "顶": ["层", "尖"],
        "根": ["据", "本", "源"],
        "片": ["区", "长"],
        "只": ["有", "是", "要", "能"],
        "元": ["旦", "宵", "素", "月", "老", "首", "帅", "气", "年", "件"],
        "瓶": ["装"],
        "升": ["级", "学", "职", "温", "旗", "华", "值", "高", "至", "到", "为"],
        "袋": ["装"],
        "宗": ["旨", "教"],
        "轮": ["车", "训"],
    ]

    /// Exceptions to the vetoes: 完成4项目标任务 is 4 项 of 目标.
    static let compoundExceptions: [String: [String]] = [
        "项": ["目标"],
    ]

    /// Whether the text right after a measure word turns it into part of another word.
    static func isCompound(_ e: Entry, _ s: ScalarString, after k: Int) -> Bool {
        guard k < s.count, e.compoundStarts.contains(s[k]) else { return false }
        if e.exceptions.contains(where: { s.matches($0, at: k) }) { return false }
        return e.compounds.contains { s.matches($0, at: k) }
    }

    /// Words that may follow 每 to say what a per-unit amount is per: 每人, 每月, 每季度, 每家.
    static let perWords: [ScalarString] = {
        var w = ["季度", "年度", "月度", "星期", "学期", "小时", "工作日", "个月", "个季度", "年", "月", "周", "天", "日", "晚",
                 "平方米", "公里", "亩", "吨", "公斤"]
        w += countWords.filter { $0.unicodeScalars.count <= 2 && !$0.hasPrefix("个百") && !$0.hasPrefix("百") }
        return w.map { $0.scalarArray }.sorted { $0.count > $1.count }
    }()

    static let perWordsByFirst = ScalarMap<[(ScalarString, String)]>({
        var t: [Unicode.Scalar: [(ScalarString, String)]] = [:]
        for w in perWords {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: w)
            var word = String(v)
            if word == "个月" { word = "月" }
            if word == "个季度" { word = "季度" }
            t[w[0], default: []].append((w, word))
        }
        return t
    }())

    /// The per-word starting at `i` (after 每): `个月` gives `月`, `个季度` gives `季度`.
    static func perWord(_ s: ScalarString, at i: Int) -> String? {
        guard i < s.count, let list = perWordsByFirst[s[i]] else { return nil }
        for (w, word) in list where s.matches(w, at: i) { return word }
        return nil
    }
}
