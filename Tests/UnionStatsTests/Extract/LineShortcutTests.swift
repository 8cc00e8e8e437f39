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
        var bylines = 0, headings = 0, gated = 0
        for _ in 0..<20_000 {
            let line = Array((0..<Int(1 + rng.next() % 8)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined().unicodeScalars)
            let byline = Bylines.bylineLength(opening: line)
            if !Bylines.mayOpen(line[0]) { XCTAssertNil(byline, String(String.UnicodeScalarView(line))) }
            XCTAssertEqual(Bylines.bylineLength(line), byline, String(String.UnicodeScalarView(line)))
            if byline != nil { bylines += 1 }
            let heading = Repairer.isParallelHeading(line, endsSentence: Scalars.endsSentence(line))
            // Pass 1 tests only lines whose scan counts one clause mark, of at most 30 scalars, that end no sentence.
            if line.withUnsafeBufferPointer({ LineScan($0) }).clauses != 1 || line.count > 30 || Scalars.endsSentence(line) {
                XCTAssertFalse(heading, String(String.UnicodeScalarView(line)))
            } else {
                XCTAssertEqual(Repairer.isParallelHeading(line, endsSentence: false), heading, String(String.UnicodeScalarView(line)))
                gated += 1
            }
            if heading { headings += 1 }
        }
        XCTAssertGreaterThan(bylines, 500)
        XCTAssertGreaterThan(headings, 20)
        XCTAssertGreaterThan(gated, headings)
    }

    /// `isCredit` as it was, copying every line and taking its spaces out: the buffer form, which
    /// copies only a spaced line, must answer as it does.
    static func creditAsBefore(_ s: [Unicode.Scalar]) -> Bool {
        guard Bylines.mayBeCredit(s) else { return false }
        let compact = Scalars.withoutSpaces(s)
        guard !compact.isEmpty, compact.count <= 30 else { return false }
        if compact.contains(where: { Scalars.isSentenceFinal($0) || $0 == "，" || $0 == "," || $0 == "；" || $0 == "、" && compact.count > 20 }) {
            return false
        }
        if compact.first == "□" || compact.first == "■" { return compact.count <= 20 }
        if (compact.first == "(" || compact.first == "（") && (compact.last == ")" || compact.last == "）") && compact.count <= 12 {
            return true
        }
        for p in Bylines.creditStarts where PageFurniture.hasPrefix(compact, p) {
            if p.count <= 2 && PageFurniture.hasPrefix(compact, Array("记者".unicodeScalars)) && compact.count > 12 { return false }
            return s.contains(where: Scalars.isSpace) || compact.count <= 8 || Bylines.creditEnds.contains { Bylines.hasSuffix(compact, $0) }
        }
        for e in Bylines.creditEnds where Bylines.hasSuffix(compact, e) {
            return compact.count <= 20 && s.contains(where: Scalars.isSpace)
        }
        if let slash = compact.firstIndex(of: "/"), slash > 0, compact[slash - 1] == "摄" { return true }
        return false
    }

    func testCreditInPlaceAnswersAsBefore() {
        let pieces = ["本报记者", "记者", "通讯员", "文/", "图 /", "摄", "摄影报道", "供图", "□", "（", "）", "(", ")", "/", "摄/",
                      " ", "\u{3000}", "马超", "赵研容", "视觉中国", "，", "、", "。", "昨天从", "1", "a", "工会职工"]
        var rng = SplitMix64(seed: 77)
        var credits = 0, spaced = 0, unspaced = 0
        for _ in 0..<20_000 {
            let line = Array((0..<Int(1 + rng.next() % 7)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined().unicodeScalars)
            let expected = Self.creditAsBefore(line)
            let hasSpace = line.contains(where: Scalars.isSpace)
            let slashed = line.contains(where: { Scalars.isSpace($0) || $0 == "/" })
            let label = String(String.UnicodeScalarView(line))
            XCTAssertEqual(Bylines.isCredit(line), expected, label)
            XCTAssertEqual(line.withUnsafeBufferPointer { Bylines.isCredit($0, spacedOrSlashed: slashed) }, expected, label)
            if expected { credits += 1; if hasSpace { spaced += 1 } else { unspaced += 1 } }
        }
        XCTAssertGreaterThan(spaced, 200, "credits with spaces (copied)")
        XCTAssertGreaterThan(unspaced, 200, "credits without (read in place)")
        XCTAssertLessThan(credits, 15_000)
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
