import XCTest
@testable import UnionStats

/// `Paragraph.dropPrefix` (in place) makes what `droppingPrefix` (a new paragraph) makes.
final class ParagraphEditingTests: XCTestCase {
    private func same(_ a: Paragraph, _ b: Paragraph, _ what: String) {
        XCTAssertEqual(a, b, what)
        XCTAssertEqual(a.keptScalars, b.keptScalars, what)
        XCTAssertEqual(a.scalars, Array(a.text.unicodeScalars), what)
    }

    func testDropPrefixIsDroppingPrefix() {
        let texts = ["本报讯（记者 马超）近日，全市工会开展送温暖活动。", "ab 1€ 工会𠀀x", "据中工网讯", "x"]
        let maps: [[Int]] = [[0], [0, 3], [0, 2, 5, 9], [0, 0, 4]]
        var shared = 0, own = 0
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            for starts in maps where starts.last! <= scalars.count {
                for n in 0...scalars.count {
                    for kept in [true, false] {
                        let p = kept ? Paragraph(text: text, scalars: scalars, firstLine: 7, lineStarts: starts)
                                     : Paragraph(text: text, firstLine: 7, lineStarts: starts)
                        let expected = p.droppingPrefix(n)
                        // Dropped in a paragraph whose storage it shares (copied on write) and in one of its own.
                        var copy = p
                        copy.dropPrefix(n)
                        same(copy, expected, "\(text) \(starts) \(n) \(kept)")
                        shared += 1
                        var alone = kept ? Paragraph(text: String(decoding: Array(text.utf8), as: UTF8.self), scalars: Array(scalars), firstLine: 7, lineStarts: Array(starts))
                                         : Paragraph(text: String(decoding: Array(text.utf8), as: UTF8.self), firstLine: 7, lineStarts: Array(starts))
                        alone.dropPrefix(n)
                        same(alone, expected, "\(text) \(starts) \(n) \(kept) own")
                        own += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(shared, 50)
        XCTAssertEqual(own, shared)
    }
}

/// The former `Paragraph.droppingPrefix`, kept here as the oracle `dropPrefix` is held to: a new
/// paragraph made from the text, its scalars and its line map, without the in-place shortcuts.
private extension Paragraph {
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
