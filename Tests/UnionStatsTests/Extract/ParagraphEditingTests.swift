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
