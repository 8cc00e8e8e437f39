/// Character classes and small scanning helpers shared by the context finders.
/// All work on arrays of `Unicode.Scalar`.
enum TextClasses {
    static func set(_ s: String) -> ScalarSet { ScalarSet(s.unicodeScalars) }

    /// Ends a sentence.
    static let sentenceEnd = set("。！？；!?;")
    /// Ends a clause (and a sentence).
    static let clauseEnd = set("。！？；!?;，,：:")
    /// Any punctuation or space: ends a noun phrase.
    static let punctuation = set("。！？；!?;，,、：:“”‘’\"'《》〈〉（）()【】[]{}…—–-·・/／|　 \t\r\n「」『』~～")
    static let openQuotes = set("“‘\"「『")
    static let closeQuotes = set("”’\"」』")
    static let bookOpen = set("《〈")
    static let bookClose = set("》〉")
    static let digits = set("0123456789０１２３４５６７８９")
    static let chineseDigits = set("〇零一二两三四五六七八九十百千万亿")

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{3000}" || s == "\t" || s == "\u{a0}" }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { digits.contains(s) }
    static func isNumeral(_ s: Unicode.Scalar) -> Bool { digits.contains(s) || chineseDigits.contains(s) || s == "." || s == "．" }

    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
    static func string<C: Collection>(_ s: C) -> String where C.Element == Unicode.Scalar {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    /// Whether `word` occurs in `text` at `i`.
    static func has(_ text: [Unicode.Scalar], _ i: Int, _ word: [Unicode.Scalar]) -> Bool {
        guard i >= 0, i + word.count <= text.count else { return false }
        for k in 0..<word.count where text[i + k] != word[k] { return false }
        return true
    }

    /// Whether `word` ends in `text` right before `end`.
    static func hasBefore(_ text: [Unicode.Scalar], _ end: Int, _ word: [Unicode.Scalar]) -> Bool {
        has(text, end - word.count, word)
    }

    /// The longest word of `words` ending right before `end`.
    static func wordBefore(_ text: [Unicode.Scalar], _ end: Int, _ words: WordList) -> [Unicode.Scalar]? {
        guard end > 0, end <= text.count, words.lasts.contains(text[end - 1]), let c = words.byLast[text[end - 1]] else { return nil }
        return c.first { hasBefore(text, end, $0) }
    }

    /// The longest word of `words` starting at `i`.
    static func wordAt(_ text: [Unicode.Scalar], _ i: Int, _ words: WordList) -> [Unicode.Scalar]? {
        guard i >= 0, i < text.count, words.firsts.contains(text[i]), let c = words.byFirst[text[i]] else { return nil }
        return c.first { has(text, i, $0) }
    }

    static func words(_ list: [String]) -> WordList { WordList(list) }

    /// ASCII without controls, or a CJK ideograph: each is its own character,
    /// and none is canonically equivalent to anything else.
    @inline(__always)
    static func isPlain(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x20 && v < 0x7F) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
    }

    /// `haystack.contains(needle)`, without Foundation's search when both are
    /// plain (then matching characters is matching scalars).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        let h = haystack.unicodeScalars, n = needle.unicodeScalars
        guard !n.isEmpty, n.allSatisfy(isPlain), h.allSatisfy(isPlain) else { return haystack.contains(needle) }
        var i = h.startIndex
        while i != h.endIndex {
            if h[i...].starts(with: n) { return true }
            h.formIndex(after: &i)
        }
        return false
    }
}

/// Words as scalar arrays, longest first, indexed by their first and last
/// scalar so that a lookup at a position costs one hash probe.
struct WordList {
    let all: [[Unicode.Scalar]]
    let byFirst: [Unicode.Scalar: [[Unicode.Scalar]]]
    let byLast: [Unicode.Scalar: [[Unicode.Scalar]]]
    let firsts: ScalarSet
    let lasts: ScalarSet

    init(_ list: [String]) {
        all = list.map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        byFirst = Dictionary(grouping: all, by: { $0[0] })
        byLast = Dictionary(grouping: all, by: { $0[$0.count - 1] })
        firsts = ScalarSet(all.map { $0[0] })
        lasts = ScalarSet(all.map { $0[$0.count - 1] })
    }
}

/// A set of scalars with a bitmap for the Basic Multilingual Plane: a lookup
/// is one load and a mask.
struct ScalarSet: Sendable {
    private var bits: [UInt64]
    private var rest: Set<Unicode.Scalar>

    init<C: Sequence>(_ scalars: C) where C.Element == Unicode.Scalar {
        bits = [UInt64](repeating: 0, count: 1024)
        rest = []
        for c in scalars { insert(c) }
    }

    mutating func insert(_ c: Unicode.Scalar) {
        let v = c.value
        if v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) } else { rest.insert(c) }
    }

    @inline(__always)
    func contains(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x10000 { return bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return rest.contains(c)
    }
}

extension TextClasses {

    /// Start of the sentence holding offset `i`.
    static func sentenceStart(_ text: [Unicode.Scalar], _ i: Int) -> Int {
        var k = min(i, text.count) - 1
        while k >= 0, !sentenceEnd.contains(text[k]) { k -= 1 }
        return k + 1
    }

    /// End (exclusive) of the sentence holding offset `i`.
    static func sentenceEndIndex(_ text: [Unicode.Scalar], _ i: Int) -> Int {
        var k = max(i, 0)
        while k < text.count, !sentenceEnd.contains(text[k]) { k += 1 }
        return k
    }

    /// Start of the clause holding offset `i`.
    static func clauseStart(_ text: [Unicode.Scalar], _ i: Int) -> Int {
        var k = min(i, text.count) - 1
        while k >= 0, !clauseEnd.contains(text[k]) { k -= 1 }
        return k + 1
    }

    /// Whether offset `i` lies inside 《…》 (a title).
    static func insideBookTitle(_ text: [Unicode.Scalar], _ i: Int) -> Bool {
        var k = i - 1
        while k >= 0 {
            if bookClose.contains(text[k]) || sentenceEnd.contains(text[k]) { return false }
            if bookOpen.contains(text[k]) { return true }
            k -= 1
        }
        return false
    }
}
