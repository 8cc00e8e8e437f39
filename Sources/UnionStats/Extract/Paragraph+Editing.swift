extension Paragraph {
    /// The paragraph without its first `n` scalars (a byline cut off), its line map shifted so
    /// that every remaining scalar still points at its source line.
    func droppingPrefix(_ n: Int) -> Paragraph {
        guard n > 0 else { return self }
        let scalars = text.unicodeScalars
        let cut = scalars.index(scalars.startIndex, offsetBy: min(n, scalars.count))
        let rest = String(scalars[cut...])
        // The line holding offset n becomes the first line.
        var first = 0
        for (i, s) in lineStarts.enumerated() where s <= n { first = i }
        let starts = lineStarts[first...].map { max(0, $0 - n) }
        return Paragraph(text: rest, firstLine: firstLine + first, lineStarts: Array(starts))
    }
}
