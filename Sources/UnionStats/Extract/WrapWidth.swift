/// Whether a page is hard-wrapped (lines cut at a column width, as copied from a PDF) and at
/// which width, from the widths of its non-blank lines: most lines lie within a few columns of
/// the widest usual line (the 80th percentile). Also whether indentation marks its paragraphs.
struct WrapWidth {
    /// False when most lines are indented: indentation then marks nothing.
    var indentationMarksParagraphs = true
    var hardWrapped = false
    /// The wrap width; means something only when `hardWrapped`.
    var width = 0

    /// The widest wrap width taken. Lines wider than `widest + 1` columns are counted together:
    /// only the percentile's neighbourhood up to `widest + 1` is ever looked at, so the
    /// histogram is a few hundred bytes on the stack, not a zeroed array of every width up to 1024.
    static let widest = 120

    init(_ lines: [LineFeatures]) {
        let wider = WrapWidth.widest + 2  // the bucket of every width past `widest + 1`
        var count = 0, indented = 0
        let (p80, near) = withUnsafeTemporaryAllocation(of: Int.self, capacity: wider + 1) { histogram -> (Int, Int) in
            histogram.initialize(repeating: 0)
            for l in lines where !l.has(LineFeatures.blank) {
                histogram[min(max(0, Int(l.width)), wider)] += 1
                count += 1
                if l.has(LineFeatures.indented) { indented += 1 }
            }
            guard count >= 5 else { return (-1, 0) }
            var seen = 0, p80 = wider
            for w in 0...wider {
                seen += histogram[w]
                if seen * 10 >= count * 8 { p80 = w; break }
            }
            // Only a percentile up to `widest` is used, and its neighbourhood then lies within the exact buckets.
            guard p80 <= WrapWidth.widest else { return (p80, 0) }
            var near = 0
            for w in max(0, p80 - 4)...(p80 + 1) { near += histogram[w] }
            return (p80, near)
        }
        indentationMarksParagraphs = indented * 2 < count
        guard p80 >= 0 else { return }
        width = p80
        hardWrapped = p80 <= WrapWidth.widest && p80 >= 12 && near * 2 >= count
    }
}
