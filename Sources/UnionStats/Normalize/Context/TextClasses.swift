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
    /// What `isNumeral` accepts, as one set: one lookup (and one static read) where two were.
    static let numerals = digits.union(chineseDigits).union(set(".．"))

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{3000}" || s == "\t" || s == "\u{a0}" }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { digits.contains(s) }
    static func isNumeral(_ s: Unicode.Scalar) -> Bool { numerals.contains(s) }

    /// `Array(s.unicodeScalars)`, decoded straight from the UTF-8 bytes (`String.scalars`).
    static func scalars(_ s: String) -> [Unicode.Scalar] { s.scalars }
    /// A String of scalars, encoded to UTF-8 in one pass (appending to a
    /// `UnicodeScalarView` costs a call and a capacity check per scalar).
    static func string<C: Collection>(_ s: C) -> String where C.Element == Unicode.Scalar {
        let n = s.count
        if n == 0 { return "" }
        return String(unsafeUninitializedCapacity: utf8Capacity(s, n)) { buf in
            var k = 0
            for c in s { k = UTF8Coding.encode(c.value, into: buf, at: k) }
            return k
        }
    }

    /// Room for `s`'s UTF-8 (`n` scalars): exact when it may fit a small string (15 bytes), since a capacity
    /// above 15 makes `String` take a heap buffer, and at 4 bytes a scalar every word of 4 ideographs or more
    /// took one; 4 bytes a scalar when it cannot (16 scalars or more), with no pass to count.
    @inline(__always)
    static func utf8Capacity<C: Collection>(_ s: C, _ n: Int) -> Int where C.Element == Unicode.Scalar {
        guard n * 4 > 15, n <= 15 else { return n * 4 }
        var bytes = 0
        for c in s {
            let v = c.value
            bytes += 1 + (v >= 0x80 ? 1 : 0) + (v >= 0x800 ? 1 : 0) + (v >= 0x1_0000 ? 1 : 0)
        }
        return bytes
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

    static func words(_ list: [String]) -> WordList { WordList(list) }

    /// ASCII without controls, a CJK ideograph, or CJK, general or full-width
    /// punctuation: each is its own character (none combines with a neighbour),
    /// and none is canonically equivalent to anything else.
    @inline(__always)
    static func isPlain(_ s: Unicode.Scalar) -> Bool { isPlain(value: s.value) }

    @inline(__always)
    static func isPlain(value v: UInt32) -> Bool {
        (v >= 0x20 && v < 0x7F) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
            || (v >= 0x3000 && v <= 0x3029) || (v >= 0x2010 && v <= 0x2027) || (v >= 0xFF01 && v <= 0xFF5E)
    }

    /// `haystack.contains(needle)`, without Foundation's search when both are
    /// plain (then matching characters is matching scalars, and so UTF-8 bytes).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        guard !needle.isEmpty, allPlain(needle), allPlain(haystack) else { return haystack.contains(needle) }
        return occurs(Array(needle.utf8), in: Array(haystack.utf8))
    }

    /// `contains` for text held as scalars; `plain` says that all of `text` is plain.
    /// The needle must be plain.
    static func contains(_ text: ArraySlice<Unicode.Scalar>, plain: Bool, _ needle: [Unicode.Scalar]) -> Bool {
        guard plain else { return string(text).contains(string(needle)) }
        return occurs(needle, in: text)
    }

    /// Whether `needle` (not empty) occurs in `haystack`, element by element: for
    /// plain text, where equal bytes or scalars are equal text.
    @inline(__always)
    static func occurs<Needle: RandomAccessCollection, Haystack: RandomAccessCollection>(_ needle: Needle, in haystack: Haystack) -> Bool
        where Needle.Element == Haystack.Element, Needle.Element: Equatable, Needle.Index == Int, Haystack.Index == Int {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        let n = needle.startIndex
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[n + k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Decoded from the UTF-8 directly: the generic `unicodeScalars` iteration cost more than the test.
    /// Read in place (a copy for `withUTF8` cost more than the test on a short name).
    static func allPlain(_ s: String) -> Bool {
        if let plain = s.utf8.withContiguousStorageIfAvailable(allPlain(utf8:)) { return plain }
        return s.unicodeScalars.allSatisfy(isPlain)
    }

    /// `allPlain` of a string's UTF-8 bytes (valid UTF-8, as a String holds it).
    static func allPlain(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let (v, next) = UTF8Coding.decode(bytes, at: i)
            guard isPlain(value: v) else { return false }
            i = next
        }
        return true
    }

    static let percentUnits = LiteralWords(["%", "％"])

    /// A unit of `%` or `％`.
    static func isPercent(_ unit: String) -> Bool { percentUnits.contains(unit) }

    /// `s.hasPrefix(p)`, comparing bytes when both are plain.
    static func hasPrefix(_ s: String, _ p: String) -> Bool {
        guard allPlain(s), allPlain(p) else { return s.hasPrefix(p) }
        return ByteString.hasPrefix(s, p)
    }

    /// `s.hasSuffix(p)`, comparing bytes when both are plain.
    static func hasSuffix(_ s: String, _ p: String) -> Bool {
        guard allPlain(s), allPlain(p) else { return s.hasSuffix(p) }
        return ByteString.hasSuffix(s, p)
    }

    static func allPlain(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        for c in text where !isPlain(c) { return false }
        return true
    }
}

/// Literal words that strings are tested against again and again (ends of organization
/// names, same-day labels, units): `hasSuffix`, `hasPrefix` and `==` as `String` answers
/// them, but each word's plainness is found once and a string's once per test, so for
/// plain text (`TextClasses.isPlain`) bytes decide without normalizing.
struct LiteralWords: Sendable {
    let words: [String]
    /// Scalars in each word.
    let lengths: [Int]
    private let plain: [Bool]
    /// Each word's last UTF-8 byte: for plain text a suffix must end in it, a test cheaper than comparing bytes.
    private let lastBytes: [UInt8?]
    /// Each word's first UTF-8 byte, likewise for a prefix.
    private let firstBytes: [UInt8?]
    /// Each word's scalars, for text read from a paragraph (`anySuffix(ofPlain:longer:)`).
    private let scalars: [[Unicode.Scalar]]
    private let allWordsPlain: Bool
    /// Each word's first scalar's value when that scalar is plain, else `open` (`contains`).
    private let plainFirsts: [UInt32]

    init(_ words: [String]) {
        self.words = words
        lengths = words.map { $0.unicodeScalars.count }
        plain = words.map(TextClasses.allPlain)
        lastBytes = words.map { $0.utf8.last }
        firstBytes = words.map { $0.utf8.first }
        scalars = words.map(\.scalars)
        allWordsPlain = plain.allSatisfy { $0 }
        plainFirsts = words.map { w in w.unicodeScalars.first.map { TextClasses.isPlain($0) ? $0.value : LiteralWords.open } ?? LiteralWords.open }
    }

    /// Whether `s` ends with word `k`; `plain` is `TextClasses.allPlain(s)` and
    /// `lastByte` is `s.utf8.last` (both found once for all the words tried).
    @inline(__always)
    func isSuffix(_ k: Int, of s: String, plain sPlain: Bool, lastByte: UInt8?) -> Bool {
        guard sPlain && plain[k] else { return s.hasSuffix(words[k]) }
        return (lastBytes[k] == nil || lastBytes[k] == lastByte) && ByteString.hasSuffix(s, words[k])
    }

    /// Whether `s` starts with word `k`; `firstByte` is `s.utf8.first` (found once for all the words tried).
    func isPrefix(_ k: Int, of s: String, plain sPlain: Bool, firstByte: UInt8?) -> Bool {
        guard sPlain && plain[k] else { return s.hasPrefix(words[k]) }
        return (firstBytes[k] == nil || firstBytes[k] == firstByte) && ByteString.hasPrefix(s, words[k])
    }

    func anySuffix(of s: String) -> Bool {
        let p = TextClasses.allPlain(s), last = s.utf8.last
        return words.indices.contains { isSuffix($0, of: s, plain: p, lastByte: last) }
    }

    /// `anySuffix(of:)` of plain text (`TextClasses.allPlain`) held as scalars, no String made: its ending
    /// as a string is an ending of its scalars when the word is plain too, and a character a scalar.
    /// `longer`: and the text has more characters than the word.
    @inline(__always)
    func anySuffix(ofPlain s: ArraySlice<Unicode.Scalar>, longer: Bool = false) -> Bool {
        guard allWordsPlain else {
            let string = TextClasses.string(s)
            return words.indices.contains { (!longer || s.count > lengths[$0]) && string.hasSuffix(words[$0]) }
        }
        return scalars.contains { (!longer || s.count > $0.count) && TextTest.ends(s, with: $0) }
    }

    func anyPrefix(of s: String) -> Bool {
        let p = TextClasses.allPlain(s), first = s.utf8.first
        return words.indices.contains { isPrefix($0, of: s, plain: p, firstByte: first) }
    }

    /// Whether `s` is one of the words, as `==` on the strings tells. Read in place, bytes settle nearly
    /// every word: equal bytes are equal text, and a plain first scalar other than a word's plain first
    /// scalar rules the word out (a plain scalar has no decomposition and nothing reorders before it, so
    /// a text's normal form opens with it). Past that, plain text and a plain word differ as their bytes
    /// do; else `==` decides.
    func contains(_ s: String) -> Bool {
        // The first scalar's value when it is plain, else `LiteralWords.open` (empty text too).
        let first = s.utf8.withContiguousStorageIfAvailable { b -> UInt32 in
            guard !b.isEmpty else { return LiteralWords.open }
            let v = UTF8Coding.decode(b, at: 0).value
            return TextClasses.isPlain(value: v) ? v : LiteralWords.open
        } ?? LiteralWords.open
        // Most tests end here, every word ruled out by its first scalar: the rest is out of line.
        var k = 0
        while k < plainFirsts.count {
            let w = plainFirsts[k]
            if w == first || w == LiteralWords.open || first == LiteralWords.open { return contains(s, first: first, from: k) }
            k += 1
        }
        return false
    }

    /// `contains` from word `k` on; `first` is `s`'s first scalar's value when plain, else `open`.
    @inline(never)
    private func contains(_ s: String, first: UInt32, from k: Int) -> Bool {
        var sPlain: Bool? = nil
        for k in k..<words.count {
            let w = plainFirsts[k]
            if w != first, w != LiteralWords.open, first != LiteralWords.open { continue }
            if ByteString.equal(s, words[k]) { return true }
            if plain[k] {
                if sPlain == nil { sPlain = TextClasses.allPlain(s) }
                if sPlain == true { continue }
            }
            if s == words[k] { return true }
        }
        return false
    }

    /// A first scalar that rules out nothing: not plain, or none.
    private static let open = UInt32.max
}

/// Words as scalar arrays, longest first, in slots by their first (last) two scalars: a lookup at a
/// position costs a bitmap test or two, and most positions stop there; the rest compare the words of
/// one slot and answer with the longest word's length.
/// A class: the lists are made once and read everywhere, and a struct of this
/// size was copied into a temporary at each lookup that was not inlined.
final class WordList: Sendable {
    let all: [[Unicode.Scalar]]
    let firsts: ScalarSet
    let lasts: ScalarSet
    let maxLength: Int
    /// Words of one scalar, which match on that scalar alone.
    private let singles: ScalarSet
    /// The first two (last two) scalars of the longer words, hashed into small
    /// bitmaps: most positions whose scalar starts (ends) a word still fail here, inline.
    private let startPairs: [UInt64]
    private let endPairs: [UInt64]
    fileprivate static let pairBits = 13
    /// The words' scalars end to end, in `all`'s order. The lookups that answer with a length read them
    /// here (the groups of arrays cost a retain and a release each).
    private let flat: [Unicode.Scalar]
    /// The longer words by their first (last) two scalars: a lookup compares only the words of its pair's slot.
    private let startIndex: PairIndex
    private let endIndex: PairIndex

    init(_ list: [String]) {
        all = list.map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        firsts = ScalarSet(all.map { $0[0] })
        lasts = ScalarSet(all.map { $0[$0.count - 1] })
        maxLength = all.first?.count ?? 0
        singles = ScalarSet(all.filter { $0.count == 1 }.map { $0[0] })
        var starts = [UInt64](repeating: 0, count: (1 << WordList.pairBits) / 64)
        var ends = starts
        for w in all where w.count >= 2 {
            let a = WordList.pairBit(w[0], w[1]), b = WordList.pairBit(w[w.count - 2], w[w.count - 1])
            starts[a >> 6] |= 1 << UInt64(a & 63)
            ends[b >> 6] |= 1 << UInt64(b & 63)
        }
        startPairs = starts
        endPairs = ends
        flat = Array(all.joined())
        startIndex = PairIndex(all) { WordList.pairBit($0[0], $0[1]) }
        endIndex = PairIndex(all) { WordList.pairBit($0[$0.count - 2], $0[$0.count - 1]) }
    }

    /// The words of two scalars or more in slots by a pair of their scalars (`pairBit`'s high bits): slot
    /// `s` holds the words `words[starts[s]..<starts[s + 1]]` (longest first). Pairs that share a slot
    /// share its words, which the lookups compare in full.
    private struct PairIndex: Sendable {
        static let slotBits = 10
        /// A word: where its scalars start in `flat`, and how many.
        struct Word: Sendable {
            let offset: Int32
            let count: Int32
        }
        let starts: [Int32]
        let words: [Word]

        init(_ all: [[Unicode.Scalar]], pairBit: ([Unicode.Scalar]) -> Int) {
            var slots = [[Word]](repeating: [], count: 1 << PairIndex.slotBits)
            var offset: Int32 = 0
            for word in all {
                if word.count >= 2 { slots[PairIndex.slot(pairBit(word))].append(Word(offset: offset, count: Int32(word.count))) }
                offset += Int32(word.count)
            }
            words = Array(slots.joined())
            starts = slots.reduce(into: [0]) { $0.append($0[$0.count - 1] + Int32($1.count)) }
        }

        @inline(__always)
        static func slot(_ pairBit: Int) -> Int { pairBit >> (WordList.pairBits - slotBits) }

        /// The positions in `words` of the words whose pair hashes to `pairBit`.
        @inline(__always)
        func words(_ pairBit: Int) -> Range<Int> {
            let s = PairIndex.slot(pairBit)
            return Int(starts[s])..<Int(starts[s + 1])
        }
    }

    @inline(__always)
    private static func pairBit(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int {
        Int(((a.value &* 0x9E37_79B1) ^ (b.value &* 0x85EB_CA77)) >> (32 - UInt32(pairBits)))
    }

    /// False when no word can start at `i` (`t.startIndex <= i < t.endIndex`); true is only a maybe.
    @inline(__always)
    func mayStart<T: RandomAccessCollection>(_ t: T, _ i: Int) -> Bool where T.Element == Unicode.Scalar, T.Index == Int {
        let c = t[i]
        guard firsts.contains(c) else { return false }
        if singles.contains(c) { return true }
        guard i + 1 < t.endIndex else { return false }
        let bit = WordList.pairBit(c, t[i + 1])
        return startPairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// The first offset from `i` where `mayStart` is true, else `t.count`: a text's scalars read by
    /// pointer, most of them rejected by one bitmap test.
    func nextMayStart(_ t: [Unicode.Scalar], from i: Int) -> Int {
        t.withUnsafeBufferPointer { p in
            let n = p.count
            var k = max(i, 0)
            while true {
                k = firsts.firstMember(p, from: k)
                guard k < n else { return n }
                let c = p[k]
                if singles.contains(c) { return k }
                if k + 1 < n {
                    let bit = WordList.pairBit(c, p[k + 1])
                    if startPairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { return k }
                }
                k += 1
            }
        }
    }

    /// False when no word can end right before `end` (`0 < end <= t.count`); true is only a maybe.
    @inline(__always)
    func mayEnd(_ t: [Unicode.Scalar], _ end: Int) -> Bool {
        let c = t[end - 1]
        guard lasts.contains(c) else { return false }
        if singles.contains(c) { return true }
        guard end >= 2 else { return false }
        let bit = WordList.pairBit(t[end - 2], c)
        return endPairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// The length of the longest word at `i` (any offset) within `t` (an array or a slice: words may not run
    /// past its end), else 0; a caller that needs the word's scalars reads `t[i..<(i + n)]`. Inlined: most
    /// positions start no word, and the bitmaps say so without a call.
    @inline(__always)
    func length<T: RandomAccessCollection>(at i: Int, in t: T) -> Int where T.Element == Unicode.Scalar, T.Index == Int {
        guard i >= t.startIndex, i < t.endIndex, mayStart(t, i) else { return 0 }
        return length(at: i, in: t, limit: t.endIndex)
    }

    /// The length of the longest word at `i` that ends by `limit` (`i < limit <= t.endIndex`), else 0: the
    /// length, not the word, so that no array is retained.
    func length<T: RandomAccessCollection>(at i: Int, in t: T, limit: Int) -> Int where T.Element == Unicode.Scalar, T.Index == Int {
        let c = t[i]
        if i + 1 < limit {
            for j in startIndex.words(WordList.pairBit(c, t[i + 1])) {
                let w = startIndex.words[j], n = Int(w.count)
                if i + n <= limit, matches(t, i, Int(w.offset), n) { return n }
            }
        }
        // A word of one scalar is the shortest.
        return singles.contains(c) ? 1 : 0
    }

    /// The length of the longest word ending right before `end` (any offset), else 0; its scalars are
    /// `t[(end - n)..<end]`. Inlined: most positions end no word, and the bitmaps say so without a call.
    @inline(__always)
    func length(before end: Int, in t: [Unicode.Scalar]) -> Int {
        guard end > 0, end <= t.count, mayEnd(t, end) else { return 0 }
        return longestLength(before: end, in: t)
    }

    /// `length(before:in:)` past the bitmaps (`0 < end <= t.count`).
    func longestLength(before end: Int, in t: [Unicode.Scalar]) -> Int {
        let c = t[end - 1]
        if end >= 2 {
            for j in endIndex.words(WordList.pairBit(t[end - 2], c)) {
                let w = endIndex.words[j], n = Int(w.count)
                if n <= end, matches(t, end - n, Int(w.offset), n) { return n }
            }
        }
        return singles.contains(c) ? 1 : 0
    }

    /// Whether `t[lo..<hi]` (`t.startIndex <= lo < hi <= t.endIndex`) is one of the words.
    func isWord<T: RandomAccessCollection>(_ t: T, _ lo: Int, _ hi: Int) -> Bool where T.Element == Unicode.Scalar, T.Index == Int {
        guard hi - lo >= 2 else { return singles.contains(t[lo]) }
        for j in startIndex.words(WordList.pairBit(t[lo], t[lo + 1])) {
            let w = startIndex.words[j]
            if Int(w.count) == hi - lo, matches(t, lo, Int(w.offset), hi - lo) { return true }
        }
        return false
    }

    /// Whether `t[i..<(i + n)]` is the `n` scalars of `flat` from `o` (`i + n <= t.endIndex`). Compared from
    /// the end: the words of a slot mostly share their first two scalars, and a longer word that fails
    /// (工会委员会 at 工会的) fails at its last.
    @inline(__always)
    private func matches<T: RandomAccessCollection>(_ t: T, _ i: Int, _ o: Int, _ n: Int) -> Bool where T.Element == Unicode.Scalar, T.Index == Int {
        var k = n - 1
        while k >= 0, t[i + k] == flat[o + k] { k -= 1 }
        return k < 0
    }

    /// Whether a word occurs in `t` over all of offsets `lo...hi`: one starting at `s` does when the
    /// longest word there runs past `hi`.
    func covers(_ t: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Bool {
        var s = max(0, hi - maxLength + 1)
        while s <= lo, s < t.count {
            if length(at: s, in: t) > hi - s { return true }
            s += 1
        }
        return false
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

    /// The members below U+10000 (their values, in order), read from the bitmap: words without one are skipped.
    var bmpMembers: [UInt32] {
        var out: [UInt32] = []
        for (w, word) in bits.enumerated() where word != 0 {
            for b in 0..<64 where word & (1 << UInt64(b)) != 0 { out.append(UInt32(w * 64 + b)) }
        }
        return out
    }

    /// The first offset from `i` of `p` whose scalar is in the set, else `p.count`: the bitmap read
    /// by pointer, one load and a mask for each scalar passed over.
    func firstMember(_ p: UnsafeBufferPointer<Unicode.Scalar>, from i: Int) -> Int {
        bits.withUnsafeBufferPointer { bits in
            let n = p.count
            var k = i
            while k < n {
                let v = p[k].value
                if v < 0x10000 {
                    if bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { return k }
                } else if rest.contains(p[k]) {
                    return k
                }
                k += 1
            }
            return n
        }
    }

    /// The last offset before `end` of `p` whose scalar is in the set, else -1: `firstMember` read backwards.
    func lastMember(_ p: UnsafeBufferPointer<Unicode.Scalar>, before end: Int) -> Int {
        bits.withUnsafeBufferPointer { bits in
            var k = end - 1
            while k >= 0 {
                let v = p[k].value
                if v < 0x10000 {
                    if bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { return k }
                } else if rest.contains(p[k]) {
                    return k
                }
                k -= 1
            }
            return -1
        }
    }

    /// The scalars of both sets.
    func union(_ other: ScalarSet) -> ScalarSet {
        var u = self
        for k in u.bits.indices { u.bits[k] |= other.bits[k] }
        u.rest.formUnion(other.rest)
        return u
    }
}

extension TextClasses {

    /// Start of the sentence holding offset `i`.
    /// (Read by pointer, as `lastMember` reads: each figure's sentence and clauses are found by reading back.)
    static func sentenceStart(_ text: [Unicode.Scalar], _ i: Int) -> Int {
        let e = min(i, text.count)
        guard e > 0 else { return e }
        return text.withUnsafeBufferPointer { sentenceEnd.lastMember($0, before: e) + 1 }
    }

    /// End (exclusive) of the sentence holding offset `i`.
    static func sentenceEndIndex(_ text: [Unicode.Scalar], _ i: Int) -> Int {
        var k = max(i, 0)
        while k < text.count, !sentenceEnd.contains(text[k]) { k += 1 }
        return k
    }

    /// Start of the clause holding offset `i`.
    static func clauseStart(_ text: [Unicode.Scalar], _ i: Int) -> Int {
        let e = min(i, text.count)
        guard e > 0 else { return e }
        return text.withUnsafeBufferPointer { clauseEnd.lastMember($0, before: e) + 1 }
    }

    /// Title marks and sentence ends: one bitmap test per scalar read back.
    static let titleStops = sentenceEnd.union(bookOpen).union(bookClose)

    /// Whether offset `i` lies inside 《…》 (a title): the nearest title mark or
    /// sentence end before it opens a title. (`stops` and `opens` are `titleStops` and `bookOpen`, read by a
    /// caller that asks many times once for all: a static read is a `swift_once` call.)
    static func insideBookTitle(_ text: [Unicode.Scalar], _ i: Int, _ stops: ScalarSet = titleStops,
                                _ opens: ScalarSet = bookOpen) -> Bool {
        text.withUnsafeBufferPointer { t in
            var k = min(i, t.count) - 1
            while k >= 0 {
                if stops.contains(t[k]) { return opens.contains(t[k]) }
                k -= 1
            }
            return false
        }
    }
}

/// A stretch of text tested on its scalars when it is plain (then the answers
/// are String's), else as a String: String's comparisons normalize and hash
/// characters, which costs far more than comparing scalars.
struct TextTest {
    typealias S = Unicode.Scalar
    let scalars: ArraySlice<S>
    let plain: Bool

    init(_ s: ArraySlice<S>) {
        scalars = s
        plain = TextClasses.allPlain(s)
    }

    var string: String { TextClasses.string(scalars) }

    /// `string.hasSuffix(w)`; `w` must be plain.
    func hasSuffix(_ w: String) -> Bool {
        plain ? TextTest.ends(scalars, with: w.unicodeScalars) : string.hasSuffix(w)
    }

    /// `hasSuffix` of a word held as scalars (a constant, not decoded at each test); `w` must be plain.
    func hasSuffix(_ w: [S]) -> Bool {
        plain ? TextTest.ends(scalars, with: w) : string.hasSuffix(TextClasses.string(w))
    }

    /// Whether `s` ends with the scalars of `w`.
    static func ends<W: BidirectionalCollection>(_ s: ArraySlice<S>, with w: W) -> Bool where W.Element == S {
        var k = s.endIndex
        for c in w.reversed() {
            k -= 1
            if k < s.startIndex || s[k] != c { return false }
        }
        return true
    }

    /// `TextClasses.contains(string, w)`; `w` must be plain.
    func contains(_ w: [S]) -> Bool {
        plain ? TextClasses.contains(scalars, plain: true, w) : TextClasses.contains(string, TextClasses.string(w))
    }

    /// `set.contains(string)`, where `words` holds the same (plain) words as `set`.
    func isOne(of words: WordList, _ set: Set<String>) -> Bool {
        guard plain else { return set.contains(string) }
        return !scalars.isEmpty && words.isWord(scalars, scalars.startIndex, scalars.endIndex)
    }
}
