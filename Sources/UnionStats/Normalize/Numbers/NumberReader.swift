import Foundation

/// A number read from text, before its measure word: `248万余`, `1.92亿`,
/// `３,３６３,２８７`, `三千二百`, `百余`, `2-4`, `百分之三十`.
struct NumberToken: Equatable {
    var start: Int
    /// Just past the last scalar of the number (markers and 万/亿 included).
    var end: Int
    var value: Decimal
    var valueMax: Decimal?
    /// Written in Chinese numerals rather than digits.
    var chinese: Bool
    /// A Chinese numeral that starts with 百/千/万/亿 and no digit (百余, 近百, 万家).
    var bare: Bool
    /// The numeral is a single Chinese digit scalar: 一, 二, 两 …
    var lone: Unicode.Scalar?
    /// 余/多 written inside the number (248万余, 十余, 100多).
    var over: Bool
    /// 百分之N (`%`) or 千分之N (`‰`): the unit is already known. A scalar, not a String, so that
    /// the token holds no reference and is copied as plain bytes (it is copied at every step of a read).
    var percentMark: Unicode.Scalar?
    /// The digits start with 0 and go on (09, 05021144): a code, never a count.
    var leadingZero: Bool
    /// Digits run straight into a Latin letter (12351APP, 5G).
    var gluedToLetter: Bool

    /// 百分之N (`%`) or 千分之N (`‰`): the unit is already known.
    var percentUnit: String? { percentMark.map { String($0) } }
}

enum NumberReader {
    static let percentWord = "百分之".scalarArray
    static let perMilleWord = "千分之".scalarArray

    /// Whether a number could start at `c`: the cheap test the scanner runs on every scalar.
    @inline(__always)
    static func mayStart(_ c: Unicode.Scalar) -> Bool { mayStart(c, startTable) }

    /// `mayStart` with `startTable` read by the caller (once for several tests: each static read is a `swift_once`).
    @inline(__always)
    static func mayStart(_ c: Unicode.Scalar, _ table: [Bool]) -> Bool {
        let v = Int(c.value)
        return v < table.count && table[v]
    }

    /// Every Basic Multilingual Plane scalar that may start a number, for a one-load test per scalar.
    static let startTable: [Bool] = {
        var t = [Bool](repeating: false, count: 0x10000)
        for v in 0..<0x10000 {
            guard let c = Unicode.Scalar(UInt32(v)) else { continue }
            t[v] = ScalarClass.isArabicDigit(c) || ChineseNumeral.isNumeral(c)
        }
        return t
    }()

    /// Reads the number starting at `i` (a single number or a range like 2-4 / 三至五),
    /// with its 余/多 markers and 万/亿 multipliers; nil if none starts there.
    static func read(_ s: ScalarString, at i: Int) -> NumberToken? {
        guard i < s.count else { return nil }
        // 百分之三十, 千分之五: only a number that starts with 百 or 千 is compared with the words
        // (and only then are the lazy words loaded).
        let head = s[i]
        if head == "百" || head == "千", s.matches(percentWord, at: i) || s.matches(perMilleWord, at: i) {
            let unit: Unicode.Scalar = head == "百" ? "%" : "‰"
            guard var t = single(s, at: i + 3) else { return nil }
            t.start = i
            t.percentMark = unit
            t.bare = false
            t.lone = nil
            return t.token
        }
        guard var first = single(s, at: i) else { return nil }
        // Ranges written with a dash or 至/到 between two numbers of the same kind: 2-4, 2～4, 3至5, 三到五, 3-5万.
        let k = first.end
        if k + 1 < s.count, isRangeSeparator(s[k]) {
            if let second = single(s, at: k + 1), second.chinese == first.chinese, !second.leadingZero {
                var low = first.value
                // 3-5万元: a multiplier written only on the high end applies to both.
                if second.multiplier != 0 && first.multiplier == 0 { low = low.timesPowerOfTen(second.multiplier) }
                if DecimalText.compare(low, second.value) < 0 {
                    first.value = low
                    first.valueMax = second.value
                    first.end = second.end
                    first.over = first.over || second.over
                    first.gluedToLetter = second.gluedToLetter
                    first.bare = false
                    first.lone = nil
                }
            }
        }
        return first.token
    }

    /// 点 in 三百五十六点七: a decimal point when Chinese digits follow.
    static func isDecimalPoint(_ c: Unicode.Scalar) -> Bool { c == "点" || c == "點" }

    /// 余/多 after a number (10余万, 248万余): more than it.
    static func isOverMark(_ c: Unicode.Scalar) -> Bool { c == "余" || c == "餘" || c == "多" }

    static func isRangeSeparator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "-", "～", "~", "—", "–", "－", "〜", "至", "到": return true
        default: return false
        }
    }

    /// A single number with its markers and multipliers, remembering the multiplier applied
    /// (as a power of ten: 万 is 4).
    struct Single {
        var token: NumberToken
        var multiplier: Int
        var start: Int { get { token.start } set { token.start = newValue } }
        var end: Int { get { token.end } set { token.end = newValue } }
        var value: Decimal { get { token.value } set { token.value = newValue } }
        var valueMax: Decimal? { get { token.valueMax } set { token.valueMax = newValue } }
        var chinese: Bool { token.chinese }
        var over: Bool { get { token.over } set { token.over = newValue } }
        var leadingZero: Bool { token.leadingZero }
        var gluedToLetter: Bool { get { token.gluedToLetter } set { token.gluedToLetter = newValue } }
        var bare: Bool { get { token.bare } set { token.bare = newValue } }
        var lone: Unicode.Scalar? { get { token.lone } set { token.lone = newValue } }
        var percentMark: Unicode.Scalar? { get { token.percentMark } set { token.percentMark = newValue } }
    }

    private static func single(_ s: ScalarString, at i: Int) -> Single? {
        guard i < s.count else { return nil }
        if ScalarClass.isArabicDigit(s[i]) { return arabic(s, at: i) }
        if ChineseNumeral.isNumeral(s[i]) { return chinese(s, at: i) }
        return nil
    }

    /// Digits, thousands separators in groups of three (3,363,287 / 3，363，287), one decimal point.
    private static func arabic(_ s: ScalarString, at i: Int) -> Single? {
        var mantissa: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var j = i
        var groupLen = 0
        var grouped = false
        var decimal = false
        while j < s.count {
            let c = s[j]
            if let d = ScalarClass.arabicDigit(c) {
                if digitCount < 19 {
                    mantissa = mantissa * 10 + UInt64(d)
                    if decimal { fractionDigits += 1 }
                }
                digitCount += 1
                groupLen += 1
                j += 1
            } else if (c == "," || c == "，") && !decimal && groupLen >= 1 && (grouped ? groupLen == 3 : groupLen <= 3),
                      threeDigitsThenStop(s, j + 1) {
                grouped = true
                groupLen = 0
                j += 1
            } else if (c == "." || c == "．") && !decimal && j + 1 < s.count && ScalarClass.isArabicDigit(s[j + 1]) {
                decimal = true
                groupLen = 0
                j += 1
            } else {
                break
            }
        }
        let v = fractionDigits == 0 ? Decimal(mantissa)
            : Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(mantissa))
        let first = ScalarClass.arabicDigit(s[i]) ?? 0
        let leadingZero = first == 0 && i + 1 < s.count && ScalarClass.isArabicDigit(s[i + 1])
        // Digits glued to letters, or more digits than any count has: a code.
        let glued = (j < s.count && ScalarClass.isLatinLetter(s[j])) || digitCount > 18
        var single = Single(token: NumberToken(start: i, end: j, value: v, valueMax: nil, chinese: false, bare: false, lone: nil,
                                               over: false, percentMark: nil, leadingZero: leadingZero, gluedToLetter: glued),
                            multiplier: 0)
        tail(s, &single, arabic: true)
        return single
    }

    private static func threeDigitsThenStop(_ s: ScalarString, _ j: Int) -> Bool {
        guard j + 2 < s.count else { return false }
        for k in j..<(j + 3) where !ScalarClass.isArabicDigit(s[k]) { return false }
        return j + 3 >= s.count || !ScalarClass.isArabicDigit(s[j + 3])
    }

    private static func chinese(_ s: ScalarString, at i: Int) -> Single? {
        var j = i
        while j < s.count, ChineseNumeral.isNumeral(s[j]) { j += 1 }
        // A range like 三至五 is two numerals; do not swallow more.
        guard let parsed = ChineseNumeral.parse(s[i..<j]) else {
            // Malformed (十二五, 五一): report the whole run so the scanner skips it.
            return Single(token: NumberToken(start: i, end: j, value: -1, valueMax: nil, chinese: true, bare: false, lone: nil,
                                             over: false, percentMark: nil, leadingZero: false, gluedToLetter: false),
                          multiplier: 0)
        }
        let bare = ChineseNumeral.place(s[i]).map { $0 >= 100 } ?? false
        var value = Decimal(parsed.low)
        var lone: Unicode.Scalar? = j == i + 1 && ChineseNumeral.digit(s[i]) != nil ? s[i] : nil
        // 三百五十六点七: a decimal point 点 followed by digits.
        if parsed.high == nil, j + 1 < s.count, isDecimalPoint(s[j]), ChineseNumeral.digit(s[j + 1]) != nil {
            var k = j + 1
            var fraction: Decimal = 0
            var scale: Decimal = 1
            while k < s.count, let d = ChineseNumeral.digit(s[k]) {
                scale /= 10
                fraction += Decimal(d) * scale
                k += 1
            }
            value += fraction
            j = k
            lone = nil
        }
        var single = Single(token: NumberToken(start: i, end: j, value: value, valueMax: parsed.high.map { Decimal($0) },
                                               chinese: true, bare: bare, lone: lone,
                                               over: false, percentMark: nil, leadingZero: false, gluedToLetter: false),
                            multiplier: 0)
        tail(s, &single, arabic: false)
        return single
    }

    /// 余/多 and 万/亿 (and 千 after digits) after the core number: 10余万, 248万余, 十余万, 5千.
    private static func tail(_ s: ScalarString, _ t: inout Single, arabic: Bool) {
        var k = t.end
        var sawMarker = false
        var sawMultiplier = false
        var multipliers = 0     // 万亿 at most
        while k < s.count {
            let c = s[k]
            if isOverMark(c) && !sawMarker {
                sawMarker = true
                k += 1
            } else if multipliers < 2, let m = multiplier(s, k, arabic: arabic, already: sawMultiplier) {
                t.value = t.value.timesPowerOfTen(m)
                t.valueMax = t.valueMax?.timesPowerOfTen(m)
                t.multiplier += m
                sawMultiplier = true
                multipliers += 1
                t.lone = nil
                k += 1
            } else {
                break
            }
        }
        // A trailing 多 not followed by anything numeric is still a marker (100多场).
        if sawMarker {
            t.over = true
            t.lone = nil
        }
        t.end = k
    }

    /// The multiplier at `k` as a power of ten.
    private static func multiplier(_ s: ScalarString, _ k: Int, arabic: Bool, already: Bool) -> Int? {
        switch s[k] {
        case "万", "萬": return 4
        case "亿", "億": return 8
        case "千", "仟":
            // 5千元, but not 5千米 / 5千克 / 5千瓦 (units of measure).
            guard arabic, !already else { return nil }
            if k + 1 < s.count, s[k + 1] == "米" || s[k + 1] == "克" || s[k + 1] == "瓦" { return nil }
            return 3
        default: return nil
        }
    }
}
