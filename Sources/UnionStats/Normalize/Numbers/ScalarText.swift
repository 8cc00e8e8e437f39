/// Small helpers for reading text as an array of Unicode scalars, the form all
/// number and figure scanning works on (no `Character`, no regex).
typealias ScalarString = [Unicode.Scalar]

extension Array where Element == Unicode.Scalar {
    /// Whether `word` is found in `self` starting at `i`.
    @inline(__always)
    func matches(_ word: ScalarString, at i: Int) -> Bool {
        guard i >= 0, i + word.count <= count else { return false }
        var k = 0
        while k < word.count {
            if self[i + k] != word[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether `word` ends right before `end`.
    @inline(__always)
    func matches(_ word: ScalarString, endingAt end: Int) -> Bool {
        matches(word, at: end - word.count)
    }

    /// The scalars in `range` (clamped) as a String, encoded straight into the string's storage.
    func string(_ lo: Int, _ hi: Int) -> String {
        let a = Swift.max(0, lo), b = Swift.min(count, hi)
        guard a < b else { return "" }
        return String(unsafeUninitializedCapacity: (b - a) * 4) { out in
            var n = 0
            for k in a..<b { n = UTF8Coding.encode(self[k].value, into: out, at: n) }
            return n
        }
    }
}

extension ArraySlice where Element == Unicode.Scalar {
    /// `elementsEqual(s.unicodeScalars)`, the string's scalars decoded from its UTF-8 in place (the
    /// generic comparison over the scalar view costs several times more): whether these scalars spell
    /// `s`, as a figure's raw text is checked against its paragraph at its offsets.
    func spells(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0, k = startIndex
            while i < bytes.count {
                guard k < endIndex else { return false }
                let (v, next) = UTF8Coding.decode(bytes, at: i)
                if self[k].value != v { return false }
                i = next
                k += 1
            }
            return k == endIndex
        } ?? elementsEqual(s.unicodeScalars)
    }
}

/// Character classes used while scanning.
enum ScalarClass {
    @inline(__always)
    static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always)
    static func isFullWidthDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0xFF10 && c.value <= 0xFF19 }

    /// 0–9 in ASCII or full width; the digit's value, else nil.
    @inline(__always)
    static func arabicDigit(_ c: Unicode.Scalar) -> Int? {
        if isASCIIDigit(c) { return Int(c.value - 0x30) }
        if isFullWidthDigit(c) { return Int(c.value - 0xFF10) }
        return nil
    }

    @inline(__always)
    static func isArabicDigit(_ c: Unicode.Scalar) -> Bool { isASCIIDigit(c) || isFullWidthDigit(c) }

    /// ASCII or full-width Latin letters: digits glued to them are codes (12351APP, P1013A).
    @inline(__always)
    static func isLatinLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0xFF21 && v <= 0xFF3A) || (v >= 0xFF41 && v <= 0xFF5A)
    }

    /// CJK unified ideographs (the basic block and extension A).
    @inline(__always)
    static func isIdeograph(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
    }

    /// Spaces that may sit between a number and its measure word in hard-wrapped pages.
    @inline(__always)
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\u{3000}" || c == "\u{A0}" || c == "\t"
    }

    /// Ends a sentence: 。！？； and ASCII ! ? ;
    @inline(__always)
    static func isSentenceEnd(_ c: Unicode.Scalar) -> Bool {
        // Most scalars read are common ideographs, none of which ends anything: one test for them.
        if c.value &- 0x4E00 < 0x5200 { return false }
        switch c {
        case "。", "！", "？", "；", "!", "?", ";", "\n": return true
        default: return false
        }
    }

    /// Ends a clause inside a sentence: ，：, : (and the sentence ends).
    @inline(__always)
    static func isClauseEnd(_ c: Unicode.Scalar) -> Bool {
        if c.value &- 0x4E00 < 0x5200 { return false }
        switch c {
        case "，", "：", ",", ":": return true
        default: return isSentenceEnd(c)
        }
    }
}

extension String {
    /// The scalars of the string, decoded straight from its UTF-8 (much faster than
    /// `Array(unicodeScalars)`, which pays for the generic sequence machinery).
    var scalars: ScalarString {
        var copy = self
        return copy.withUTF8 { buf in
            guard buf.count > 0 else { return [] }
            return ScalarString(unsafeUninitializedCapacity: buf.count) { out, made in made = String.decode(buf, into: out.baseAddress!, at: 0) }
        }
    }

    /// The scalars of `parts` one after another in one array (what `scalars` of the joined
    /// string gives, without joining), and where each part ends in it.
    static func scalars(of parts: [String]) -> (scalars: ScalarString, ends: [Int]) {
        var ends: [Int] = []
        ends.reserveCapacity(parts.count)
        let capacity = parts.reduce(0) { $0 + $1.utf8.count }
        guard capacity > 0 else { return ([], parts.map { _ in 0 }) }
        let scalars = ScalarString(unsafeUninitializedCapacity: capacity) { out, made in
            var m = 0
            for part in parts {
                var copy = part
                copy.withUTF8 { m = String.decode($0, into: out.baseAddress!, at: m) }
                ends.append(m)
            }
            made = m
        }
        return (scalars, ends)
    }

    /// Decodes `buf` (valid UTF-8: a Swift String's) into `out` from `m`; returns the end.
    @inline(__always)
    private static func decode(_ buf: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<Unicode.Scalar>, at start: Int) -> Int {
        var k = 0, m = start
        while k < buf.count {
            let (v, next) = UTF8Coding.decode(buf, at: k)
            out[m] = unsafeBitCast(v, to: Unicode.Scalar.self)
            k = next
            m += 1
        }
        return m
    }

    /// The string as an array of scalars (for tables written as string literals).
    var scalarArray: ScalarString { Array(unicodeScalars) }
}
