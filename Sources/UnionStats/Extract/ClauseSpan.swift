/// The clause that holds a figure, for people to find it again: the text between
/// clause punctuation (，。；！？：), taking in a short time or scope phrase
/// before it (当天，/ 三年来，/ 截至目前，) that the figure needs to be read.
enum ClauseSpan {
    /// Endings of short leading clauses that set the time or scope.
    static let leadEndings: [[Unicode.Scalar]] = ["以来", "来", "后", "天", "日", "月", "年", "间", "今", "前", "底", "统计", "了解", "介绍", "目前"]
        .map { Array($0.unicodeScalars) }

    static func sentence(_ s: [Unicode.Scalar], start: Int, end: Int) -> String {
        var a = start
        while a > 0, !ScalarClass.isClauseEnd(s[a - 1]) { a -= 1 }
        var b = end
        while b < s.count, !ScalarClass.isClauseEnd(s[b]) { b += 1 }
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
        return s.string(a, b)
    }
}
