/// Bylines and credits of Chinese news articles: `本报讯 （记者 马超）`,
/// `本报北京1月5日电`, `据中工网讯`, `新华社北京电`, and credit lines such as
/// `本报记者 赵黎浩 黄渝`, `通讯员 时虹 摄`, `□本报记者 张江艳`, `（王明芳）`.
enum Bylines {
    typealias Line = [Unicode.Scalar]
    static let benbaoxun: Line = Array("本报讯".unicodeScalars)
    static let benbao: Line = Array("本报".unicodeScalars)
    static let xinhuashe: Line = Array("新华社".unicodeScalars)
    static let creditStarts: [Line] = ["本报记者", "本报通讯员", "记者", "通讯员", "特约记者", "实习生", "文/", "图/", "文图", "图文", "撰文", "摄影", "文 /", "图 /"]
        .map { Array($0.unicodeScalars) }
    static let creditEnds: [Line] = ["摄", "摄影", "摄影报道", "报道", "供图", "图片", "绘"].map { Array($0.unicodeScalars) }

    /// Whether a line whose first scalar is `head` may open with a byline: every byline starts
    /// with 本, 新 or 据, perhaps after spaces and a box; `bylineLength` rules out most lines by this alone.
    @inline(__always)
    static func mayOpen(_ head: Unicode.Scalar) -> Bool {
        head == "本" || head == "新" || head == "据" || head == "□" || head == "■" || Scalars.isSpace(head)
    }

    /// Length (in scalars) of the byline that opens `s`, including a bracketed
    /// reporter group right after it and the spaces around; nil when `s` does not open with one.
    /// The first scalar is tested where the caller is (most lines fail it); the rest of the test is a call.
    @inline(__always)
    static func bylineLength<L: RandomAccessCollection>(_ s: L) -> Int? where L.Element == Unicode.Scalar, L.Index == Int {
        guard let head = s.first, mayOpen(head) else { return nil }
        return bylineLength(opening: s)
    }

    /// `bylineLength` of a line whose first scalar may open a byline.
    static func bylineLength<L: RandomAccessCollection>(opening s: L) -> Int? where L.Element == Unicode.Scalar, L.Index == Int {
        var i = 0
        while i < s.count, Scalars.isSpace(s[i]) || s[i] == "□" || s[i] == "■" { i += 1 }
        // Every byline below opens with 本, 新 or 据: other lines need no prefix tests.
        guard i < s.count, s[i] == "本" || s[i] == "新" || s[i] == "据" else { return nil }
        var end: Int? = nil
        if PageFurniture.hasPrefix(s, benbaoxun, at: i) {
            end = i + benbaoxun.count
        } else if PageFurniture.hasPrefix(s, benbao, at: i) {
            end = agencyEnd(s, from: i + benbao.count, marks: ["电", "讯"])
        } else if PageFurniture.hasPrefix(s, xinhuashe, at: i) {
            end = agencyEnd(s, from: i + xinhuashe.count, marks: ["电", "讯"])
        } else if i < s.count, s[i] == "据" {
            end = agencyEnd(s, from: i + 1, marks: ["讯"], minimum: 2, anyFollower: true)
        }
        guard var j = end else { return nil }
        while j < s.count, Scalars.isSpace(s[j]) { j += 1 }
        if j < s.count, s[j] == "(" || s[j] == "（" {
            var k = j + 1
            while k < s.count, k - j <= 40, s[k] != ")" && s[k] != "）" { k += 1 }
            if k < s.count, s[k] == ")" || s[k] == "）" { j = k + 1 }
        }
        while j < s.count, Scalars.isSpace(s[j]) { j += 1 }
        return j
    }

    /// End of `本报北京1月5日电`-style agency marks: up to 16 place/date scalars, then the mark,
    /// then a space, a bracket, a quote or the end (so `据了解` or `本报记者` do not count).
    static func agencyEnd<L: RandomAccessCollection>(_ s: L, from start: Int, marks: [Unicode.Scalar], minimum: Int = 0,
                                                     anyFollower: Bool = false) -> Int? where L.Element == Unicode.Scalar, L.Index == Int {
        var k = start
        while k < s.count, k - start <= 16 {
            let c = s[k]
            if marks.contains(c) && k - start >= minimum {
                let next = k + 1 < s.count ? s[k + 1] : " "
                if anyFollower || Scalars.isSpace(next) || next == "记" || next == "(" || next == "（" || next == "“" || next == "\"" || k + 1 == s.count {
                    return k + 1
                }
                return nil
            }
            if !(Scalars.isIdeograph(c) || Scalars.isASCIIDigit(c) || Scalars.isFullwidthDigit(c) || Scalars.isSpace(c)) { return nil }
            k += 1
        }
        return nil
    }

    /// Whether `s` opens with a byline or is a reporter/photo credit: such a line starts a paragraph.
    static func startsParagraph(_ s: Line) -> Bool {
        bylineLength(s) != nil || isCredit(s)
    }

    /// A whole line that only credits people: `本报记者 马超`, `通讯员 赵研容 摄影报道`,
    /// `万玉藻 摄`, `项春雷 摄/视觉中国`, `□本报记者 张江艳`, `（王明芳）`.
    /// `spacedOrSlashed`, when the caller knows it, says whether `s` holds a space or a `/`.
    static func isCredit(_ s: Line, spacedOrSlashed: Bool? = nil) -> Bool {
        s.withUnsafeBufferPointer { isCredit($0, spacedOrSlashed: spacedOrSlashed) }
    }

    /// `isCredit` of a line read where it is (pass 1 of the repair): only a line with spaces is
    /// copied (to the stack), to take them out; the others are their own compact form.
    static func isCredit(_ s: UnsafeBufferPointer<Unicode.Scalar>, spacedOrSlashed: Bool? = nil) -> Bool {
        guard mayBeCredit(s, spacedOrSlashed: spacedOrSlashed) else { return false }
        guard s.contains(where: Scalars.isSpace) else { return isCredit(compact: s, spaced: false) }
        // On the stack: `mayBeCredit` has let through no line of more than 60 scalars.
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: s.count) { out in
            var n = 0
            for c in s where !Scalars.isSpace(c) { out[n] = c; n += 1 }
            return isCredit(compact: UnsafeBufferPointer(rebasing: out[..<n]), spaced: true)
        }
    }

    static let reporter: Line = Array("记者".unicodeScalars)

    /// The rest of `isCredit`, on the line without spaces (`spaced`: the line had some).
    static func isCredit<L: RandomAccessCollection>(compact: L, spaced: Bool) -> Bool where L.Element == Unicode.Scalar, L.Index == Int {
        guard !compact.isEmpty, compact.count <= 30 else { return false }
        if compact.contains(where: { Scalars.isSentenceFinal($0) || $0 == "，" || $0 == "," || $0 == "；" || $0 == "、" && compact.count > 20 }) {
            return false
        }
        if compact.first == "□" || compact.first == "■" { return compact.count <= 20 }
        if (compact.first == "(" || compact.first == "（") && (compact.last == ")" || compact.last == "）") && compact.count <= 12 {
            return true
        }
        for p in creditStarts where PageFurniture.hasPrefix(compact, p) {
            // `记者昨天从…` is a sentence: a credit names people (short, spaced) and says nothing else.
            if p.count <= 2 && PageFurniture.hasPrefix(compact, reporter) && compact.count > 12 { return false }
            return spaced || compact.count <= 8 || creditEnds.contains { hasSuffix(compact, $0) }
        }
        for e in creditEnds where hasSuffix(compact, e) {
            return compact.count <= 20 && spaced
        }
        if let slash = compact.firstIndex(of: "/"), slash > 0, compact[slash - 1] == "摄" { return true }
        return false
    }

    /// The cheap test `isCredit` starts with, on any buffer: a credit is spaced, bracketed, boxed,
    /// or ends with a photo/report word; a line that fails it is no credit.
    static func mayBeCredit<L: RandomAccessCollection>(_ s: L, spacedOrSlashed: Bool? = nil) -> Bool
        where L.Element == Unicode.Scalar, L.Index == Int {
        guard s.count <= 60, let head = s.first, let last = s.last else { return false }
        // The whole-line scan last.
        return head == "□" || head == "■" || head == "(" || head == "（"
            || last == "摄" || last == "道" || last == "图" || last == "绘" || last == "影"
            || head == "本" || head == "记" || head == "通" || head == "特" || head == "实" || head == "文" || head == "撰"
            || (spacedOrSlashed ?? s.contains(where: { Scalars.isSpace($0) || $0 == "/" }))
    }

    /// A credit that names a reporter (kept as the article's byline), as opposed to a photo credit.
    static func isReporterCredit(_ s: Line) -> Bool {
        guard isCredit(s) else { return false }
        let compact = Scalars.withoutSpaces(s)
        if compact.last == "摄" { return false }
        if let slash = compact.firstIndex(of: "/"), slash > 0, compact[slash - 1] == "摄" { return false }
        return PageFurniture.indexOf(Array("记者".unicodeScalars), in: compact, from: 0) != nil
            || PageFurniture.indexOf(Array("通讯员".unicodeScalars), in: compact, from: 0) != nil
            || compact.first == "□" || compact.first == "■"
            || compact.first == "(" || compact.first == "（"
    }

    static func hasSuffix<L: RandomAccessCollection>(_ s: L, _ p: Line) -> Bool where L.Element == Unicode.Scalar, L.Index == Int {
        s.count >= p.count && PageFurniture.hasPrefix(s, p, at: s.count - p.count)
    }
}
