extension Paragraph {
    /// The paragraph without its first `n` scalars (a byline cut off), its line map shifted so
    /// that every remaining scalar still points at its source line.
    func droppingPrefix(_ n: Int) -> Paragraph {
        guard n > 0 else { return self }
        // The cut found on the UTF-8 itself: the n-th scalar starts at the n-th non-continuation byte.
        var copy = text
        let cut = copy.withUTF8 { buf -> Int in
            var seen = 0, cut = 0
            while cut < buf.count {
                if buf[cut] & 0xC0 != 0x80 {
                    if seen == n { break }
                    seen += 1
                }
                cut += 1
            }
            return cut
        }
        // A copy of the text's own (valid) UTF-8 from a scalar boundary: nothing to validate again.
        let rest = String(text[text.utf8.index(text.utf8.startIndex, offsetBy: cut)...])
        // The line holding offset n becomes the first line.
        var first = 0
        for (i, s) in lineStarts.enumerated() where s <= n { first = i }
        let starts = lineStarts[first...].map { max(0, $0 - n) }
        if let kept = keptScalars, n <= kept.count {
            return Paragraph(text: rest, scalars: Array(kept[n...]), firstLine: firstLine + first, lineStarts: Array(starts))
        }
        return Paragraph(text: rest, firstLine: firstLine + first, lineStarts: Array(starts))
    }
}
