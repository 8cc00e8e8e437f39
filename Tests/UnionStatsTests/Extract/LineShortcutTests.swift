import XCTest
@testable import UnionStats

/// Line tests answered from what is known already: a line whose first scalar cannot open a byline
/// is ruled out by `bylineLength` before its full test, and pass 1 of the repair skips the
/// parallel-heading test unless the line's scan counts one clause mark. Both must answer as the
/// full tests do.
final class LineShortcutTests: XCTestCase {
    static let pieces = ["本报讯", "本报北京1月5日电", "新华社北京电", "据中工网讯", "据了解", "□", "■", " ", "\u{3000}", "（记者 马超）", "本", "新", "据",
                         "职工", "工会", "，", ",", "。", "！", "”", "暖人心", "圆贫困学子上学梦", "1", "a"]

    func testShortcutsAnswerAsTheFullTests() {
        var rng = SplitMix64(seed: 55)
        var bylines = 0, headings = 0
        for _ in 0..<20_000 {
            let line = Array((0..<Int(1 + rng.next() % 8)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined().unicodeScalars)
            let byline = Bylines.bylineLength(opening: line)
            if !Bylines.mayOpen(line[0]) { XCTAssertNil(byline, String(String.UnicodeScalarView(line))) }
            XCTAssertEqual(Bylines.bylineLength(line), byline, String(String.UnicodeScalarView(line)))
            if byline != nil { bylines += 1 }
            let heading = Repairer.isParallelHeading(line, endsSentence: Scalars.endsSentence(line))
            // Pass 1 tests only lines whose scan counts one clause mark.
            if line.withUnsafeBufferPointer({ LineScan($0) }).clauses != 1 { XCTAssertFalse(heading, String(String.UnicodeScalarView(line))) }
            if heading { headings += 1 }
        }
        XCTAssertGreaterThan(bylines, 500)
        XCTAssertGreaterThan(headings, 20)
    }

    /// The furniture tests' bitmaps (bits held by pointer) hold exactly the scalars they were made
    /// of: every scalar of the plane and past it is held to a Set of them.
    func testScalarBitmapHoldsItsScalars() {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<4 {
            let members = Set((0..<200).compactMap { _ in Unicode.Scalar(UInt32(rng.next() % 0x10000)) } + ["工", "a", "\u{FFFF}"])
            let bitmap = ScalarBitmap(members.union(["😀"]))
            for v in UInt32(0)...0x1FFFF {
                guard let s = Unicode.Scalar(v) else { continue }
                XCTAssertEqual(bitmap.contains(s), members.contains(s), String(v, radix: 16))
            }
        }
        XCTAssertTrue(PageFurniture.navigationScalars.contains("版"))
    }

    /// The range test in front of `isClausePunctuation` answers no only for scalars that are not
    /// clause marks: every scalar is held to the list of marks.
    func testClausePunctuationIsTheListOfMarks() {
        let marks = Set("，、；,;。！？!?…．".unicodeScalars.map(\.value))
        var found = 0
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            XCTAssertEqual(Scalars.isClausePunctuation(s), marks.contains(v), String(v, radix: 16))
            if Scalars.isClausePunctuation(s) { found += 1 }
        }
        XCTAssertEqual(found, marks.count)
    }
}
