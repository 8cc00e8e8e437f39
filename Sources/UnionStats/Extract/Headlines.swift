/// What headline lines look like, which line of a headline block is the main
/// headline, and how much a headline has in common with an article body.
enum Headlines {
    typealias Line = [Unicode.Scalar]

    /// Column and section labels of union and local newspapers: not headlines of one article.
    /// Kept as scalar arrays: hashing them needs no String and no Unicode normalization.
    static let labels: Set<Line> = Set([
        "工会动态", "职工之声", "他山之石", "工会纪事", "新闻特写", "图片新闻", "要闻", "综合新闻", "基层动态", "时评", "短评",
        "评论", "图说", "一线传真", "聚焦", "特别报道", "关注", "专题", "视点", "观察", "快讯", "简讯", "资讯", "一线直击",
        "工会视点", "职工风采", "劳模风采", "工匠风采", "维权在线", "法律顾问", "新闻速递", "各地动态", "工运视点", "图片报道",
        "本报评论", "今日关注", "经验交流", "工作交流", "基层传真", "工会工作", "新闻", "人物", "社会", "理论", "读者来信",
    ].map { Array($0.unicodeScalars) })

    static func compact(_ s: Line) -> Line { Scalars.withoutSpaces(s) }

    /// A short line with no sentence end: a headline, kicker, sub-headline, section head or caption title.
    static func isCandidate(_ p: Paragraph, scalars s: Line) -> Bool {
        isCandidate(lineCount: p.lineStarts.count, scalars: s)
    }

    /// `isCandidate` of a paragraph of `lineCount` source lines (its line map's length).
    static func isCandidate(lineCount: Int, scalars s: Line) -> Bool {
        // The tests that need no compact copy first: a paragraph of more than two source lines, or
        // of fewer than two scalars (spaces or not), is no candidate.
        guard lineCount <= 2, s.count >= 2 else { return false }
        let c = compact(s)
        guard c.count >= 2, c.count <= 50 else { return false }
        if c.contains(where: { $0 == "。" || $0 == "！" || $0 == "？" || $0 == "!" || $0 == "?" }) { return false }
        if Scalars.endsSentence(c) { return false }
        return c.contains(where: Scalars.isIdeograph)
    }

    /// A column label (`工会动态`, `G 新闻特写`).
    static func isLabel(_ s: Line) -> Bool {
        // Most lines are longer than any label: counted without the copy the test makes.
        guard labelLength(s) <= 6 else { return false }
        return isLabelCopying(s)
    }

    /// How many scalars `isLabelCopying` tests against the labels: those left once spaces are
    /// removed and the leading ASCII letters and digits stripped.
    static func labelLength(_ s: Line) -> Int {
        var i = 0
        while i < s.count && (Scalars.isSpace(s[i]) || Scalars.isASCIILetter(s[i]) || Scalars.isASCIIDigit(s[i])) { i += 1 }
        var n = 0
        while i < s.count { if !Scalars.isSpace(s[i]) { n += 1 }; i += 1 }
        return n
    }

    /// `isLabel` on a compact copy of the line, without the length test first.
    static func isLabelCopying(_ s: Line) -> Bool {
        var c = compact(s)
        while let f = c.first, Scalars.isASCIILetter(f) || Scalars.isASCIIDigit(f) { c.removeFirst() }
        if c.count <= 6 && labels.contains(c) { return true }
        return false
    }

    /// A kicker naming only the organization (`安康市总工会`, `中铁十二局一公司工会`).
    static func isOrganizationKicker(_ s: Line) -> Bool {
        // Counted first: a longer line needs no compact copy.
        guard compactCount(s) <= 12 else { return false }
        let c = compact(s)
        return c.count <= 12 && Bylines.hasSuffix(c, union)
    }

    /// 工会, made once (not an array per test).
    static let union: Line = Array("工会".unicodeScalars)

    /// Lines that are not the main headline when another line is: kickers with clause punctuation
    /// (`守住职业安全底线,保障职工合法权益`), sub-titles starting with a dash, labels, organization kickers.
    static func isSecondary(_ s: Line) -> Bool {
        // Read on the line itself, not on a compact copy: its first and last scalars that are
        // not spaces are the copy's first and last, and no space is one of the marks looked for.
        if let f = s.firstIndex(where: { !Scalars.isSpace($0) }), let l = s.lastIndex(where: { !Scalars.isSpace($0) }) {
            if s[f] == "—" || s[f] == "-" || s[f] == "－" { return true }
            if s[f..<l].contains(where: { $0 == "，" || $0 == "," || $0 == "、" || $0 == "；" || $0 == ";" }) { return true }
        }
        return isLabel(s) || isOrganizationKicker(s)
    }

    /// `isSecondary` on a compact copy of the line.
    static func isSecondaryCopying(_ s: Line) -> Bool {
        let c = compact(s)
        if c.first == "—" || c.first == "-" || c.first == "－" { return true }
        if c.dropLast().contains(where: { $0 == "，" || $0 == "," || $0 == "、" || $0 == "；" || $0 == ";" }) { return true }
        return isLabel(s) || isOrganizationKicker(s)
    }

    /// `compact(s).count`, without the copy.
    static func compactCount(_ s: Line) -> Int {
        var n = 0
        for x in s where !Scalars.isSpace(x) { n += 1 }
        return n
    }

    /// Picks the main headline among an article's headline lines (in page order): the first
    /// line that is not secondary, or the middle one of kicker, headline and sub-title; a two-phrase kicker (`开展爱国卫生运动 构建和谐劳动关系`)
    /// right before a plain line gives way to it.
    static func mainIndex(_ lines: [Line]) -> Int {
        // Most articles have one headline line: it is the headline unless it is a column label
        // (a label is secondary, and a line that is not secondary is the headline).
        if lines.count == 1 { return isLabel(lines[0]) ? -1 : 0 }
        return mainIndexOfSeveral(lines)
    }

    /// `mainIndex` without the shortcut for one line.
    static func mainIndexOfSeveral(_ lines: [Line]) -> Int {
        guard !lines.isEmpty else { return -1 }
        let primary = lines.indices.filter { !isSecondary(lines[$0]) }
        // Only column labels (工会动态 over a photo): no headline, the labels stay sub-headlines.
        guard let first = primary.first else { return lines.allSatisfy(isLabel) ? -1 : 0 }
        // Kicker, main headline, sub-title (`上线运行…功能模块` / `广西工会助力困难职工“码上”圆梦` /
        // `通过专属二维码…;引导…`): the middle line is the headline.
        if first + 2 < lines.count, primary.contains(first + 1),
           isSecondary(lines[first + 2]) || compactCount(lines[first + 2]) > 24 {
            return first + 1
        }
        let hasSpace = lines[first].contains(where: Scalars.isSpace)
        if hasSpace, first + 1 < lines.count, primary.contains(first + 1) {
            let next = lines[first + 1]
            if !next.contains(where: Scalars.isSpace) && compactCount(next) <= 24 { return first + 1 }
        }
        return first
    }

    // MARK: likeness of a headline and a body

    /// Tokens for bigrams: each Chinese character, each run of digits, each run of Latin letters.
    /// Punctuation and spaces separate runs; bigrams do not cross them.
    /// Reads at most `limit` scalars; returns how many were read.
    @discardableResult
    static func bigrams(_ s: UnsafeBufferPointer<Unicode.Scalar>, limit: Int = Int.max, into set: inout BigramSet) -> Int {
        let n = min(limit, s.count)
        // Every scalar read makes at most one token, so at most `n` bigrams.
        set.inserting(atMost: n) { (ins: inout BigramSet.Inserter) in
            forEachBigram(s, n) { ins.insert($0) }
        }
        return n
    }

    /// `bigrams`, keeping only those in `keep` (a body's bigrams that no headline has make no likeness).
    @discardableResult
    static func bigrams(_ s: UnsafeBufferPointer<Unicode.Scalar>, limit: Int, into set: inout BigramSet, keeping keep: BigramSet.Member) -> Int {
        let n = min(limit, s.count)
        keep.withLookup { lookup in
            set.inserting(atMost: min(n, keep.count)) { (ins: inout BigramSet.Inserter) in
                forEachBigram(s, n) { if lookup.contains($0) { ins.insert($0) } }
            }
        }
        return n
    }

    /// Calls `pair` with the key of each bigram of the first `n` scalars of `s`, in order.
    @inline(__always)
    static func forEachBigram(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ n: Int, _ pair: (UInt64) -> Void) {
        var previous: UInt64 = 0
        var run: UInt64 = 0
        var runKind = 0  // 0 none, 1 digits, 2 letters
        @inline(__always) func emit(_ t: UInt64) {
            if previous != 0 { pair(previous &* 0x9E37_79B9_7F4A_7C15 ^ t) }
            previous = t
        }
        @inline(__always) func flushRun() {
            if runKind != 0 { emit(run | (UInt64(runKind) << 56)) }
            runKind = 0
            run = 0
        }
        var k = 0
        while k < n {
            // Most scalars are common ideographs outside a run: a tight loop of one range test and
            // the bigram with the token before.
            if runKind == 0 {
                if s[k].value &- 0x4E00 < 0x5200 {
                    emit(UInt64(s[k].value))
                    k += 1
                    // `previous` now holds an ideograph (never 0): every next one makes a bigram, untested.
                    while k < n {
                        let t = s[k].value
                        guard t &- 0x4E00 < 0x5200 else { break }
                        pair(previous &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(t))
                        previous = UInt64(t)
                        k += 1
                    }
                }
                guard k < n else { break }
            }
            let x = s[k]
            k += 1
            if x.value >= 0x4E00 && x.value <= 0x9FFF {
                flushRun()
                emit(UInt64(x.value))
                continue
            }
            var v = x
            if Scalars.isFullwidthDigit(v) { v = Unicode.Scalar(v.value - 0xFF10 + 0x30)! }
            if Scalars.isASCIIDigit(v) || (v == "." && runKind == 1) {
                if runKind != 1 { flushRun(); runKind = 1 }
                run = run &* 31 &+ UInt64(v.value)
                continue
            }
            if Scalars.isASCIILetter(v) {
                if runKind != 2 { flushRun(); runKind = 2 }
                run = run &* 31 &+ UInt64(v.value | 0x20)
                continue
            }
            flushRun()
            if Scalars.isIdeograph(v) {
                emit(UInt64(v.value))
            } else {
                previous = 0
            }
        }
        flushRun()
    }

    static func bigrams(_ s: Line) -> BigramSet {
        // Made big enough for the line's bigrams (at most one per scalar): the default 16 slots
        // were outgrown, made again and rehashed, by every line of more than 8 scalars.
        var set = BigramSet(capacity: s.count)
        _ = s.withUnsafeBufferPointer { bigrams($0, into: &set) }
        return set
    }

    /// Share of the headline's bigrams found in the body.
    static func likeness(_ headline: BigramSet, _ body: BigramSet) -> Double {
        guard !headline.isEmpty else { return 0 }
        var common = 0
        headline.forEach { if body.contains($0) { common += 1 } }
        return Double(common) / Double(headline.count)
    }
}
