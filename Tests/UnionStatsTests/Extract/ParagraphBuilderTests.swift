import XCTest
@testable import UnionStats

/// `ParagraphBuilder.start` and `clearPieces` empty the builder whether it held one line or
/// piece (the `removeLast` shortcut) or several (the general `removeAll`).
final class ParagraphBuilderTests: XCTestCase {
    func testStartLeavesOnlyTheNewLine() {
        var b = ParagraphBuilder()
        for previous in [0, 1, 2, 5, 1, 3, 1] {
            if previous > 0 {
                b.start(index: 100)
                for k in 1..<previous { b.add(index: 100 + k, gap: k % 2) }
            }
            XCTAssertEqual(b.parts.count, previous)
            b.start(index: 7)
            XCTAssertEqual(b.parts.map(\.index), [7])
            XCTAssertEqual(b.parts.map(\.gap), [0])
            XCTAssertEqual(b.firstLine, 8)
            XCTAssertEqual(b.lastLineIndex, 7)
        }
    }

    func testClearPiecesEmptiesOneOrSeveral() {
        var b = ParagraphBuilder()
        for pieces in [0, 1, 3, 1, 2, 0, 1] {
            // Byte pieces and scalar pieces alternate, so none joins the one before.
            for k in 0..<pieces {
                if k % 2 == 0 { b.addText(bytes: (10 * k)..<(10 * k + 5)) } else { b.addText(scalars: (10 * k)..<(10 * k + 3)) }
            }
            XCTAssertEqual(b.pieces.count, pieces)
            b.clearPieces()
            XCTAssertTrue(b.pieces.isEmpty)
            b.addText(bytes: 0..<4)
            XCTAssertEqual(b.pieces.count, 1)
            b.clearPieces()
        }
    }
}
