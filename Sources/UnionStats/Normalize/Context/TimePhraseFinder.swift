/// Finds time phrases in a paragraph, left to right, without overlaps.
enum TimePhraseFinder {
    typealias S = Unicode.Scalar
    typealias Cal = TimePhrase.Calendar

    static let keywords: [(word: [S], kind: TimePhrase.Kind)] = {
        var list: [(String, TimePhrase.Kind)] = []
        for w in ["近日", "日前", "近期", "连日来", "连日", "当天", "当日", "前不久", "不久前", "这几天", "近几日", "近来", "本周", "上周", "日内",
                  "本月", "这个月", "当月", "月内"] {
            list.append((w, .recent))
        }
        list += [("昨天", .relativeDay(-1)), ("昨日", .relativeDay(-1)), ("前天", .relativeDay(-2)),
                 ("今天", .relativeDay(0)), ("今日", .relativeDay(0)), ("上月", .relativeMonth(-1)), ("上个月", .relativeMonth(-1))]
        // Holidays on fixed dates: their month.
        for (w, m) in [("元旦期间", 1), ("元旦当天", 1), ("元旦前夕", 12), ("五一期间", 5), ("“五一”期间", 5), ("劳动节期间", 5),
                       ("五一劳动节期间", 5), ("“五一”劳动节期间", 5), ("国庆期间", 10), ("国庆节期间", 10), ("“十一”期间", 10),
                       ("国庆假期", 10), ("五一假期", 5)] {
            list.append((w, .date(TimePhrase.Calendar(month: m), nil)))
        }
        for w in ["目前", "现在", "当前", "如今", "截至目前", "截止目前", "截止到目前", "截至当前", "到目前为止", "目前为止",
                  "至今", "截至今日", "截至现在", "眼下"] {
            list.append((w, .now))
        }
        list += [("今年以来", .year(0, since: true)), ("去年以来", .year(-1, since: true)), ("今年", .year(0, since: false)),
                 ("去年", .year(-1, since: false)), ("前年", .year(-2, since: false)), ("明年", .year(1, since: false)),
                 ("本年度", .year(0, since: false)), ("全年", .partOfYear(year: nil)), ("年内", .partOfYear(year: nil)),
                 ("上半年", .partOfYear(year: nil)), ("下半年", .partOfYear(year: nil)), ("前三季度", .partOfYear(year: nil)),
                 ("一季度", .partOfYear(year: nil)), ("第一季度", .partOfYear(year: nil)), ("过去一年", .partOfYear(year: nil))]
        for w in ["近年来", "多年来", "近几年来", "近几年", "长期以来", "一直以来", "历年来", "这些年来", "这些年", "近年", "几年来",
                  "成立以来", "成立至今", "“十三五”期间", "十三五期间", "“十三五”以来", "“十四五”期间", "十四五期间",
                  "“十四五”以来", "疫情期间", "防疫期间", "疫情防控期间", "春运期间", "暑期", "暑假期间", "寒假期间"] {
            list.append((w, .duration))
        }
        for w in ["每年", "每月", "每天", "每日", "每周", "每季度", "每个季度", "每星期", "每个月", "每半年", "每两年", "每年度", "常年"] {
            list.append((w, .norm))
        }
        for w in ["两节期间", "“两节”期间", "\"两节\"期间", "春节期间", "元旦春节期间", "元旦、春节期间", "节日期间", "春节前后",
                  "春节前夕", "两节前夕", "元旦春节前夕"] {
            list.append((w, .festival(year: nil)))
        }
        return list.map { (Array($0.0.unicodeScalars), $0.1) }.sorted { $0.word.count > $1.word.count }
    }()
    /// Indexes of the keywords by first scalar, longest first (indexes: a failed
    /// lookup copies no word and no kind).
    static let keywordsByFirst = ScalarMap(grouping: Array(keywords.indices)) { keywords[$0].word[0] }
    /// The keywords as words: their first two scalars rule out most positions before the lookup
    /// (一线, 上海, 全市 start with a keyword's first scalar, and no keyword).
    static let keywordWords = WordList(keywords.map { TextClasses.string($0.word) })

    static let untilPrefixes = TextClasses.words(["截至", "截止", "截止到", "截至到"])
    static let sinceFounded: [S] = ["成", "立", "以", "来"]
    static let untilNowFounded: [S] = ["成", "立", "至", "今"]
    /// Before a time phrase: it is inside an object (为2019年考入大学的) or a comparison (与去年同比).
    static let embeddingWords = TextClasses.set("为对给向把将与比较同")
    static let rangeMarks = TextClasses.set("-—－~～至到")

    /// Scalars a time phrase can start with; other positions are skipped at the cost of one probe.
    static let startScalars: ScalarSet = {
        var s = Set(keywords.map { $0.word[0] })
        s.formUnion(untilPrefixes.all.map { $0[0] })
        s.formUnion("0123456789０１２３４５６７８９".unicodeScalars)
        s.formUnion(chineseValue.keys)
        s.formUnion("自从近这十几连".unicodeScalars)
        return ScalarSet(s)
    }()

    /// Scalars `number(at:)` can start with: digits, Chinese digits, 十. Dates and month spans open with a number.
    static let numberStarts = TextClasses.digits.union(ScalarSet(chineseValue.keys)).union(TextClasses.set("十"))
    /// Scalars `duration(at:)` can start with.
    static let durationStarts = TextClasses.digits.union(TextClasses.chineseDigits).union(TextClasses.set("连近这几"))

    /// Start scalars that may open more than a keyword without being numerals (截至, 自…以来, 近两年来, 连续5年, 几年来).
    static let otherStarts = TextClasses.set("自从近这连几").union(ScalarSet(untilPrefixes.all.map { $0[0] }))
    /// Numerals: `duration(at:)` reads a run of them, `number(at:)` a prefix of that run.
    static let numerals = TextClasses.digits.union(TextClasses.chineseDigits)
    /// What follows the numerals of a date (年, 月, 日), a span of months (1—11月) or a duration (三年来, 30多年, 10个月).
    static let afterNumerals = TextClasses.set("年月日多余个").union(rangeMarks)

    /// The scan's classes of each scalar below U+10000 (`startBit`, `otherBit`, `numeralBit`, `afterNumeralsBit`: in
    /// `startScalars`, `otherStarts`, `numerals`, `afterNumerals`), one byte each, by pointer: the scan reads one at
    /// every scalar and `opening` a few, where asking each set cost a bitmap test and a `swift_once` per set.
    /// Allocated once, never freed.
    static let scalarClasses = ScalarClasses.table(classSets)
    static let classSets: [(ScalarSet, UInt8)] = [(startScalars, startBit), (otherStarts, otherBit), (numerals, numeralBit),
                                                  (afterNumerals, afterNumeralsBit)]
    @inline(__always) static var startBit: UInt8 { 1 }
    @inline(__always) static var otherBit: UInt8 { 2 }
    @inline(__always) static var numeralBit: UInt8 { 4 }
    @inline(__always) static var afterNumeralsBit: UInt8 { 8 }

    /// The classes of `c`, asked of the sets (the answer past U+FFFF). Not `ScalarClasses.bySets(c, classSets)`:
    /// that call in the scan's loop, though never taken there, cost the loop 16 M on the 10 MB corpus.
    static func classBySets(_ c: S) -> UInt8 {
        (startScalars.contains(c) ? startBit : 0) | (otherStarts.contains(c) ? otherBit : 0)
            | (numerals.contains(c) ? numeralBit : 0) | (afterNumerals.contains(c) ? afterNumeralsBit : 0)
    }

    /// The classes of `c`, from `classes` (`scalarClasses`) below U+10000.
    @inline(__always)
    static func scalarClass(_ c: S, _ classes: UnsafePointer<UInt8>) -> UInt8 {
        c.value < 0x10000 ? classes[Int(c.value)] : classBySets(c)
    }

    /// False when `t[r]`, after numerals, is 个 not followed by 月, or 多/余 followed by neither 年 nor 个: then the
    /// numerals open no duration (N个月, N多年, N余个月), and no date or span, which need 年月日 or a range mark
    /// right after them (3个人, 100多名, 20余家: common, and nothing).
    @inline(__always)
    static func mayFollowNumerals(_ t: [S], _ r: Int) -> Bool {
        let c = t[r]
        guard c == "个" || c == "多" || c == "余" else { return true }
        guard r + 1 < t.count else { return false }
        return c == "个" ? t[r + 1] == "月" : t[r + 1] == "年" || t[r + 1] == "个"
    }

    /// What the scan learns at a start scalar before reading a phrase there.
    enum Opening: Equatable {
        /// `phrase(at:)` is surely nil.
        case none
        /// Keyword `k` opens here and nothing else can: the phrase is `keywordPhrase(k, at:in:)`.
        case keyword(Int)
        /// Read by `phrase(at:)` in full.
        case unknown
    }

    /// A start scalar other than those of `otherStarts` opens a phrase only as a keyword, or as
    /// numerals followed by what dates, month spans and durations have after their numerals. Most
    /// start scalars (上, 国, 全, 一 in 一线 …) open nothing, and this says so without `phrase(at:)`;
    /// a keyword found here is not looked up again.
    /// `classes` is `scalarClasses`, `words` is `keywordWords` (both read once per scan, not once per start scalar).
    @inline(__always)
    static func opening(_ t: [S], _ i: Int, _ classes: UnsafePointer<UInt8> = scalarClasses,
                        _ words: WordList = keywordWords, _ l: Lists = lists) -> Opening {
        let c = scalarClass(t[i], classes)
        if c & otherBit != 0 { return .unknown }
        if c & numeralBit != 0 {
            var r = i + 1
            while r < t.count, scalarClass(t[r], classes) & numeralBit != 0 || t[r] == "几" { r += 1 }
            if r < t.count, scalarClass(t[r], classes) & afterNumeralsBit != 0, mayFollowNumerals(t, r) { return .unknown }
        }
        // Not an other start: no 截至 prefix and no 自/从 comes before the keyword in `phrase(at:)`.
        guard words.mayStart(t, i), let k = keywordIndex(at: i, in: t, l) else { return .none }
        return .keyword(k)
    }

    static func find(in text: [S], _ l: Lists = lists) -> [TimePhrase] {
        return scan(text, l) { t, i, classes in opening(t, i, classes, l.keywordWords, l) }
    }

    /// `find` without the `opening` shortcut: `phrase(at:)` read at every start scalar (what tests hold `find` to).
    static func findReadingEveryStart(in text: [S]) -> [TimePhrase] { scan(text, lists) { _, _, _ in .unknown } }

    /// The lists and classes the finder reads, taken once per paragraph by `find` and passed down (each function
    /// takes them last, the static by default): on Linux each read of a static `let` is a `swift_once` call, and
    /// `phrase(at:)` made several per phrase, one per scalar read for 自…以来. (Read in place: no copy, no retain.)
    struct Lists {
        let keywords = TimePhraseFinder.keywords, keywordsByFirst = TimePhraseFinder.keywordsByFirst
        let keywordWords = TimePhraseFinder.keywordWords, untilPrefixes = TimePhraseFinder.untilPrefixes
        let sinceFounded = TimePhraseFinder.sinceFounded, untilNowFounded = TimePhraseFinder.untilNowFounded
        let embeddingWords = TimePhraseFinder.embeddingWords, rangeMarks = TimePhraseFinder.rangeMarks
        let numberStarts = TimePhraseFinder.numberStarts, durationStarts = TimePhraseFinder.durationStarts
        let objectVerbs = TimePhraseFinder.objectVerbs, scalarClasses = TimePhraseFinder.scalarClasses
        let clauseEnd = TextClasses.clauseEnd, digits = TextClasses.digits, chineseDigits = TextClasses.chineseDigits
        let openQuotes = TextClasses.openQuotes, punctuation = TextClasses.punctuation
        let titleStops = TextClasses.titleStops, bookOpen = TextClasses.bookOpen
    }
    static let lists = Lists()

    /// The phrases of `text`, each start scalar read as `open` tells (given `scalarClasses`). Inlined: each
    /// caller's `open` is inlined too.
    @inline(__always)
    private static func scan(_ text: [S], _ l: Lists, _ open: (_ t: [S], _ i: Int, _ classes: UnsafePointer<UInt8>) -> Opening) -> [TimePhrase] {
        var out: [TimePhrase] = []
        let classes = l.scalarClasses, n = text.count
        var i = 0
        while i < n {
            // Most scalars start nothing: passed over by pointer, one byte each.
            i = text.withUnsafeBufferPointer { p in
                var k = i
                while k < n, scalarClass(p[k], classes) & startBit == 0 { k += 1 }
                return k
            }
            guard i < n else { break }
            let found: TimePhrase?
            switch open(text, i, classes) {
            case .none: i += 1; continue
            case .keyword(let k): found = keywordPhrase(k, at: i, in: text, l)
            case .unknown: found = phrase(at: i, in: text, l)
            }
            if var p = found, !TextClasses.insideBookTitle(text, i, l.titleStops, l.bookOpen) {
                if i > 0, l.embeddingWords.contains(text[i - 1]) { p.embedded = true }
                // 持续到1月29日: an end date inside the sentence, not its time.
                if case .date = p.kind, i > 0, "到至".unicodeScalars.contains(text[i - 1]) { p.embedded = true }
                // 举办2021年“春风行动”招聘会: a year naming an event is part of the object.
                if attributiveYear(p, in: text, l) { p.embedded = true }
                // 工作室成立以来: the label takes the thing that was set up.
                let written = TextTest(text[p.start..<p.end])
                if written.hasSuffix(l.sinceFounded) || written.hasSuffix(l.untilNowFounded) {
                    var k = p.start
                    let floor = max(out.last?.end ?? 0, p.start - 10)
                    while k > floor, !l.punctuation.contains(text[k - 1]) { k -= 1 }
                    p.start = k
                    p.label = TextClasses.string(text[k..<p.end])
                }
                if out.isEmpty { out.reserveCapacity(4) }  // grow once, not at 1, 2, 4
                out.append(p)
                i = max(p.end, i + 1)
            } else {
                i += 1
            }
        }
        return out
    }

    /// Verbs whose object may open with a year (举办2021年…, 启动2020年度…), and 的 (举办的2021年…大赛).
    static let objectVerbs = TextClasses.words([
        "举办", "举行", "开展", "启动", "召开", "发布", "评选", "参加", "参与", "获得", "荣获", "推出", "组织", "实施",
        "开启", "印发", "制定", "表彰", "完成", "部署", "承办", "主办", "发放", "签订", "出台", "公布", "了", "的",
    ])

    /// A year alone that modifies a name: right after a verb, or right before a
    /// quoted or titled name (2021年“春风行动”).
    static func attributiveYear(_ p: TimePhrase, in t: [S], _ l: Lists = lists) -> Bool {
        guard case .date(let c, nil) = p.kind, c.month == nil, c.day == nil, c.year != nil else { return false }
        if p.end < t.count, l.openQuotes.contains(t[p.end]) || t[p.end] == "《" { return true }
        return l.objectVerbs.length(before: p.start, in: t) > 0
    }

    static func phrase(at i: Int, in t: [S], _ l: Lists = lists) -> TimePhrase? {
        // 截至11月底, 截至目前
        if case let pre = l.untilPrefixes.length(at: i, in: t), pre > 0 {
            let j = i + pre
            if let k = keyword(at: j, in: t, l), k.kind == .now || k.kind == .relativeDay(0) {
                return make(i, j + k.word.count, t, .now)
            }
            if let d = date(at: j, in: t, l) {
                return make(i, d.end, t, .until(d.cal))
            }
        }
        // 自2011年以来, 从7月份启动以来
        if t[i] == "自" || t[i] == "从" {
            var k = i + 1
            while k < t.count, k - i <= 25, !l.clauseEnd.contains(t[k]) {
                if TextClasses.has(t, k, ["以", "来"]) { return make(i, k + 2, t, .since(firstDate(in: t, i + 1, k, l))) }
                if TextClasses.has(t, k, ["至", "今"]) { return make(i, k + 2, t, .since(firstDate(in: t, i + 1, k, l))) }
                k += 1
            }
        }
        if l.keywordWords.mayStart(t, i), let k = keywordIndex(at: i, in: t, l) { return keywordPhrase(k, at: i, in: t, l) }
        return numeralPhrase(at: i, in: t, l)
    }

    /// The phrase that keyword `k` opens at `i` (with the date that may follow 今年, 去年 …).
    static func keywordPhrase(_ k: Int, at i: Int, in t: [S], _ l: Lists = lists) -> TimePhrase {
        let k = l.keywords[k]
        var end = i + k.word.count
        var kind = k.kind
        // 今年8月, 去年12月
        if case .year(let off, false) = kind, let d = date(at: end, in: t, l), d.cal.year == nil, d.cal.month != nil {
            var c = d.cal
            c.relativeYear = off
            end = d.end
            kind = .date(c, nil)
            // 今年7月至8月: a span within that year.
            if end < t.count, l.rangeMarks.contains(t[end]), let d2 = date(at: end + 1, in: t, l), d2.cal.year == nil {
                var c2 = d2.cal
                if c2.month == nil { c2.month = c.month }
                c2.relativeYear = off
                end = d2.end
                kind = .date(c, c2)
            }
        }
        return make(i, end, t, kind)
    }

    /// The phrase opened by numerals or 近/这/连 at `i` (a duration, a span of months, a date), if any.
    static func numeralPhrase(at i: Int, in t: [S], _ l: Lists = lists) -> TimePhrase? {
        if l.durationStarts.contains(t[i]), let n = duration(at: i, in: t, l) { return make(i, n, t, .duration) }
        guard l.numberStarts.contains(t[i]) else { return nil }
        // 1—11月, 1-10月: a span of months.
        if let (m1, e1) = number(at: i, in: t, maxDigits: 2), (1...12).contains(m1), e1 < t.count, l.rangeMarks.contains(t[e1]),
           let (m2, e2) = number(at: e1 + 1, in: t, maxDigits: 2), (1...12).contains(m2), m2 > m1, e2 < t.count, t[e2] == "月" {
            var end = e2 + 1
            if end < t.count, t[end] == "份" { end += 1 }
            return make(i, end, t, .date(Cal(month: m1), Cal(month: m2)))
        }
        if let d = date(at: i, in: t, l) {
            var end = d.end
            // 2018年至今, 2011年以来
            if TextClasses.has(t, end, ["至", "今"]) || TextClasses.has(t, end, ["以", "来"]) {
                return make(i, end + 2, t, .since(d.cal))
            }
            // 2019年“两节”期间
            if d.cal.month == nil, d.cal.day == nil, let k = keyword(at: end, in: t, l), case .festival = k.kind {
                return make(i, end + k.word.count, t, .festival(year: d.cal.year))
            }
            // 2月2日-2月3日, 1月21日至29日
            if end < t.count, l.rangeMarks.contains(t[end]), let d2 = date(at: end + 1, in: t, l) {
                var c2 = d2.cal
                if c2.month == nil, c2.day != nil { c2.month = d.cal.month }
                if c2.year == nil { c2.year = d.cal.year; c2.relativeYear = d.cal.relativeYear }
                end = d2.end
                return make(i, end, t, .date(d.cal, c2))
            }
            return make(i, end, t, .date(d.cal, nil))
        }
        return nil
    }

    static func make(_ s: Int, _ e: Int, _ t: [S], _ kind: TimePhrase.Kind) -> TimePhrase {
        TimePhrase(start: s, end: e, label: TextClasses.string(t[s..<e]), kind: kind)
    }

    /// The longest keyword at `i`. Inlined: most positions start none, and the bitmaps of first scalars and
    /// first pairs say so without a call.
    @inline(__always)
    static func keyword(at i: Int, in t: [S], _ l: Lists = lists) -> (word: [S], kind: TimePhrase.Kind)? {
        guard i >= 0, i < t.count, l.keywordWords.mayStart(t, i), let k = keywordIndex(at: i, in: t, l) else { return nil }
        return l.keywords[k]
    }

    static func keywordIndex(at i: Int, in t: [S], _ l: Lists = lists) -> Int? {
        guard let group = l.keywordsByFirst[t[i]] else { return nil }
        for k in group where TextClasses.has(t, i, l.keywords[k].word) { return k }
        return nil
    }

    static func firstDate(in t: [S], _ from: Int, _ to: Int, _ l: Lists = lists) -> Cal? {
        var k = from
        while k < to {
            if let d = date(at: k, in: t, l), d.end <= to { return d.cal }
            if let kw = keyword(at: k, in: t, l), case .year(let off, _) = kw.kind { return Cal(relativeYear: off) }
            k += 1
        }
        return nil
    }

    /// 三年来, 1年多来, 近两年来, 10个月来, 连续5年
    static func duration(at i: Int, in t: [S], _ l: Lists = lists) -> Int? {
        // 连续5年开展…: a span of years up to now.
        if TextClasses.has(t, i, ["连", "续"]) {
            var k = i + 2
            let numStart = k
            while k < t.count, l.digits.contains(t[k]) || l.chineseDigits.contains(t[k]) { k += 1 }
            if k > numStart, k < t.count, t[k] == "年" { return k + 1 }
            return nil
        }
        var k = i
        if k < t.count, t[k] == "近" || t[k] == "这" { k += 1 }
        let numStart = k
        while k < t.count, l.digits.contains(t[k]) || l.chineseDigits.contains(t[k]) || t[k] == "几" { k += 1 }
        guard k > numStart else { return nil }
        if k < t.count, t[k] == "多" || t[k] == "余" { k += 1 }  // 30多年来
        // N年来, N个月来 (N月以来 is a date: since January).
        let month = k < t.count && t[k] == "个"
        if month { k += 1 }
        guard k < t.count, t[k] == "年" || (month && t[k] == "月") else { return nil }
        k += 1
        if k < t.count, t[k] == "多" || t[k] == "余" { k += 1 }
        if TextClasses.has(t, k, ["以", "来"]) { return k + 2 }
        if k < t.count, t[k] == "来" { return k + 1 }
        return nil
    }

    // MARK: - dates

    /// A calendar date at `i`: [year年][month月[份]][day日]; at least one part.
    static func date(at i: Int, in t: [S], _ l: Lists = lists) -> (cal: Cal, end: Int)? {
        var cal = Cal()
        var k = i
        if let (y, e) = number(at: k, in: t, maxDigits: 4), e - k == 4, e < t.count, t[e] == "年", (1900...2100).contains(y) {
            cal.year = y
            k = e + 1
            if k < t.count, t[k] == "度" { k += 1 }
        }
        // The month's two digits are the day's when no month follows them: read once.
        var two = number(at: k, in: t, maxDigits: 2)
        if let (m, e) = two, (1...12).contains(m), e < t.count, t[e] == "月" {
            cal.month = m
            k = e + 1
            if k < t.count, t[k] == "份" { k += 1 }
            if k + 1 < t.count, "上中下".unicodeScalars.contains(t[k]), t[k + 1] == "旬" { k += 2 }
            else if k < t.count, "底末初中".unicodeScalars.contains(t[k]), !(k + 1 < t.count && t[k + 1] == "心") { k += 1 }
            two = number(at: k, in: t, maxDigits: 2)
        }
        if let (d, e) = two, (1...31).contains(d), e < t.count, t[e] == "日" {
            // 17日 alone must be digits; 日前 after a number is not a day (3日前 is rare, 日前 is "recently").
            if !(cal.month == nil && cal.year == nil && !l.digits.contains(t[k])) {
                cal.day = d
                k = e + 1
            }
        }
        if cal.year != nil, cal.month == nil, k < t.count, "底末".unicodeScalars.contains(t[k]) {
            cal.month = 12
            k += 1
        }
        guard k > i else { return nil }
        // A year alone before 龄/级/届 is not a date; a day before 元/号 neither.
        if k < t.count, cal.month == nil, cal.day == nil, "龄级届".unicodeScalars.contains(t[k]) { return nil }
        return (cal, k)
    }

    /// `chineseValue[s]` without hashing.
    @inline(__always)
    static func chineseDigit(_ s: S) -> Int? {
        switch s {
        case "〇", "零": return 0
        case "一": return 1
        case "二", "两": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    static let chineseValue: [S: Int] = ["〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                                         "七": 7, "八": 8, "九": 9]

    /// Digits (ASCII or full-width), or Chinese numerals up to 三十一, or four Chinese digits (二〇一九).
    static func number(at i: Int, in t: [S], maxDigits: Int) -> (Int, Int)? {
        guard i < t.count else { return nil }
        var k = i
        var v = 0
        while k < t.count, k - i < maxDigits, let d = digitValue(t[k]) {
            v = v * 10 + d
            k += 1
        }
        if k > i {
            if k < t.count, digitValue(t[k]) != nil { return nil }
            return (v, k)
        }
        // 二〇一九
        if maxDigits == 4 {
            var y = 0
            while k < t.count, k - i < 4, let d = chineseDigit(t[k]), t[k] != "两" { y = y * 10 + d; k += 1 }
            if k - i == 4 { return (y, k) }
            k = i
        }
        // 十二, 二十一, 三十
        var tens = 0, units = 0
        if let d = chineseDigit(t[k]), d > 0, k + 1 < t.count, t[k + 1] == "十" { tens = d; k += 2 }
        else if t[k] == "十" { tens = 1; k += 1 }
        if let d = chineseDigit(t[k < t.count ? k : i]), k < t.count, d > 0 { units = d; k += 1 }
        guard k > i, tens + units > 0 else { return nil }
        return (tens * 10 + units, k)
    }

    static func digitValue(_ s: S) -> Int? {
        let v = s.value
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
        if v >= 0xFF10 && v <= 0xFF19 { return Int(v - 0xFF10) }
        return nil
    }
}
