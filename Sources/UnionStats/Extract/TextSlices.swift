/// Strings cut from a text by scalar offsets (a mention's words, clause and context): copied
/// from the text's own UTF-8, which is valid already, instead of encoding scalars again and
/// having the new String validate them. A view that lives inside `with`: the text's UTF-8 is
/// reached once for all its slices, and the offsets go into room the caller reuses.
struct TextSlices {
    /// The text's scalars.
    let scalars: [Unicode.Scalar]
    /// The text's UTF-8.
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The UTF-8 offset of every scalar offset (0...scalars.count), counted once for all the
    /// slices of the text: a mention asks for eight offsets around it, most of them 40 apart.
    private let offsets: UnsafePointer<Int32>

    private init(scalars: [Unicode.Scalar], bytes: UnsafeBufferPointer<UInt8>, offsets: UnsafePointer<Int32>) {
        self.scalars = scalars
        self.bytes = bytes
        self.offsets = offsets
    }

    /// Runs `body` with the slices of `text`, whose scalars are `scalars`; `room` holds the offsets
    /// (grown as needed, kept by the caller for the next text).
    static func with<R>(_ text: String, scalars: [Unicode.Scalar], room: inout ScratchBuffer<Int32>, _ body: (TextSlices) -> R) -> R {
        let n = scalars.count
        room.reserve(n + 1, keeping: 0)
        let out = room.base
        scalars.withUnsafeBufferPointer { s in
            var byte: Int32 = 0
            for k in 0..<n {
                out[k] = byte
                byte &+= Int32(truncatingIfNeeded: Scalars.utf8Length(s[k]))
            }
            out[n] = byte
        }
        var copy = text
        return copy.withUTF8 { body(TextSlices(scalars: scalars, bytes: $0, offsets: out)) }
    }

    /// The UTF-8 offset of scalar offset `k` (clamped to the text).
    func utf8Offset(_ k: Int) -> Int32 { offsets[min(max(0, k), scalars.count)] }

    /// The scalars `lo..<hi` (clamped) as a String: the text's bytes copied without validation
    /// (a Substring's String scans them for ASCII and costs a slice and an index walk more).
    func string(_ lo: Int, _ hi: Int) -> String {
        let a = max(0, lo), b = min(scalars.count, hi)
        guard a < b else { return "" }
        let from = Int(offsets[a]), to = Int(offsets[b])
        return UTF8Coding.string(validated: UnsafeBufferPointer(rebasing: bytes[from..<to]), isASCII: to - from == b - a)
    }
}
