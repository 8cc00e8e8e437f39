/// The clause that holds a figure, for people to find it again: the text between
/// clause punctuation (，。；！？：), taking in a short time or scope phrase
/// before it (当天，/ 三年来，/ 截至目前，) that the figure needs to be read.
enum ClauseSpan {
    /// Endings of short leading clauses that set the time or scope.
    static let leadEndings: [[Unicode.Scalar]] = ["以来", "来", "后", "天", "日", "月", "年", "间", "今", "前", "底", "目前"]
        .map { Array($0.unicodeScalars) }

    /// `before` and `after` are the spans of the figures of the text right before and after this
    /// one: a list of items separated by 、 with one figure each (奖章1名、奖状1个) is cut into one
    /// item per figure. Returns the clause's scalar offsets in `s`.
    static func sentence(_ s: [Unicode.Scalar], start: Int, end: Int, before: Range<Int>? = nil, after: Range<Int>? = nil) -> Range<Int> {
        var a = start
        while a > 0, !ScalarClass.isClauseEnd(s[a - 1]) { a -= 1 }
        var b = end
        while b < s.count, !ScalarClass.isClauseEnd(s[b]) { b += 1 }
        let clauseStart = a
        // Items of a list that end with their figure: 奖章1名、奖状1个 → 奖章1名 | 奖状1个.
        var cut = false
        func cutAfter(_ o: Range<Int>?) {
            guard let o, o.lowerBound >= clauseStart, o.upperBound <= start else { return }
            if o.upperBound < s.count, s[o.upperBound] == "、" { a = max(a, o.upperBound + 1); cut = true }
        }
        cutAfter(before)
        cutAfter(after)
        func follows(_ o: Range<Int>?) -> Bool { o.map { $0.lowerBound > end && $0.upperBound <= b } ?? false }
        if end < b, s[end] == "、", follows(before) || follows(after) { b = end; cut = true }
        if cut {
            while a < b, ScalarClass.isSpace(s[a]) { a += 1 }
            while b > a, ScalarClass.isSpace(s[b - 1]) { b -= 1 }
            return a..<max(a, b)  // never reversed; kept safe for the Range
        }
        var extended = 0
        while extended < 2, a > 0, !ScalarClass.isSentenceEnd(s[a - 1]) {
            let delimiter = a - 1
            var pa = delimiter
            while pa > 0, !ScalarClass.isClauseEnd(s[pa - 1]) { pa -= 1 }
            var pe = delimiter
            while pe > pa, ScalarClass.isSpace(s[pe - 1]) { pe -= 1 }
            guard pe - pa <= 14, leadEndings.contains(where: { s.matches($0, endingAt: pe) }) else { break }
            a = pa
            extended += 1
        }
        while a < b, ScalarClass.isSpace(s[a]) { a += 1 }
        while b > a, ScalarClass.isSpace(s[b - 1]) { b -= 1 }
        return a..<max(a, b)
    }
}
