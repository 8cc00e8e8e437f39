/// The non-article text of Chinese newspaper e-paper pages: navigation
/// (上一版 下一版, 版面导航, 返回…网, 放大 缩小 默认, 关闭), footers (主办: …,
/// 地址: … 邮编, ICP备案), ad markers (广告), edition lines (第09版:顺义),
/// jump markers ((上接第1版), （下转第4版）) and the date line of the header.
/// General patterns of the genre, not strings of any one page.
enum PageFurniture {
    typealias Line = [Unicode.Scalar]

    static func scalars(_ s: String) -> Line { Array(s.unicodeScalars) }

    /// Lines that are furniture as a whole (compared with spaces removed).
    /// Kept as scalar arrays: hashing them needs no String and no Unicode normalization.
    static let wholeLines: Set<Line> = Set([
        "广告", "廣告", "(广告)", "（广告）", "【广告】", "广告专版", "版面导航", "关闭", "打印", "返回", "返回目录",
        "返回首页", "返回顶部", "回到顶部", "放大缩小默认", "上一篇", "下一篇", "上一版", "下一版", "上一期", "下一期",
        "分享到", "收藏本页", "点击查看大图", "查看大图", "本版导读", "版面概览", "往期回顾", "【打印】", "【关闭】",
        "打印本页", "关闭窗口", "返回列表", "□", "■",
    ].map(scalars))

    /// First scalars of `wholeLines`: other lines skip the comparison.
    static let wholeLineStarts = ScalarBitmap(wholeLines.compactMap(\.first))
    /// `wholeLines` as a list, compared with a line where it is (a Set would need an array of it).
    static let wholeLineList = Array(wholeLines)

    /// E-paper navigation words; a short line made only of these (and digits, letters, punctuation) is navigation.
    static let navigationWords: [Line] = [
        "上一版", "下一版", "上一期", "下一期", "上一篇", "下一篇", "放大", "缩小", "默认", "返回", "版面导航",
        "关闭", "打印", "目录", "首页", "字号", "版面", "导航", "往期", "检索", "前一版", "后一版", "前一期", "后一期",
        "字体", "大", "中", "小", "收藏", "分享", "窗口", "本页", "顶部",
    ].map(scalars)

    /// Every scalar of the navigation words.
    static let navigationScalars = ScalarBitmap(navigationWords.joined())

    /// Footer lines start with one of these, then a colon.
    static let footerKeys: [Line] = [
        "主办", "承办", "协办", "主管", "运营管理", "运营", "版权所有", "地址", "电话", "邮编", "传真", "IDC备案",
        "技术支持", "技术开发", "责任编辑", "本版编辑", "编辑", "美编", "校对", "值班编辑", "广告热线", "新闻热线",
        "投稿邮箱", "联系我们", "网址", "出版", "印刷", "发行", "社址", "总编辑", "本版责编", "责编",
        "来源", "作者", "发布时间", "发布日期", "更新时间", "浏览次数", "点击数", "阅读", "分享到", "字号", "【字体",
        "当前位置", "您的位置", "您现在的位置", "所在位置",
    ].map(scalars)

    /// Words that make a short line a footer wherever they stand.
    static let footerMarks: [Line] = ["ICP备", "公网安备", "版权所有", "Copyright", "COPYRIGHT", "copyright", "©", "All Rights Reserved"].map(scalars)

    /// Whether a trimmed line is furniture; `scan` is its `LineScan`, which settles most lines
    /// (sentences, lines with commas and no colon) without another look at them.
    static func isFurniture(_ line: UnsafeBufferPointer<Unicode.Scalar>, _ scan: LineScan) -> Bool {
        if line.isEmpty { return false }
        if line.count > 160 { return false }
        // Sentences (a full stop) are never furniture; lines with Chinese commas can only be footers,
        // which name a field with a colon or carry a mark such as © or ICP备.
        if scan.fullStop { return false }
        // A header line with the date stays for `PrintedDate` (the splitter skips it);
        // a date needs six digits.
        if scan.digits >= 6 && dateHeader(Array(line)) != nil { return false }
        if scan.comma && !scan.colon { return false }
        // Compared with spaces removed (copied to the stack: the line has at most 160 scalars); a
        // line without spaces is read where it is.
        guard scan.spaces else { return isFurniture(compact: line, comma: scan.comma) }
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: line.count) { out in
            var n = 0
            for c in line where !Scalars.isSpace(c) { out[n] = c; n += 1 }
            return isFurniture(compact: UnsafeBufferPointer(rebasing: out[..<n]), comma: scan.comma)
        }
    }

    /// The tests that take a closer look, on a line without spaces (`comma`: it holds a ，).
    static func isFurniture<L: RandomAccessCollection>(compact: L, comma: Bool) -> Bool where L.Element == Unicode.Scalar, L.Index == Int {
        if comma { return isFooter(compact) }
        if compact.count <= 12, let head = compact.first, wholeLineStarts.contains(head),
           wholeLineList.contains(where: { $0.count == compact.count && $0.elementsEqual(compact) }) { return true }
        if compact.count <= 40 && isNavigation(compact) { return true }
        if compact.count <= 24 && isEditionLine(compact) { return true }
        if isFooter(compact) { return true }
        return false
    }

    /// `3上一版 下一版4`, `返回京工网 版面导航`: navigation words, digits and punctuation only
    /// (a site name ending in 网 may remain).
    static func isNavigation<L: RandomAccessCollection>(_ compact: L) -> Bool where L.Element == Unicode.Scalar, L.Index == Int {
        // Ideographs outside every navigation word can never be removed: more than six of
        // them leave too much residue (the answer below would be no), so skip the removals.
        var foreign = 0
        let table = scanTable  // one load, not a lazy-global check per scalar
        for s in compact where scanBits(s, table) & foreignBit != 0 {
            foreign += 1
            if foreign > 6 { return false }
        }
        var rest = Array(compact)
        var hits = 0
        // Removals only take scalars out: a word whose first scalar the line lacks is never found.
        for w in navigationWords where compact.contains(w[0]) {
            let n = removeAll(w, from: &rest)
            hits += n
        }
        guard hits > 0 else { return false }
        let residue = rest.filter { Scalars.isIdeograph($0) }
        if residue.isEmpty { return true }
        return residue.count <= 6 && residue.last == "网"
    }

    /// `第09版:顺义`, `第５版 要闻`: an edition number and perhaps the section name.
    static func isEditionLine<L: RandomAccessCollection>(_ compact: L) -> Bool where L.Element == Unicode.Scalar, L.Index == Int {
        guard compact.first == "第" else { return false }
        var i = 1
        while i < compact.count, isNumeral(compact[i]) || Scalars.isASCIILetter(compact[i]) { i += 1 }
        guard i > 1, i < compact.count, compact[i] == "版" else { return false }
        return !compact.contains(where: Scalars.isClausePunctuation)
    }

    /// First scalars of the footer keys: lines without one skip the search (those of the marks are in `scanTable`).
    static let footerKeyStarts = ScalarBitmap(footerKeys.compactMap(\.first))

    /// A footer line; `compact` holds no 。 (`isFurniture` has answered for sentences from the scan).
    static func isFooter<L: RandomAccessCollection>(_ compact: L) -> Bool where L.Element == Unicode.Scalar, L.Index == Int {
        guard let head = compact.first else { return false }
        if footerKeyStarts.contains(head) {
            for k in footerKeys where k[0] == head && hasPrefix(compact, k) {
                if compact.count > k.count && (compact[k.count] == ":" || compact[k.count] == "：") { return true }
            }
        }
        guard compact.count <= 120 else { return false }
        // A mark anywhere: one pass, each mark tried only where its first scalar stands.
        let table = scanTable
        for j in 0..<compact.count where scanBits(compact[j], table) & markStartBit != 0 {
            for m in footerMarks where m[0] == compact[j] && hasPrefix(compact, m, at: j) { return true }
        }
        return false
    }

    // MARK: jump markers

    static let jumpWords: [Line] = ["上接", "下转", "紧接", "接", "转", "续", "转至", "转自"].map(scalars)

    @inline(__always)
    static func opensJumpMarker(_ s: Unicode.Scalar) -> Bool { s == "(" || s == "（" || s == "【" || s == "[" }

    /// The line without `(上接第1版)`, `（下转第４版）`, `(转A3版)` wherever they stand; nil when it has none.
    /// Read where it is (pass 1 gives its store's buffer): a line without a marker is not copied.
    static func removingJumpMarkers<L: RandomAccessCollection>(_ line: L) -> Line? where L.Element == Unicode.Scalar, L.Index == Int {
        var firstMarker = 0
        while firstMarker < line.count && !(opensJumpMarker(line[firstMarker]) && jumpMarkerEnd(line, from: firstMarker) != nil) { firstMarker += 1 }
        guard firstMarker < line.count else { return nil }
        var out: Line = Array(line[..<firstMarker])
        out.reserveCapacity(line.count)
        var i = firstMarker
        while i < line.count {
            let s = line[i]
            if opensJumpMarker(s), let end = jumpMarkerEnd(line, from: i) {
                i = end
                continue
            }
            out.append(s)
            i += 1
        }
        return out
    }

    /// End index (exclusive) of a jump marker opening at `start`, or nil.
    static func jumpMarkerEnd<L: RandomAccessCollection>(_ line: L, from start: Int) -> Int? where L.Element == Unicode.Scalar, L.Index == Int {
        var i = start + 1
        func skipSpaces() { while i < line.count, Scalars.isSpace(line[i]) { i += 1 } }
        skipSpaces()
        var matched = false
        for w in jumpWords where hasPrefix(line, w, at: i) {
            i += w.count
            matched = true
            break
        }
        guard matched else { return nil }
        skipSpaces()
        if i < line.count, line[i] == "第" { i += 1 }
        let digitsStart = i
        while i < line.count, isNumeral(line[i]) || Scalars.isASCIILetter(line[i]) { i += 1 }
        guard i > digitsStart, i < line.count, line[i] == "版" else { return nil }
        i += 1
        if i < line.count, line[i] == "面" { i += 1 }
        skipSpaces()
        guard i < line.count, line[i] == ")" || line[i] == "）" || line[i] == "】" || line[i] == "]" else { return nil }
        return i + 1
    }

    // MARK: the date line of an e-paper header

    static let weekdayPrefixes: [Line] = ["星期", "礼拜", "周"].map(scalars)
    static let headerWords: [Line] = ["农历", "出版", "报", "期", "版", "总第", "日报", "晚报", "午报", "工人报", "发布", "来源", "时间",
                                       "日期", "更新", "浏览", "点击", "作者"].map(scalars)

    /// A short header line holding a full date (`2019年2月28日 放大 缩小 默认`, `2020年1月8日 星期三`,
    /// `劳动午报 2020-01-08 第05版`): returns the date as `YYYY-MM-DD`. Dates inside sentences are never taken.
    static func dateHeader(_ line: Line) -> String? {
        guard line.count <= 60 else { return nil }
        var digits = 0
        for s in line where digitValue(s) != nil { digits += 1 }
        guard digits >= 6 else { return nil }  // a full date has at least 4 + 1 + 1 digits
        let compact = Scalars.withoutSpaces(line)
        guard compact.count <= 40, !compact.contains(where: { $0 == "，" || $0 == "。" || $0 == "、" || $0 == "；" || $0 == "," }) else { return nil }
        guard let (date, range) = findDate(compact) else { return nil }
        var rest = Array(compact[..<range.lowerBound]) + Array(compact[range.upperBound...])
        var hint = false
        for w in navigationWords where w.count >= 2 && removeAll(w, from: &rest) > 0 { hint = true }
        // weekday
        for p in weekdayPrefixes {
            if let at = indexOf(p, in: rest, from: 0), at + p.count < rest.count,
               "一二三四五六日天".unicodeScalars.contains(rest[at + p.count]) {
                rest.removeSubrange(at..<(at + p.count + 1))
                hint = true
            }
        }
        // edition number 第05版
        if let at = indexOf(["第"], in: rest, from: 0) {
            var j = at + 1
            while j < rest.count, isNumeral(rest[j]) || Scalars.isASCIILetter(rest[j]) { j += 1 }
            if j > at + 1, j < rest.count, rest[j] == "版" {
                rest.removeSubrange(at...j)
                hint = true
            }
        }
        let residue = rest.filter { Scalars.isIdeograph($0) }
        if residue.isEmpty { return date }
        if !hint {
            for w in headerWords where indexOf(w, in: residue, from: 0) != nil { hint = true }
        }
        return hint && residue.count <= 10 ? date : nil
    }

    /// Finds `YYYY年M月D日` or `YYYY-MM-DD` (also `/` and `.`), ASCII or full-width digits.
    static func findDate(_ s: Line) -> (String, Range<Int>)? {
        var i = 0
        while i < s.count {
            guard digitValue(s[i]) != nil else { i += 1; continue }
            var j = i
            var year = 0
            // A long digit run is no year; stop accumulating so it cannot overflow.
            while j < s.count, let d = digitValue(s[j]) { if j - i < 5 { year = year * 10 + d }; j += 1 }
            guard j - i == 4, j < s.count, (1949...2100).contains(year) else { i = j; continue }
            let sep = s[j]
            let cjk = sep == "年"
            guard cjk || sep == "-" || sep == "/" || sep == "." || sep == "－" || sep == "／" else { i = j; continue }
            var k = j + 1
            var month = 0, mDigits = 0
            while k < s.count, let d = digitValue(s[k]), mDigits < 2 { month = month * 10 + d; k += 1; mDigits += 1 }
            guard mDigits > 0, k < s.count, (1...12).contains(month) else { i = j; continue }
            if cjk { guard s[k] == "月" else { i = j; continue } } else { guard s[k] == sep else { i = j; continue } }
            k += 1
            var day = 0, dDigits = 0
            while k < s.count, let d = digitValue(s[k]), dDigits < 2 { day = day * 10 + d; k += 1; dDigits += 1 }
            guard dDigits > 0, (1...31).contains(day) else { i = j; continue }
            if cjk {
                guard k < s.count, s[k] == "日" || s[k] == "号" else { i = j; continue }
                k += 1
            }
            let text = String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
            return (text, i..<k)
        }
        return nil
    }

    // MARK: helpers

    @inline(__always)
    static func digitValue(_ s: Unicode.Scalar) -> Int? {
        if Scalars.isASCIIDigit(s) { return Int(s.value - 0x30) }
        if Scalars.isFullwidthDigit(s) { return Int(s.value - 0xFF10) }
        return nil
    }

    static func isNumeral(_ s: Unicode.Scalar) -> Bool {
        digitValue(s) != nil || "〇零一二三四五六七八九十百".unicodeScalars.contains(s)
    }

    static func hasPrefix<L: RandomAccessCollection>(_ line: L, _ p: Line, at start: Int = 0) -> Bool
        where L.Element == Unicode.Scalar, L.Index == Int {
        guard start + p.count <= line.count else { return false }
        for k in 0..<p.count where line[start + k] != p[k] { return false }
        return true
    }

    static func indexOf<L: RandomAccessCollection>(_ p: Line, in line: L, from: Int) -> Int? where L.Element == Unicode.Scalar, L.Index == Int {
        guard !p.isEmpty, line.count >= p.count else { return nil }
        var i = from
        while i + p.count <= line.count {
            if line[i] == p[0] && hasPrefix(line, p, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Removes every occurrence of `w` from `line`; returns how many.
    @discardableResult
    static func removeAll(_ w: Line, from line: inout Line) -> Int {
        var n = 0
        while let at = indexOf(w, in: line, from: 0) {
            line.removeSubrange(at..<(at + w.count))
            n += 1
        }
        return n
    }
}

/// Membership of Basic Multilingual Plane scalars as one bit each (8 KB): a set lookup without hashing.
/// The bits are held by pointer, allocated once and never freed (the tables are static, made once
/// for the process): a lookup in a hot loop is a load and a mask, with no array to retain and
/// release around the loop and no bounds check.
struct ScalarBitmap: @unchecked Sendable {
    private let words: UnsafeMutablePointer<UInt64>

    init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        words = .allocate(capacity: 1024)
        words.initialize(repeating: 0, count: 1024)
        for s in scalars where s.value < 0x10000 { words[Int(s.value >> 6)] |= 1 << UInt64(s.value & 63) }
    }

    @inline(__always)
    func contains(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x10000 && words[Int(s.value >> 6)] & (1 << UInt64(s.value & 63)) != 0
    }
}
