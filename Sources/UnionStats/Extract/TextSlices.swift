/// Strings cut from a text by scalar offsets (a mention's words, clause and context): copied
/// from the text's own UTF-8, which is valid already, instead of encoding scalars again and
/// having the new String validate them.
struct TextSlices {
    let text: String
    /// `text`'s scalars.
    let scalars: [Unicode.Scalar]
    /// The scalar offset asked last and its UTF-8 offset: the offsets of one mention lie close
    /// together, and mentions come in text order, so each is walked to from the one before.
    private var scalar = 0
    private var byte = 0

    init(_ text: String, scalars: [Unicode.Scalar]) {
        self.text = text
        self.scalars = scalars
    }

    /// UTF-8 offset of scalar offset `k` (0...scalars.count).
    @inline(__always)
    mutating func offset(_ k: Int) -> Int {
        while scalar < k { byte += Scalars.utf8Length(scalars[scalar]); scalar += 1 }
        while scalar > k { scalar -= 1; byte -= Scalars.utf8Length(scalars[scalar]) }
        return byte
    }

    /// The scalars `lo..<hi` (clamped) as a String.
    mutating func string(_ lo: Int, _ hi: Int) -> String {
        let a = max(0, lo), b = min(scalars.count, hi)
        guard a < b else { return "" }
        let u = text.utf8
        let from = u.index(u.startIndex, offsetBy: offset(a)), to = u.index(u.startIndex, offsetBy: offset(b))
        return String(text[from..<to])
    }
}
