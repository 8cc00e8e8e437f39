/// Words that say how a written number relates to the true count: 近/约 (approx),
/// 余/多/超过/逾/以上/至少 (over), 不到/不足/以下 (under), 最高/最多/不超过 (max).
/// 余 and 多 inside the number are read by `NumberReader`; here are the words
/// before the number and after the measure word.
enum QualifierWords {
    /// How far a qualifier word may stand from its number.
    enum Gap {
        /// Only right before the number: 近2000场.
        case none
        /// With a linking verb between: 最高为50万元, 最高可达…, 超过了….
        case link
        /// With a short verb phrase between (up to five characters): 至少创作一个, 至少领到慰问金800元.
        case any
    }

    /// Classes, not structs, as `MeasureWords.Entry`: the lists are walked for most numbers read.
    final class Prefix: Sendable {
        let word: ScalarString
        let qualifier: Qualifier
        let gap: Gap
        /// ScalarString that, right before the word, make it part of another word (签约, 附近, 赶超).
        let notAfter: Set<Unicode.Scalar>
        /// Only before a bare 百/千/万/亿 (上百名, 上千人).
        let bareOnly: Bool

        init(word: ScalarString, qualifier: Qualifier, gap: Gap, notAfter: Set<Unicode.Scalar>, bareOnly: Bool) {
            self.word = word
            self.qualifier = qualifier
            self.gap = gap
            self.notAfter = notAfter
            self.bareOnly = bareOnly
        }
    }

    static let prefixes: [Prefix] = {
        func p(_ w: String, _ q: Qualifier, _ gap: Gap = .none, notAfter: String = "", bareOnly: Bool = false) -> Prefix {
            Prefix(word: w.scalarArray, qualifier: q, gap: gap, notAfter: Set(notAfter.unicodeScalars), bareOnly: bareOnly)
        }
        let list = [
            p("不超过", .max, .link), p("不超過", .max, .link), p("不多于", .max, .link), p("最多", .max, .any), p("最高", .max, .any),
            p("不少于", .over, .any), p("不低于", .over, .link), p("至少", .over, .any), p("超过", .over, .link), p("超過", .over, .link),
            p("多于", .over), p("高于", .over), p("逾", .over), p("超", .over, notAfter: "赶高挑"),
            p("上", .over, notAfter: "以之成在", bareOnly: true),
            p("将近", .approx), p("將近", .approx), p("接近", .approx), p("大约", .approx), p("大約", .approx), p("大概", .approx),
            p("约", .approx, .link, notAfter: "签相邀预节合公契制履集特赴违简婉盟和立续守解毁践条誓缔隐踐"),
            p("約", .approx, .link, notAfter: "簽相邀預節合公契制履集特赴違簡婉盟和立續守解毀條誓締隱"),
            p("近", .approx, notAfter: "最附就靠亲临邻贴逼走將将接親臨鄰貼"),
            p("不到", .under), p("不足", .under), p("未满", .under), p("不满", .under), p("未滿", .under), p("不滿", .under),
            p("少于", .under), p("低于", .under),
        ]
        return list.sorted { $0.word.count > $1.word.count }
    }()

    /// The prefixes indexed by their last scalar, longest first, so that each position costs one lookup.
    static let byLast = ScalarMap<[Prefix]>({
        var t: [Unicode.Scalar: [Prefix]] = [:]
        for p in prefixes { t[p.word[p.word.count - 1], default: []].append(p) }
        return t
    }())

    /// Words that may link a qualifier to its number (最高为, 最高可达, 超过了).
    static let linkWords: [ScalarString] = ["为", "為", "是", "达", "達", "达到", "達到", "可达", "可達", "可达到", "可", "可以", "能", "能达到", "有", "了", "在", "占", "佔"]
        .map { $0.scalarArray }

    /// The qualifier word before a number starting at `numberStart`: the start of the raw span and the qualifier.
    static func prefix(_ s: ScalarString, numberStart: Int, bare: Bool,
                       _ l: FigureRecognizer.Lists = FigureRecognizer.lists) -> (start: Int, qualifier: Qualifier)? {
        var end = numberStart
        if end > 0, ScalarClass.isSpace(s[end - 1]) { end -= 1 }
        // Right before the number.
        guard end > 0 else { return nil }
        // `if let`, not `?? []`: the empty array stood in (and was released) at most numbers.
        if let list = l.prefixesByLast[s[end - 1]] {
            for p in list where (!p.bareOnly || bare) && s.matches(p.word, endingAt: end) {
                let ws = end - p.word.count
                if ws > 0, p.notAfter.contains(s[ws - 1]) { continue }
                return (ws, p.qualifier)
            }
        }
        // With a few words between (最高为50万元, 至少创作一个).
        var gap = 1
        while gap <= 5, end - gap >= 0 {
            let c = s[end - gap]
            guard ScalarClass.isIdeograph(c), !ChineseNumeral.isNumeral(c), c != "每" else { break }
            let gapStart = end - gap
            guard gapStart > 0, let candidates = l.prefixesByLast[s[gapStart - 1]] else { gap += 1; continue }
            for p in candidates where p.gap != .none && s.matches(p.word, endingAt: gapStart) {
                if p.gap == .link {
                    let g = Array(s[gapStart..<end])
                    guard l.linkWords.contains(g) else { continue }
                }
                let ws = gapStart - p.word.count
                if ws > 0, p.notAfter.contains(s[ws - 1]) { continue }
                return (ws, p.qualifier)
            }
            gap += 1
        }
        return nil
    }

    final class Suffix: Sendable {
        let word: ScalarString
        let qualifier: Qualifier
        /// ScalarString that, right after the word, make it part of another word (上下班, 以下简称).
        let notBefore: Set<Unicode.Scalar>

        init(word: ScalarString, qualifier: Qualifier, notBefore: Set<Unicode.Scalar>) {
            self.word = word
            self.qualifier = qualifier
            self.notBefore = notBefore
        }
    }

    static let suffixes: [Suffix] = [
        Suffix(word: "左右".scalarArray, qualifier: .approx, notBefore: ["为", "手"]),
        Suffix(word: "上下".scalarArray, qualifier: .approx, notBefore: ["班", "车", "楼", "级", "游", "文", "联", "同", "齐", "一", "功"]),
        Suffix(word: "以上".scalarArray, qualifier: .over, notBefore: []),
        Suffix(word: "有余".scalarArray, qualifier: .over, notBefore: []),
        Suffix(word: "以下".scalarArray, qualifier: .under, notBefore: ["简", "称"]),
        Suffix(word: "以内".scalarArray, qualifier: .max, notBefore: []),
        Suffix(word: "之内".scalarArray, qualifier: .max, notBefore: []),
    ]

    /// The qualifier word right after a measure word ending at `k`: the new end and the qualifier.
    /// The first scalars of `suffixes`: most measure words are followed by none of them.
    static let suffixStarts: [Unicode.Scalar] = suffixes.map { $0.word[0] }

    static func suffix(_ s: ScalarString, at k: Int, _ l: FigureRecognizer.Lists = FigureRecognizer.lists) -> (end: Int, qualifier: Qualifier)? {
        guard k < s.count, l.suffixStarts.contains(s[k]) else { return nil }
        for x in l.suffixes where s.matches(x.word, at: k) {
            let e = k + x.word.count
            if e < s.count, x.notBefore.contains(s[e]) { continue }
            return (e, x.qualifier)
        }
        return nil
    }
}
