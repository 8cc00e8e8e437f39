/// Undoes headline text where every character was printed twice
/// (`为为患患病病同同事事` → `为患病同事`), an artefact of copying outlined or
/// shadowed headline type. Only whole lines are undone, so that ordinary
/// reduplication (`常常`, `看看`) inside text is left alone.
enum DoubledCharacters {
    /// The undoubled line, or nil when the line is not made of doubled pairs. The test of its
    /// first two scalars, which rules out nearly every line, is made where it is called.
    @inline(__always)
    static func undo<L: RandomAccessCollection>(_ line: L) -> [Unicode.Scalar]? where L.Element == Unicode.Scalar, L.Index == Int {
        guard line.count >= 4, line.count <= 200, line[0] == line[1] || Scalars.isSpace(line[0]) else { return nil }
        return undoPairs(line)
    }

    /// `undo` of a line that opens with a pair or a space.
    static func undoPairs<L: RandomAccessCollection>(_ line: L) -> [Unicode.Scalar]? where L.Element == Unicode.Scalar, L.Index == Int {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(line.count / 2)
        var distinct = false
        var i = 0
        while i < line.count {
            let s = line[i]
            if Scalars.isSpace(s) { out.append(s); i += 1; continue }
            guard i + 1 < line.count, line[i + 1] == s else { return nil }
            if let last = out.last(where: { !Scalars.isSpace($0) }), last != s { distinct = true }
            out.append(s)
            i += 2
        }
        let kept = Scalars.withoutSpaces(out)
        // At least two different characters, and some Chinese: `哈哈哈哈` or `----` are not doubled text.
        guard kept.count >= 2, distinct, kept.contains(where: Scalars.isIdeograph) else { return nil }
        return out
    }
}
