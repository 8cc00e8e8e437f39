import Foundation

/// A figure recognised in text: the span of its raw words and its quantity.
public struct RecognizedFigure: Sendable, Equatable {
    /// Scalar offsets of the raw span (qualifier word, number, measure word).
    public var start: Int
    public var end: Int
    public var quantity: Quantity
}

/// Decides whether a number in running text is a figure, and reads it: the one
/// place that both the mention scanner (extract) and the quantity parser
/// (normalize) use, so that they always agree.
enum FigureRecognizer {
    enum Outcome: Equatable {
        /// A figure, and where scanning goes on.
        case figure(RecognizedFigure, next: Int)
        /// A number that is not a figure; scanning goes on past it.
        case skip(next: Int)
    }

    /// The tables `recognize` reads, taken once per number and passed down: on Linux each read of a static `let`
    /// is a `swift_once` call, and a number read four (the start table, the measure words, the qualifiers before
    /// and after). (Read in place from the one static: no copy, so no retain.)
    struct Lists {
        let numberStarts = NumberReader.startTable, measureWords = MeasureWords.table
        let prefixesByLast = QualifierWords.byLast, linkWords = QualifierWords.linkWords
        let suffixStarts = QualifierWords.suffixStarts, suffixes = QualifierWords.suffixes
    }
    static let lists = Lists()

    /// Reads the number starting at `i` and judges it; nil when no number starts there.
    static func recognize(_ s: ScalarString, at i: Int) -> Outcome? { recognize(s, at: i, lists) }

    /// `recognize` with the tables `l` read by the caller: once for a whole text, not once per number.
    static func recognize(_ s: ScalarString, at i: Int, _ l: Lists) -> Outcome? {
        guard i < s.count, NumberReader.mayStart(s[i], l.numberStarts) else { return nil }
        // Most numbers met are a lone Chinese digit in a word (一线, 统一, 进一步): not read when the
        // scalar after it can neither go on with the number nor start its measure word.
        if ChineseNumeral.digit(s[i]) != nil, i + 1 == s.count || !mayGoOn(afterDigit: s[i + 1], l) { return .skip(next: i + 1) }
        return judge(s, at: i, l)
    }

    /// Whether `c`, right after a Chinese digit, may make it more than a lone numeral without a
    /// measure word: a numeral or digit, the reader's 余/多 and 点, a range separator, a space (a
    /// measure word may stand after one) or the first scalar of a measure word.
    @inline(__always)
    static func mayGoOn(afterDigit c: Unicode.Scalar, _ l: Lists) -> Bool {
        NumberReader.mayStart(c, l.numberStarts) || l.measureWords.contains(c) || NumberReader.isOverMark(c)
            || NumberReader.isDecimalPoint(c) || NumberReader.isRangeSeparator(c) || ScalarClass.isSpace(c)
    }

    /// `recognize` without the shortcut for a lone digit: the number read and judged.
    static func judge(_ s: ScalarString, at i: Int, _ l: Lists) -> Outcome? {
        guard i < s.count, NumberReader.mayStart(s[i], l.numberStarts), let t = NumberReader.read(s, at: i) else { return nil }
        let skipAll = Outcome.skip(next: max(t.end, i + 1))
        if t.value.isNegative || t.leadingZero || t.gluedToLetter { return skipAll }
        if NotAFigure.isCodeContext(s, numberStart: i) { return skipAll }
        if NotAFigure.isOrdinalOrVague(s, numberStart: i, chinese: t.chinese) { return skipAll }

        // The measure word.
        var unit: String
        var unitLast: Unicode.Scalar
        var u: Int
        let value = t.value
        var valueMax = t.valueMax
        if let pu = t.percentMark {
            unit = String(pu)
            unitLast = "%"
            u = t.end
        } else {
            var k = t.end
            if k < s.count, ScalarClass.isSpace(s[k]), k + 1 < s.count, !ScalarClass.isSpace(s[k + 1]) { k += 1 }
            guard let e = MeasureWords.match(s, at: k, l) else { return skipAll }
            let ue = k + e.word.count
            if e.kind == .duration { return .skip(next: ue) }
            if MeasureWords.isCompound(e, s, after: ue) { return skipAll }
            unit = e.unit
            unitLast = e.word[e.word.count - 1]
            u = ue
            // 260元至500元: a range with the unit written on both ends.
            if valueMax == nil, u + 1 < s.count, NumberReader.isRangeSeparator(s[u]),
               let t2 = NumberReader.read(s, at: u + 1), t2.valueMax == nil, t2.chinese == t.chinese, !t2.leadingZero,
               DecimalText.compare(t2.value, value) > 0, t2.percentMark == nil,
               let e2 = MeasureWords.match(s, at: t2.end, l), e2.word == e.word {
                valueMax = t2.value
                u = t2.end + e2.word.count
            }
        }
        if unitLast == "名", NotAFigure.isTopRank(s, numberStart: i) { return .skip(next: u) }

        // 500元/人
        var per = ""
        if u + 1 < s.count, s[u] == "/", let w = MeasureWords.perWord(s, at: u + 1) {
            per = w
            u += 1 + w.unicodeScalars.count
        }
        var suffixQualifier: Qualifier? = nil
        if let sq = QualifierWords.suffix(s, at: u, l) {
            suffixQualifier = sq.qualifier
            u = sq.end
        }

        let prefix = QualifierWords.prefix(s, numberStart: i, bare: t.bare, l)
        if per.isEmpty, let p = perContext(s, before: prefix?.start ?? i) { per = p }

        // Chinese numerals: names, patterns and indefinite articles.
        if t.chinese {
            if NotAFigure.isFollowedByNameOrPattern(s, at: u) { return skipAll }
            if t.bare && !t.over && prefix == nil { return skipAll }     // 百名劳模, 万家灯火
            if let lone = t.lone {
                if ChineseNumeral.digit(lone) == 0 { return skipAll }     // 零距离, 零元购
                if ChineseNumeral.digit(lone) == 2 && (lone == "二" || lone == "贰" || lone == "貳") { return skipAll } // 二次报销, 二次元
                if ChineseNumeral.digit(lone) == 1,
                   !NotAFigure.loneOneCounts(s, numberStart: i, unitEnd: u, unitLast: unitLast,
                                             hasQualifier: prefix != nil, hasPer: !per.isEmpty) {
                    return skipAll
                }
            }
            if NotAFigure.isSetPhrase(s, numberStart: i, numberEnd: u) { return skipAll }
        }
        let start = prefix?.start ?? i
        if NotAFigure.isInTitleOrSlogan(s, start: start, end: u) { return .skip(next: u) }

        let qualifier: Qualifier
        if valueMax != nil {
            qualifier = .range
        } else if let p = prefix {
            qualifier = p.qualifier
        } else if t.over {
            qualifier = .over
        } else {
            qualifier = suffixQualifier ?? .exact
        }
        let q = Quantity(value: value, valueMax: valueMax, unit: unit, qualifier: qualifier, per: per)
        return .figure(RecognizedFigure(start: start, end: u, quantity: q), next: u)
    }

    /// The per-unit word of an amount from 每 earlier in its clause: 每人500元 → 人,
    /// 每个街乡每月举办4场 → 月 (the nearest), 为每家…企业提供2万元 → 家; 人均/户均 too.
    /// The search stops at clause punctuation and at 、 (每户…、…等6条 lists are not per-unit).
    static func perContext(_ s: ScalarString, before start: Int) -> String? {
        var j = start - 1
        var steps = 0
        while j >= 0, steps < 24 {
            let c = s[j]
            if ScalarClass.isClauseEnd(c) || c == "、" { break }
            if c == "每" {
                var k = j + 1
                if k < start, s[k] == "一" { k += 1 }
                if k < start, let w = MeasureWords.perWord(s, at: k) { return w }
            }
            // 单次最多可减免50元: per time.
            if c == "单", j + 1 < start, s[j + 1] == "次" { return "次" }
            // 人均500元, 户均…: but not 3人均… where 人 is a count's measure word.
            if c == "均", j > 0, s[j - 1] == "人" || s[j - 1] == "户",
               j < 2 || !(ChineseNumeral.isNumeral(s[j - 2]) || ScalarClass.isArabicDigit(s[j - 2])) {
                return String(s[j - 1])
            }
            j -= 1
            steps += 1
        }
        return nil
    }
}
