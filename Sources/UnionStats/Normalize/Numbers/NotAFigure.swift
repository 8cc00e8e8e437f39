/// Rules for numbers that have a measure word but are not figures: ordinals
/// (第三名), codes (12351APP), set phrases and slogans (“两个覆盖”, 一户一档案,
/// 八项规定), addresses (横七条12号), the indefinite 一 (一面锦旗, 一家公司).
enum NotAFigure {
    /// Words before a number that make it an ordinal or a vague amount: 第三名, 几十名, 数百人.
    static func isOrdinalOrVague(_ s: ScalarString, numberStart i: Int, chinese: Bool) -> Bool {
        guard i > 0 else { return false }
        var p = i - 1
        if ScalarClass.isSpace(s[p]), p > 0 { p -= 1 }
        let c = s[p]
        if c == "第" { return true }
        if chinese, c == "几" || c == "幾" || c == "数" || c == "數" || c == "若" { return true }
        return false
    }

    /// 前三名, 前10名 after 获得/进入/排名…: a rank, not a count of people.
    static func isTopRank(_ s: ScalarString, numberStart i: Int) -> Bool {
        guard i > 0, s[i - 1] == "前" else { return false }
        guard i > 1 else { return true }
        let c = s[i - 2]
        return ScalarClass.isClauseEnd(c) || rankVerbs.contains(c)
    }

    static let rankVerbs: Set<Unicode.Scalar> = Set("得入列居名取夺揽进".unicodeScalars)

    /// Digits glued to Latin letters or to a code's punctuation: P1013A, 12351APP, No.3, 010-6352….
    static func isCodeContext(_ s: ScalarString, numberStart i: Int) -> Bool {
        guard i > 0 else { return false }
        let c = s[i - 1]
        if ScalarClass.isLatinLetter(c) { return true }
        if (c == "." || c == "-" || c == "/" || c == "#" || c == "_"), i >= 2 {
            let d = s[i - 2]
            if ScalarClass.isLatinLetter(d) || ScalarClass.isArabicDigit(d) { return true }
        }
        return false
    }

    static func isOpenQuote(_ c: Unicode.Scalar) -> Bool { c == "“" || c == "‘" || c == "「" || c == "『" }
    static func isCloseQuote(_ c: Unicode.Scalar) -> Bool { c == "”" || c == "’" || c == "」" || c == "』" }

    /// A number inside a book/document title (《…》) or inside a short quotation, which
    /// in these pages is a slogan or a name: “两个覆盖百日攻坚”, “一元捐、十元捐”.
    static func isInTitleOrSlogan(_ s: ScalarString, start: Int, end: Int, maxSlogan: Int = 18) -> Bool {
        var j = start - 1, n = 0
        while j >= 0, n < 40 {
            let c = s[j]
            // Common ideographs are no mark, bracket or quote: one test for them.
            if c.value &- 0x4E00 < 0x5200 { j -= 1; n += 1; continue }
            if c == "》" || ScalarClass.isSentenceEnd(c) { break }
            if c == "《" {
                var k = end, m = 0
                while k < s.count, m < 40 {
                    if s[k] == "》" { return true }
                    if s[k] == "《" || ScalarClass.isSentenceEnd(s[k]) { break }
                    k += 1; m += 1
                }
                break
            }
            j -= 1; n += 1
        }
        j = start - 1; n = 0
        while j >= 0, n < maxSlogan {
            let c = s[j]
            if c.value &- 0x4E00 < 0x5200 { j -= 1; n += 1; continue }
            if isCloseQuote(c) || ScalarClass.isSentenceEnd(c) { break }
            if isOpenQuote(c) {
                var k = end
                while k < s.count, k - j <= maxSlogan {
                    if isCloseQuote(s[k]) { return true }
                    if isOpenQuote(s[k]) || ScalarClass.isSentenceEnd(s[k]) { break }
                    k += 1
                }
                break
            }
            j -= 1; n += 1
        }
        return false
    }

    /// Set phrases and slogans of union and party news that hold a number and a measure word.
    static let setPhrases: [String] = [
        "三个代表", "四个意识", "四个自信", "两个维护", "两个确立", "四个全面", "两个一百年", "五位一体", "一个中心", "两个基本点",
        "两个覆盖", "两个务必", "两个大局", "两个毫不动摇", "两个结合", "一个作用", "三个功能", "八项规定", "三项制度", "四个机制",
        "一把手", "一次性", "一起", "一对一", "一条龙", "一张网", "一张蓝图", "一条心", "一家人", "一家亲", "一个样", "一本账",
        "三番五次", "成千上万", "成百上千", "千家万户", "万家灯火", "最多跑一次", "一次办", "独当一面", "一面旗帜", "一把钥匙",
        "一张表", "一张图", "一个窗口", "一站式", "一揽子", "一部分", "一件事", "一座城", "两张皮", "三件事", "一条街",
        "一个人", "一个个", "一次次", "一批批", "一张张", "一项项", "一位位", "一名名", "一份份", "一件件", "一条条",
        "一户户", "一家家", "一场场", "一副副", "一辆辆", "一座座", "一所所", "一间间", "一块块", "一对对", "一首首",
    ]

    /// A set phrase and the offset of one of its numerals; a class, so that walking a numeral's
    /// list (some 70 phrases hold 一) costs no retain of each phrase.
    final class PhraseAt: Sendable {
        let phrase: ScalarString
        let offset: Int
        /// The scalar next to the numeral in the phrase (after it, or before it when the numeral
        /// ends the phrase) and which side: tested before the whole phrase, which it seldom is.
        let step: Int
        let neighbour: Unicode.Scalar

        init(_ phrase: ScalarString, _ offset: Int) {
            self.phrase = phrase
            self.offset = offset
            step = offset + 1 < phrase.count ? 1 : -1
            neighbour = phrase[offset + step]
        }
    }

    static let phraseTable = ScalarMap<[PhraseAt]>({
        var t: [Unicode.Scalar: [PhraseAt]] = [:]
        for p in setPhrases {
            let s = p.scalarArray
            for (o, c) in s.enumerated() where ChineseNumeral.isNumeral(c) {
                t[c, default: []].append(PhraseAt(s, o))
            }
        }
        return t
    }())

    /// Whether the numeral at `i` belongs to a set phrase.
    static func isSetPhrase(_ s: ScalarString, numberStart i: Int, numberEnd e: Int) -> Bool {
        var k = i
        while k < e {
            if let list = phraseTable[s[k]] {
                for p in list {
                    let j = k + p.step
                    guard j >= 0, j < s.count, s[j] == p.neighbour else { continue }
                    if s.matches(p.phrase, at: k - p.offset) { return true }
                }
            }
            k += 1
        }
        return false
    }

    /// After a Chinese-numeral figure, what makes it a name or a pattern instead:
    /// another numeral (一户一档案, 四面八方), a digit (横七条12号), a place word (七条胡同).
    static func isFollowedByNameOrPattern(_ s: ScalarString, at k: Int) -> Bool {
        guard k < s.count else { return false }
        let c = s[k]
        if ScalarClass.isArabicDigit(c) { return true }
        if ChineseNumeral.digit(c) != nil {
            // 一户一档案 and 四面八方 go on with another numeral; 十名一线职工 does not.
            guard k + 1 < s.count else { return true }
            return !notPatternAfterOne.contains(s[k + 1])
        }
        switch c {
        case "路", "街", "巷", "桥", "号", "里", "村", "弄", "胡", "又": return true
        default: return false
        }
    }

    /// Words that 一 begins and that do not make a pattern: 十名一线职工, 三家一起.
    static let notPatternAfterOne: Set<Unicode.Scalar> = Set("线些起同致体直定流般切样道批系".unicodeScalars)

    static let notCountingBeforeOne: Set<Unicode.Scalar> = Set("每又再另中同唯统单第".unicodeScalars)

    /// Words right before a lone 一 that make it count: 仅一名, 共一项, 各一名.
    static let countingWords: [ScalarString] = ["仅", "只", "共", "共计", "合计", "累计", "总计", "各", "仅有", "只有", "僅", "衹"]
        .map { $0.scalarArray }

    /// Whether a lone 一 before a measure word counts (每年开展一次, 制作操作卡一份，) rather
    /// than being an indefinite article (一面锦旗, 一家科技公司, “一次，他巡检…”).
    /// `unitEnd` is just past the measure word; `hasQualifier`/`hasPer` say what was found around it.
    static func loneOneCounts(_ s: ScalarString, numberStart i: Int, unitEnd u: Int, unitLast: Unicode.Scalar,
                              hasQualifier: Bool, hasPer: Bool) -> Bool {
        // 每一位, 又一张, 再一次, 另一家, 其中一个, 同一个, 唯一一家: not counts.
        if i > 0, notCountingBeforeOne.contains(s[i - 1]) { return false }
        if u < s.count, s[u] == unitLast || s[u] == "又" { return false }   // 一个个, 一张又一张
        if hasQualifier || hasPer { return true }
        var p = i
        if p > 0, ScalarClass.isSpace(s[p - 1]) { p -= 1 }
        if countingWords.contains(where: { s.matches($0, endingAt: p) }) { return true }
        // At the end of its clause, after the thing counted: 操作卡一份， / 创新发明一项。
        var k = u
        while k < s.count, ScalarClass.isSpace(s[k]) { k += 1 }
        let atClauseEnd = k >= s.count || ScalarClass.isClauseEnd(s[k]) || s[k] == "、"
        guard atClauseEnd else { return false }
        // … but not at the start of one (“一次，赵武成巡检…” tells a story).
        var before = 0
        var j = i - 1
        while j >= 0, !ScalarClass.isClauseEnd(s[j]), before < 2 {
            if ScalarClass.isIdeograph(s[j]) { before += 1 }
            j -= 1
        }
        return before >= 2
    }
}
