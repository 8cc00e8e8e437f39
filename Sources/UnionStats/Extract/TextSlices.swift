/// Strings cut from a text by scalar offsets (a mention's words, clause and context): copied
/// from the text's own UTF-8, which is valid already, instead of encoding scalars again and
/// having the new String validate them.
struct TextSlices {
    let text: String
    /// `text`'s scalars.
    let scalars: [Unicode.Scalar]
    /// The UTF-8 offset of every scalar offset (0...scalars.count), counted once for all the
    /// slices of the text: a mention asks for eight offsets around it, most of them 40 apart.
    private let offsets: [Int32]

    init(_ text: String, scalars: [Unicode.Scalar]) {
        self.text = text
        self.scalars = scalars
        let n = scalars.count
        offsets = scalars.withUnsafeBufferPointer { s in
            [Int32](unsafeUninitializedCapacity: n + 1) { out, made in
                var byte: Int32 = 0
                for k in 0..<n {
                    out[k] = byte
                    byte &+= Int32(truncatingIfNeeded: Scalars.utf8Length(s[k]))
                }
                out[n] = byte
                made = n + 1
            }
        }
    }

    /// The scalars `lo..<hi` (clamped) as a String: the text's bytes copied without validation
    /// (a Substring's String scans them for ASCII and costs a slice and an index walk more).
    func string(_ lo: Int, _ hi: Int) -> String {
        let a = max(0, lo), b = min(scalars.count, hi)
        guard a < b else { return "" }
        let from = Int(offsets[a]), to = Int(offsets[b])
        var copy = text
        return copy.withUTF8 { UTF8Coding.string(validated: UnsafeBufferPointer(rebasing: $0[from..<to]), isASCII: to - from == b - a) }
    }
}
