/// Finds the counted thing of a figure in the article's own words.
///
/// 1. The noun after the number and unit: `12间职工倾听室`, `11名职工发放…`,
///    `4.1万元的助学金`; when the counted people won something, the prize:
///    `三名选手获得金奖` → 金奖.
/// 2. Else the noun phrase before it, after dropping linking words
///    (达到/为/共/共开展…): `职工咨询人数达到1853人`, `脱困率94%`, `职工沟通会近2000场`.
/// 3. Else what follows a leading verb: `两次开展了“情系环卫工”系列活动`.
/// 4. Else the previous figure's metric in the same clause (`由500元…提升到2400元`),
///    or the last noun of the previous clause (`…的救助金，共计112万余元`).
struct MetricSpan: Equatable {
    var text: String
    /// Offsets in the paragraph; both -1 when taken from another figure.
    var start: Int
    var end: Int
}

enum MetricFinder {
    typealias S = Unicode.Scalar

    static let stopPunctuation = TextClasses.set("。！？；!?;，,：:、()（）《》〈〉【】[]…—")
    static let quotesAndSpaces = TextClasses.set("“”‘’\"' \u{3000}\t「」『』")

    static let afterStops = TextClasses.words([
        "的", "在", "参加", "参与", "进入", "入围", "获得", "分获", "荣获", "获评", "被评为", "获", "讲述", "拿到", "收到",
        "得到", "受到", "被", "为", "同时", "开启", "带着", "进行", "开展", "组成", "实现", "送到", "送往", "送去", "送上",
        "送", "用于", "提升", "提高", "增加", "增长", "降低", "减少", "下降", "上升", "降到", "降至", "增至", "达到", "达",
        "是", "已", "将", "把", "等", "均", "都", "也", "还", "正在", "参赛", "走进", "来到", "前往", "共", "累计", "分别",
        "发放", "领取", "签订", "办理", "接受", "享受", "覆盖", "惠及", "涉及", "占", "较", "同比", "当中", "之中", "以上",
        "左右", "上下", "之多", "进驻", "入驻", "报名", "提出", "完成", "回到", "投入", "走上", "和", "提供",
        "拿出", "推出", "捐出", "捐赠", "设立", "设置", "组织", "举办", "签约", "达成", "成为", "获得了", "回家",
        "返乡", "返岗", "参会", "参展", "参训", "到场", "出席", "加强", "推进", "实施", "落实", "深化", "促进", "做好",
        "解决", "帮助", "带动", "助力", "共同", "一起", "纷纷", "积极", "主动", "相继", "先后", "全部", "全都", "建立",
        "成立", "开通", "上线", "启动", "通过", "经过", "踏上", "拿回", "追回", "领到", "免费", "足额", "支付", "配送",
        "带来", "正式", "加入", "有了", "载着", "带领", "赴", "奔赴", "不等", "授牌", "挂牌", "揭牌",
    ])
    /// Set phrases holding a stop word: 在档困难职工, 劳模和工匠人才.
    static let protectedWords = TextClasses.words(["在档", "在职", "在岗", "在校", "在册", "在线", "在建", "在编", "在读",
                                                   "劳模和工匠", "和谐", "和平", "共建", "共享", "达标", "为民",
                                                   "级以上", "网约", "在外", "使用", "使命", "大使"])

    /// Whether a protected word covers both `i - 1` and `i` (a stop word there is part of it).
    static func protectedAcross(_ t: [S], _ i: Int, _ l: Lists = lists) -> Bool { l.protectedWords.covers(t, i - 1, i) }
    /// Stop words that may begin the counted noun (参赛选手, 在线观看).
    static let nounStarts = TextClasses.words(["在", "参赛", "参与", "参加", "报名"])
    static let awardVerbs = TextClasses.words(["获得", "分获", "荣获", "获评", "被评为", "获"])
    static let leadingVerbs = TextClasses.words(["开展了", "开展", "举办了", "举办", "组织了", "组织", "进行了", "进行", "发放了",
                                                 "发放", "建成了", "建成", "召开了", "召开", "走访了", "走访", "慰问了", "慰问",
                                                 "达成了", "达成", "实现了", "实现", "签订了", "签订", "参加了", "参加", "参与"])
    /// Linking words between a noun and its number: dropped before reading the noun.
    static let linkers = TextClasses.words([
        "达到", "达", "为", "是", "共", "共计", "共有", "总计", "累计", "合计", "约", "有", "已有", "已达", "高达", "多达", "计",
        "增至", "提升到", "提高到", "提升至", "提高至", "降到", "降至", "增加到", "减少到", "到", "至", "由", "从", "开展",
        "开展了", "共开展", "举办", "举办了", "发放", "发放了", "进行", "大幅", "分别", "均", "都", "先后", "已", "已经",
        "现有", "超", "突破", "每人", "每户", "每家", "每名", "每位", "人均", "户均", "单次", "每次",
    ])
    /// Words before which the noun phrase starts (verbs and function words).
    static let beforeStops = TextClasses.words([
        "开展了", "开展", "进行了", "进行", "举办了", "举办", "组织了", "组织", "发放了", "发放", "筹集了", "筹集", "收到了",
        "收到", "推荐", "建成了", "建成", "建立了", "建立", "组建了", "组建", "创建了", "创建", "设置", "悬挂", "提供了", "提供",
        "推送", "化解", "挽回", "实现了", "实现", "创造了", "创造", "累计", "共计", "共有", "共", "现有", "已有", "拥有", "有",
        "帮助", "救助了", "救助", "走访了", "走访", "资助", "捐赠", "送去", "送出", "发展了", "发展", "制作了",
        "制作", "完成了", "完成", "攻克了", "攻克", "获得了", "获得", "获", "评选出了", "评选出", "选取", "设立", "新建", "培训了",
        "吸引了", "吸引", "解答", "达成", "采纳", "参加", "参与", "惠及", "覆盖", "其中", "同时", "此外", "并且", "并", "还",
        "也", "已经", "已", "其", "为", "对", "向", "给", "在", "于", "将", "把", "被", "从", "由", "与", "及", "等", "的",
        "了", "是", "达到", "达", "超过", "近", "约", "考上", "考入", "安排", "下拨", "拨付", "划拨", "投入", "筹措", "募集", "追回", "带来", "办理", "配备", "享受", "享有", "使得", "使", "获赠", "受赠", "给付", "配送", "补贴", "补助", "支付", "每人", "每户", "每家", "每名", "每位", "人均", "户均",
        "单次", "每次", "拿回", "领到", "总工会", "委员会", "推动", "带动", "发动", "动员",
    ])
    static let emptyWords: Set<String> = ["大幅", "同比", "分别", "均", "共", "累计", "先后", "已", "约", "达", "左右", "以上",
                                          "多", "余", "之多", "上下", "共计", "都", "也", "还", "又", "再", "先后两次", "连续", "价值"]
    static let genericHeads: Set<String> = ["数", "数量", "人数", "金额", "总数", "总额", "规模", "次数", "人次", "数额"]
    static let emptyWordList = WordList(Array(emptyWords))
    static let genericHeadWords = WordList(Array(genericHeads))

    /// Whether a span's text (`trimmed`'s: its scalars without spaces) is an empty word.
    static func isEmptyWord(_ span: MetricSpan, in t: [S], _ l: Lists = lists) -> Bool { TextTest(scalars(of: span, in: t)).isOne(of: l.emptyWordList, l.emptyWords) }

    /// The scalars of a span's text, read from `t` (where `trimmed` took them) rather than decoded again.
    static func scalars(of span: MetricSpan, in t: [S]) -> ArraySlice<S> {
        let s = t[span.start..<span.end]
        return s.contains(where: TextClasses.isSpace) ? ArraySlice(s.filter { !TextClasses.isSpace($0) }) : s
    }
    static let measureWords = TextClasses.set("个家名位所座支项处种份次场件条户人元间副对张块瓶")

    /// `collectBack`'s classes of each scalar: `stopBit` (`stopPunctuation` or a digit), `measureBit`.
    static let backSets: [(ScalarSet, UInt8)] = [(stopPunctuation.union(TextClasses.digits), stopBit), (measureWords, measureBit)]
    static let backClasses = ScalarClasses.table(backSets)
    @inline(__always) static var stopBit: UInt8 { 1 }
    @inline(__always) static var measureBit: UInt8 { 2 }

    /// The lists and classes the finder reads, taken once per figure by `find` and passed down (each function
    /// takes them last, the static by default): on Linux each read of a static `let` is a `swift_once` call, and
    /// the finder made about twenty per figure. (Read in place from the one static: no copy, so no retain.)
    struct Lists {
        let stopPunctuation = MetricFinder.stopPunctuation, quotesAndSpaces = MetricFinder.quotesAndSpaces
        let afterStops = MetricFinder.afterStops, protectedWords = MetricFinder.protectedWords, nounStarts = MetricFinder.nounStarts
        let awardVerbs = MetricFinder.awardVerbs, leadingVerbs = MetricFinder.leadingVerbs, linkers = MetricFinder.linkers
        let beforeStops = MetricFinder.beforeStops, emptyWords = MetricFinder.emptyWords, emptyWordList = MetricFinder.emptyWordList
        let genericHeads = MetricFinder.genericHeads, genericHeadWords = MetricFinder.genericHeadWords
        let measureWords = MetricFinder.measureWords, backClasses = MetricFinder.backClasses
        let purposeVerbs = MetricFinder.purposeVerbs, yuan = MetricFinder.yuan, percentUnits = TextClasses.percentUnits
        let relativeVerbs = MetricFinder.relativeVerbs, trailingWords = MetricFinder.trailingWords
        let leadingPerWords = MetricFinder.leadingPerWords, genericQuantifiers = MetricFinder.genericQuantifiers
        let perMeasures = MetricFinder.perMeasures, scopeWords = MetricFinder.scopeWords, placeFillers = MetricFinder.placeFillers
        let gapQualifiers = MetricFinder.gapQualifiers, gapVerbs = MetricFinder.gapVerbs
        let digits = TextClasses.digits, chineseDigits = TextClasses.chineseDigits, numerals = TextClasses.numerals
        let openQuotes = TextClasses.openQuotes, closeQuotes = TextClasses.closeQuotes, clauseEnd = TextClasses.clauseEnd
    }
    static let lists = Lists()

    @inline(__always)
    static func backClass(_ c: S, _ classes: UnsafePointer<UInt8>) -> UInt8 {
        c.value < 0x10000 ? classes[Int(c.value)] : ScalarClasses.bySets(c, backSets)
    }

    /// - Parameters:
    ///   - raw: the figure's offsets in `t`.
    ///   - times: offsets of time phrases in `t` (a noun phrase never crosses one).
    ///   - previous: the metric of the figure before, when it is in the same clause.
    ///   - places: offsets of place names in `t`: a place alone is not a counted thing
    ///     (其中南京市1200户 counts what the figure before counts).
    ///   - previousInSentence: the metric of the figure before in the same sentence.
    static func find(in t: [S], raw: Range<Int>, unit: String, times: [Range<Int>], previous: MetricSpan?,
                     places: [Range<Int>] = [], previousInSentence: MetricSpan? = nil) -> MetricSpan? {
        let l = lists
        let after = nounAfter(t, raw.upperBound, times, l)
        let percent = l.percentUnits.contains(unit)  // `TextClasses.isPercent`
        // The noun before is read only for a percent, and for a sum whose purpose follows it (投入经费约80万元建设…):
        // otherwise the noun after, when there is one, is the metric (as `byEveryRule` finds, reading both).
        if after != nil, !percent, !(l.yuan.contains(unit) && purposeFollows(t, raw, l)) { return after }
        return byEveryRule(in: t, raw: raw, unit: unit, after: after, percent: percent, times: times, previous: previous,
                           places: places, previousInSentence: previousInSentence, l)
    }

    /// The metric by the rules below in their order, the noun before the number read too (what tests hold
    /// `find`'s shortcut to). `after` is `nounAfter(t, raw.upperBound, times)`, `percent` is `TextClasses.isPercent(unit)`.
    static func byEveryRule(in t: [S], raw: Range<Int>, unit: String, after: MetricSpan?, percent: Bool, times: [Range<Int>],
                            previous: MetricSpan?, places: [Range<Int>], previousInSentence: MetricSpan?, _ l: Lists = lists) -> MetricSpan? {
        var before = nounBefore(t, raw.lowerBound, times, l)
        var placeOnly = false
        if let b = before, isPlace(t, b.start..<b.end, places, l) { before = nil; placeOnly = true }
        // 全区建档立卡城镇困难职工, 西宁全市“八大群体”职工入会率: the scope is the region, not the metric.
        if let b = before, let cut = scopePrefixEnd(t, b.start..<b.end, places, l), let rest = trimmed(t, cut, b.end, l) { before = rest }
        // 兰州市总工会已先后三次开展…: the owner is not the counted thing.
        if let b = before, opensClause(t, b.start, times, l), isOrganizationName(b, in: t) { before = nil }
        // 会员人数达到385万人，比上年增长6.8%: a rate of change names what changed.
        if percent, let b = before, isChangeOnly(b.text), let p = previousInSentence ?? previous, !isChangeOnly(p.text) {
            return MetricSpan(text: p.text + b.text, start: -1, end: -1)
        }
        if percent, let b = before { return b }
        // 投入经费约80万元建设职工书屋: a verb after a sum says what it is for.
        if l.yuan.contains(unit), before != nil, purposeFollows(t, raw, l) { return before }
        if let a = after { return a }
        if let g = nounInsideRaw(t, raw, l) { return g }
        if let b = before { return b }
        if let v = nounAfterLeadingVerb(t, raw.upperBound, times, l) { return v }
        if let p = previous ?? (placeOnly ? previousInSentence : nil) { return MetricSpan(text: p.text, start: -1, end: -1) }
        if let c = lastNounOfPreviousClause(t, raw.lowerBound) { return c }
        return nil
    }

    /// Verbs after a sum that say what it pays for.
    static let purposeVerbs = TextClasses.words(["建设", "用于", "购买", "购置", "添置", "改善", "支持", "资助", "帮扶",
                                                 "慰问", "救助", "补贴", "奖励", "打造", "修缮", "维修", "改造", "升级"])
    static let yuan = LiteralWords(["元"])

    /// Whether a purpose verb follows the figure (80万元建设职工书屋).
    static func purposeFollows(_ t: [S], _ raw: Range<Int>, _ l: Lists = lists) -> Bool {
        l.purposeVerbs.length(at: afterStart(t, raw.upperBound, l), in: t) > 0
    }
    static let organizationEnds = LiteralWords(["总工会", "工会", "委员会", "联合会", "公司", "集团", "协会", "互助会"])

    /// A name that ends in one of `organizationEnds` and is longer than it.
    static func isOrganizationName(_ s: String) -> Bool {
        // Plain text: one character per scalar.
        let plain = TextClasses.allPlain(s)
        let length = plain ? NormalizeStage.scalarCount(s) : s.count
        let last = s.utf8.last
        return organizationEnds.words.indices.contains {
            organizationEnds.isSuffix($0, of: s, plain: plain, lastByte: last) && length > organizationEnds.lengths[$0]
        }
    }

    /// `isOrganizationName(span.text)`, read from the span's scalars in `t` when they are plain (then each is
    /// a character, and a string's ending its scalars' ending): no String decoded for the test.
    static func isOrganizationName(_ span: MetricSpan, in t: [S]) -> Bool {
        guard span.start >= 0 else { return isOrganizationName(span.text) }
        let name = TextTest(scalars(of: span, in: t))
        guard name.plain else { return isOrganizationName(span.text) }
        return organizationEnds.anySuffix(ofPlain: name.scalars, longer: true)
    }

    static let gapQualifiers = TextClasses.words(["不少于", "不低于", "不超过", "不多于", "至少", "最多", "最高", "最低", "超过"])
    static let gapVerbs = TextClasses.words(["领到", "领取", "获得", "得到", "发放", "补贴", "可达", "可", "为", "达", "到", "能"])

    /// 至少领到慰问金800元 → 慰问金, 最多可减免50元 → 减免: a raw span that holds
    /// words between its qualifier and its number names the thing.
    static func nounInsideRaw(_ t: [S], _ raw: Range<Int>, _ l: Lists = lists) -> MetricSpan? {
        let q = l.gapQualifiers.length(at: raw.lowerBound, in: t)
        guard q > 0 else { return nil }
        var a = raw.lowerBound + q
        var n = a
        while n < raw.upperBound, !l.numerals.contains(t[n]) { n += 1 }
        while case let v = l.gapVerbs.length(at: a, in: t), v > 0, a + v < n { a += v }
        guard n - a >= 2, let span = trimmed(t, a, n, l) else { return nil }
        return span
    }

    static let comparisons = ["与去年同期相比", "与去年同比", "与上年同比", "同比", "环比", "比上年", "比去年", "较上年", "较去年", "比", "较"]
    static let changes: Set<String> = ["增长", "增加", "下降", "减少", "提高", "提升", "上升", "降低"]

    /// 同比增长, 比上年增加: a comparison and a change, with no noun.
    static func isChangeOnly(_ s: String) -> Bool {
        if changes.contains(s) { return true }
        guard let c = comparisons.first(where: { s.hasPrefix($0) }) else { return false }
        return changes.contains(String(s.dropFirst(c.count)))
    }

    /// Whether only punctuation or a time phrase comes before offset `i` in its clause (a subject, not an object).
    static func opensClause(_ t: [S], _ i: Int, _ times: [Range<Int>], _ l: Lists = lists) -> Bool {
        var j = i
        while j > 0, l.quotesAndSpaces.contains(t[j - 1]) { j -= 1 }
        return j == 0 || l.stopPunctuation.contains(t[j - 1]) || times.contains { $0.upperBound == j }
    }

    static func afterStart(_ t: [S], _ from: Int, _ l: Lists = lists) -> Int {
        var k = from
        while k < t.count, l.quotesAndSpaces.contains(t[k]) { k += 1 }
        return k
    }

    /// Words that end a noun phrase without belonging to it: per-unit words
    /// (本科生每人5000元), adverbs (在档困难职工还有), 价值 after the goods.
    static let trailingWords = TextClasses.words([
        "每人", "每户", "每家", "每个", "每名", "每位", "每月", "每年", "每次", "单次", "人均", "户均", "每",
        "还", "也", "都", "已", "已经", "共", "均", "又", "再", "等", "将", "价值",
    ])

    static let leadingPerWords = TextClasses.words(["每人", "每户", "每家", "每个", "每名", "每位", "人均", "户均", "单次", "每次"])

    static let genericQuantifiers = TextClasses.words(["各类", "各种", "各项", "各式", "各个"])
    static let perMeasures = TextClasses.set("份张件套批台辆本册次")

    /// 每份, 每张 …: 每 and a measure word (its length, 2), else 0.
    static func perMeasure(_ t: [S], _ i: Int, _ l: Lists = lists) -> Int {
        guard i + 1 < t.count, t[i] == "每", l.perMeasures.contains(t[i + 1]) || l.measureWords.contains(t[i + 1]) else { return 0 }
        return 2
    }

    static func stripTrailing(_ t: [S], _ span: MetricSpan, _ l: Lists = lists) -> MetricSpan {
        var span = span
        // 每人奖励3000元, 人均疗休养经费: the per-unit word is the figure's `per`, not its noun.
        var per = l.leadingPerWords.length(at: span.start, in: t)
        if per == 0 { per = perMeasure(t, span.start, l) }
        if per > 0, span.end - span.start - per >= 2, let next = trimmed(t, span.start + per, span.end, l) {
            span = next
        }
        // 各类“职工之家”: a generic quantifier is not part of the name.
        let quantifier = l.genericQuantifiers.length(at: span.start, in: t)
        if quantifier > 0, span.end - span.start - quantifier >= 2, let next = trimmed(t, span.start + quantifier, span.end, l) {
            span = next
        }
        while case let n = l.trailingWords.length(before: span.end, in: t), n > 0, span.end - n - span.start >= 2,
              !protectedAcross(t, span.end - n, l), let next = trimmed(t, span.start, span.end - n, l) {
            span = next
        }
        return span
    }

    /// Verbs that open a relative clause before 的 (考入大学的困难职工子女).
    static let relativeVerbs = TextClasses.words(["考入", "考上", "来自", "获得", "符合", "从事", "坚守", "奋战", "扎根",
                                                  "因病", "身患", "患有", "返乡", "新入", "受灾", "受", "参加", "参与",
                                                  "报名", "入选", "申请", "需要", "坚持"])

    /// Whether a span is only place names (and 全市/全区…).
    static func isPlace(_ t: [S], _ span: Range<Int>, _ places: [Range<Int>], _ l: Lists = lists) -> Bool {
        var k = span.lowerBound
        var sawPlace = false
        while k < span.upperBound {
            if let p = places.first(where: { $0.lowerBound == k }) { k = p.upperBound; sawPlace = true; continue }
            if case let n = l.placeFillers.length(at: k, in: t), n > 0 { k += n; continue }
            return false
        }
        return sawPlace
    }
    /// End of a leading 全区/全市 (after a place name or alone) in a span; nil when there is none.
    static func scopePrefixEnd(_ t: [S], _ span: Range<Int>, _ places: [Range<Int>], _ l: Lists = lists) -> Int? {
        var k = span.lowerBound
        if let p = places.first(where: { $0.lowerBound == k }) { k = p.upperBound }
        let n = l.scopeWords.length(at: k, in: t)
        guard n > 0, k + n < span.upperBound - 1 else { return nil }
        return k + n
    }
    static let scopeWords = TextClasses.words(["全市", "全区", "全县", "全省", "全镇", "全乡", "全州", "全旗", "全国"])
    static let placeFillers = TextClasses.words(["全市", "全区", "全县", "全省", "全州", "全旗", "市", "区", "县", "的"])

    // MARK: - after

    /// Whether `a` and `b` follow each other at `i` (`TextClasses.has(t, i, [a, b])` for `i >= 0`).
    @inline(__always)
    static func pair(_ t: [S], _ i: Int, _ a: S, _ b: S) -> Bool { i + 1 < t.count && t[i] == a && t[i + 1] == b }

    static func nounAfter(_ t: [S], _ from: Int, _ times: [Range<Int>], _ l: Lists = lists) -> MetricSpan? {
        var pos = from
        while pos < t.count, TextClasses.isSpace(t[pos]) { pos += 1 }
        // 100人左右: 左右, 以上, 上下, 之多 in that order, each read where the one before left off (compared in
        // place: an array literal of the four was made and freed at every call).
        if pair(t, pos, "左", "右") { pos += 2 }
        if pair(t, pos, "以", "上") { pos += 2 }
        if pair(t, pos, "上", "下") { pos += 2 }
        if pair(t, pos, "之", "多") { pos += 2 }
        if pos < t.count, t[pos] == "的" { pos += 1 }
        var k = pos
        // The length of the stop word at `k`, 0 for none.
        var stop = 0
        var collected = 0
        while k < t.count, k - pos < 24 {
            let c = t[k]
            if l.stopPunctuation.contains(c) || l.digits.contains(c) { break }
            if l.chineseDigits.contains(c), k + 1 < t.count, l.measureWords.contains(t[k + 1]), collected > 0 { break }
            if times.contains(where: { $0.lowerBound == k }) { break }
            if !l.quotesAndSpaces.contains(c) {
                let n = l.afterStops.length(at: k, in: t)
                if n > 0, collected > 0 || !l.nounStarts.isWord(t, k, k + n),
                   !(collected > 0 && protectedAcross(t, k + 1, l)), !(collected > 0 && protectedAcross(t, k, l)) {
                    stop = n
                    break
                }
                collected += 1
            }
            k += 1
        }
        if stop > 0, l.awardVerbs.isWord(t, k, k + stop) {
            // 三名选手获得金奖 → 金奖; 30人获奖 → 获奖.
            if collected > 0, let prize = phraseUntilClauseEnd(t, k + stop, l), prize.end - prize.start >= 2 { return prize }
            if collected == 0 { return phraseUntilClauseEnd(t, k, l) }
        }
        // 83名考入大学的困难职工子女: the noun after 的 is the counted thing.
        if stop == 1, t[k] == "的", l.relativeVerbs.length(at: pos, in: t) > 0,
           let head = nounAfter(t, k + 1, times, l), head.end - head.start >= 2 {
            return head
        }
        guard var span = trimmed(t, pos, k, l) else { return nil }
        span = stripTrailing(t, span, l)
        // 职工倾听室中，: a trailing 中/里/内 is a place word.
        if stop == 0, span.end - span.start > 2, "中里内上".unicodeScalars.contains(t[span.end - 1]) {
            span = trimmed(t, span.start, span.end - 1, l) ?? span
        }
        if isEmptyWord(span, in: t, l) { return nil }
        return span
    }

    static func nounAfterLeadingVerb(_ t: [S], _ from: Int, _ times: [Range<Int>], _ l: Lists = lists) -> MetricSpan? {
        var pos = from
        while pos < t.count, l.quotesAndSpaces.contains(t[pos]) { pos += 1 }
        let v = l.leadingVerbs.length(at: pos, in: t)
        guard v > 0 else { return nil }
        return nounAfter(t, pos + v, times, l)
    }

    /// 获得金奖，→ 金奖; 分获银奖、 铜奖 → 银奖、铜奖.
    static func phraseUntilClauseEnd(_ t: [S], _ from: Int, _ l: Lists = lists) -> MetricSpan? {
        var k = from
        while k < t.count, k - from < 24, !l.clauseEnd.contains(t[k]), t[k] != "的" { k += 1 }
        return trimmed(t, from, k, l)
    }

    // MARK: - before

    static func nounBefore(_ t: [S], _ rawStart: Int, _ times: [Range<Int>], _ l: Lists = lists) -> MetricSpan? {
        var k = rawStart
        while k > 0, l.quotesAndSpaces.contains(t[k - 1]) { k -= 1 }
        var strips = 0
        var linked = false
        while strips < 4 {
            strips += 1
            if case let n = l.linkers.length(before: k, in: t), n > 0 {
                k -= n
                linked = true
                while k > 0, l.quotesAndSpaces.contains(t[k - 1]) { k -= 1 }
                continue
            }
            // 从2016年的3214户: skip the time phrase and 从.
            if k > 0, t[k - 1] == "的", let tp = times.first(where: { $0.upperBound == k - 1 }) {
                k = tp.lowerBound
                if k > 0, "从自由".unicodeScalars.contains(t[k - 1]) { k -= 1 }
                continue
            }
            break
        }
        // 取得职业资格证书的有4120人: the 的 phrase is the subject.
        if linked, k > 1, t[k - 1] == "的", !l.stopPunctuation.contains(t[k - 2]) { k -= 1 }
        // 各行各业的16位: a modifier, not the counted noun.
        else if k > 0, t[k - 1] == "的" { return nil }
        let end = k
        var j = collectBack(t, end, times, l)
        guard var span = trimmed(t, j, end, l) else { return nil }
        if isEmptyWord(span, in: t, l) { return nil }
        let head = scalars(of: span, in: t)
        if head.count < 2 || TextTest(head).isOne(of: l.genericHeadWords, l.genericHeads) {
            // 会员信息采集数: read one more word back.
            if case let n = l.beforeStops.length(before: j, in: t), n > 0 {
                j = collectBack(t, j - n, times, stopAtStart: true, l)
                span = trimmed(t, j, end, l) ?? span
            }
        }
        span = stripTrailing(t, span, l)
        if isEmptyWord(span, in: t, l) { return nil }
        // 每份价值100元: a per-unit word alone names nothing.
        if span.end - span.start == 2, t[span.start] == "每" { return nil }
        return span
    }

    static func collectBack(_ t: [S], _ end: Int, _ times: [Range<Int>], stopAtStart: Bool = false, _ l: Lists = lists) -> Int {
        let classes = l.backClasses
        var j = end
        while j > 0, end - j < 16 {
            if stopAtStart, j == end, l.beforeStops.length(before: j, in: t) > 0 { break }
            let c = t[j - 1]
            let bits = backClass(c, classes)
            if bits & stopBit != 0 { break }
            // 12项课题 ends the noun; 一次性补助 does not.
            if bits & measureBit != 0, j >= 2, l.numerals.contains(t[j - 2]), !(j < t.count && t[j] == "性") { break }
            if times.contains(where: { $0.upperBound == j }) { break }
            if j < end, l.beforeStops.length(before: j, in: t) > 0, !protectedAcross(t, j, l), !protectedAcross(t, j - 1, l) { break }
            j -= 1
        }
        return j
    }

    // MARK: - previous clause

    /// …收到了来自顺义专项温暖基金的救助金，共计112万余元 → 救助金.
    static func lastNounOfPreviousClause(_ t: [S], _ rawStart: Int) -> MetricSpan? {
        let cs = TextClasses.clauseStart(t, rawStart)
        guard cs >= 2 else { return nil }
        let prevEnd = cs - 1
        let prevStart = TextClasses.clauseStart(t, prevEnd)
        guard prevStart < prevEnd else { return nil }
        // …每人发放慰问金1000元，共计20万元: the clause ends in a figure; its noun is the one.
        if let n = trailingFigureStart(t, prevStart, prevEnd) {
            if let b = nounBefore(t, n, []), !b.text.unicodeScalars.contains(where: TextClasses.isDigit) { return b }
            return nil
        }
        var k = prevEnd - 1
        while k > prevStart, t[k] != "的" { k -= 1 }
        let from = t[k] == "的" ? k + 1 : max(prevStart, prevEnd - 6)
        guard var span = trimmed(t, from, prevEnd) else { return nil }
        if span.end - span.start > 12 { span = trimmed(t, span.end - 12, span.end) ?? span }
        return span
    }

    /// Start of a number (with its unit, at most four characters) that ends a clause.
    static func trailingFigureStart(_ t: [S], _ from: Int, _ end: Int) -> Int? {
        var k = end
        while k > from, end - k < 4, !TextClasses.isDigit(t[k - 1]), !stopPunctuation.contains(t[k - 1]) { k -= 1 }
        guard k > from, TextClasses.isDigit(t[k - 1]) else { return nil }
        while k > from, TextClasses.isDigit(t[k - 1]) || t[k - 1] == "." { k -= 1 }
        // 近/约/逾 before the number belong to it.
        while k > from, "近约逾超".unicodeScalars.contains(t[k - 1]) { k -= 1 }
        return k
    }

    // MARK: -

    /// The text between offsets without surrounding quotes and spaces, and with no spaces inside.
    static func trimmed(_ t: [S], _ s: Int, _ e: Int, _ l: Lists = lists) -> MetricSpan? {
        var a = s, b = e
        while a < b, l.quotesAndSpaces.contains(t[a]) { a += 1 }
        while b > a, l.quotesAndSpaces.contains(t[b - 1]) { b -= 1 }
        // Keep quotes that pair up inside the phrase: “八大群体”职工入会率.
        if a > s, a < b, l.openQuotes.contains(t[a - 1]), t[a..<b].contains(where: { l.closeQuotes.contains($0) }) {
            a -= 1
        }
        if b < t.count, b > a, l.closeQuotes.contains(t[b]), t[a..<b].contains(where: { l.openQuotes.contains($0) }),
           !t[a..<b].contains(where: { l.closeQuotes.contains($0) }) {
            b += 1
        }
        guard b > a else { return nil }
        let spaced = t[a..<b].contains(where: TextClasses.isSpace)
        let text = spaced ? TextClasses.string(t[a..<b].filter { !TextClasses.isSpace($0) }) : TextClasses.string(t[a..<b])
        guard !text.isEmpty else { return nil }
        return MetricSpan(text: text, start: a, end: b)
    }
}
