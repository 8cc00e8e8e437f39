/// Chinese numerals: 三千二百, 两, 十二, 一百零五, 两万, 二〇一九, and the
/// financial/traditional forms (壹 贰 貳 兩 萬 億 …). Also the loose ranges
/// of speech: 两三 (2–3), 三四十 (30–40), 三五 (3–5), 一两 (1–2).
enum ChineseNumeral {
    /// The value of a Chinese digit scalar (零〇 = 0), else nil.
    @inline(__always)
    static func digit(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "零", "〇": return 0
        case "一", "壹": return 1
        case "二", "贰", "貳", "两", "兩": return 2
        case "三", "叁": return 3
        case "四", "肆": return 4
        case "五", "伍": return 5
        case "六", "陆", "陸": return 6
        case "七", "柒": return 7
        case "八", "捌": return 8
        case "九", "玖": return 9
        default: return nil
        }
    }

    /// The value of a Chinese place scalar (十 百 千 万 亿 and their financial forms), else nil.
    @inline(__always)
    static func place(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "十", "拾": return 10
        case "百", "佰": return 100
        case "千", "仟": return 1000
        case "万", "萬": return 10_000
        case "亿", "億": return 100_000_000
        default: return nil
        }
    }

    @inline(__always)
    static func isNumeral(_ c: Unicode.Scalar) -> Bool { digit(c) != nil || place(c) != nil }

    /// Pairs of neighbouring digits that speech uses for "two or three": 两三, 三四, 三五, 一两.
    static func isRangePair(_ a: Int, _ b: Int) -> Bool {
        (b == a + 1 && a >= 1) || (a == 3 && b == 5)
    }

    /// Parses a whole numeral made only of numeral scalars. Returns the value, and
    /// a high end for the loose ranges (三四十 → 30…40); nil when malformed
    /// (十十, 五一, 十二五 are not numbers but names and slogans).
    static func parse(_ cs: ArraySlice<Unicode.Scalar>) -> (low: Int, high: Int?)? {
        guard !cs.isEmpty else { return nil }
        // Read in place, each scalar's digit asked again where needed: no array per numeral.
        let b = cs.startIndex, count = cs.count
        // Fast path: one digit scalar (一, 两, 三 …), by far the most common.
        if count == 1, let d = digit(cs[b]) { return (d, nil) }
        // Loose range: two neighbouring digits, then only place scalars (三四十 → 30–40).
        if count >= 2, let a = digit(cs[b]), let d = digit(cs[b + 1]),
           isRangePair(a, d) || (a == 1 && d == 2 && (cs[b + 1] == "两" || cs[b + 1] == "兩")) {
            var mult = 1
            for x in cs.dropFirst(2) {
                guard let p = place(x), mult <= 100_000_000 else { return nil }
                mult *= p
            }
            return (a * mult, d * mult)
        }
        // Positional digits (二〇一九): only with three or more digits or a zero.
        if cs.allSatisfy({ digit($0) != nil }) {
            if count == 1 { return (digit(cs[b])!, nil) }
            guard count >= 3 || cs.contains(where: { digit($0) == 0 }) else { return nil }
            guard count <= 12 else { return nil }   // a code, not a number
            return (cs.reduce(0) { $0 * 10 + digit($1)! }, nil)
        }
        var total = 0          // sum of finished 万/亿 groups
        var section = 0        // value below 万 being built
        var num = -1           // last digit not yet placed
        var lastSmall = 100_000 // last place below 万 in this section (descending order)
        var lastPlace = 0
        var sawZero = false
        var prevDigit = false
        for x in cs {
            if let d = digit(x) {
                if d == 0 { sawZero = true; prevDigit = false; continue }
                if prevDigit { return nil }
                num = d
                prevDigit = true
            } else if let p = place(x) {
                prevDigit = false
                if p >= 10_000 {
                    var part = section + max(num, 0)
                    if part == 0 {
                        if total == 0 { part = 1 } else { return nil }
                    }
                    // One 亿 group at most, and one 万 group below it (一亿二千万; not 一亿一亿, 一万二万).
                    if p == 100_000_000 {
                        guard total < 100_000_000 else { return nil }
                        total = (total + part) * p
                    } else {
                        guard total % 100_000_000 == 0 else { return nil }
                        total += part * p
                    }
                    section = 0; num = -1; lastSmall = 100_000; sawZero = false
                } else {
                    guard p < lastSmall else { return nil }
                    let n: Int
                    if num >= 0 { n = num } else if p == 10 || (section == 0 && total == 0) { n = 1 } else { return nil }
                    section += n * p
                    num = -1
                    lastSmall = p
                }
                lastPlace = p
            } else {
                return nil
            }
        }
        if num >= 0 {
            // 一千二 = 1200, 三万五 = 35000, 一百五 = 150: a trailing digit right after a
            // place of a hundred or more stands for the next place down.
            if !sawZero && lastPlace >= 100 && (count >= 2 && place(cs[b + count - 2]) != nil) {
                num *= lastPlace / 10
            }
            section += num
        }
        return (total + section, nil)
    }
}
