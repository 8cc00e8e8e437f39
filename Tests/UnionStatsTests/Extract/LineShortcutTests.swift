import XCTest
@testable import UnionStats

/// Line tests answered from what is known already: a line whose first scalar cannot open a byline
/// is ruled out by `bylineLength` before its full test, and pass 1 of the repair skips the
/// parallel-heading test unless the line's scan counts one clause mark (and reads up to that mark
/// only). Both must answer as the full tests do.
final class LineShortcutTests: XCTestCase {
    static let pieces = ["本报讯", "本报北京1月5日电", "新华社北京电", "据中工网讯", "据了解", "□", "■", " ", "\u{3000}", "（记者 马超）", "本", "新", "据",
                         "职工", "工会", "，", ",", "。", "！", "”", "暖人心", "圆贫困学子上学梦", "1", "a"]

    /// `Repairer.isParallelHeading` as it was, reading every scalar of the line for its clause marks.
    static func parallelHeadingAsBefore(_ line: [Unicode.Scalar]) -> Bool {
        guard line.count <= 30, !Scalars.endsSentence(line) else { return false }
        var comma = -1
        for (i, s) in line.enumerated() where Scalars.isClausePunctuation(s) {
            guard comma < 0, s == "，" || s == "," else { return false }
            comma = i
        }
        return comma >= 4 && line.count - comma - 1 >= 4
    }

    func testShortcutsAnswerAsTheFullTests() {
        var rng = SplitMix64(seed: 55)
        var bylines = 0, headings = 0, gated = 0, endings = 0
        for _ in 0..<20_000 {
            let line = Array((0..<Int(1 + rng.next() % 8)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined().unicodeScalars)
            let byline = Bylines.bylineLength(opening: line)
            if !Bylines.mayOpen(line[0]) { XCTAssertNil(byline, String(String.UnicodeScalarView(line))) }
            XCTAssertEqual(Bylines.bylineLength(line), byline, String(String.UnicodeScalarView(line)))
            if byline != nil { bylines += 1 }
            // Pass 1 tests only lines whose scan counts one clause mark, and reads them up to that mark.
            let heading = Self.parallelHeadingAsBefore(line)
            if line.withUnsafeBufferPointer({ LineScan($0) }).clauses != 1 {
                XCTAssertFalse(heading, String(String.UnicodeScalarView(line)))
            } else {
                XCTAssertEqual(Repairer.isParallelHeading(oneClause: line, endsSentence: Scalars.endsSentence(line)), heading,
                               String(String.UnicodeScalarView(line)))
                if line.count <= 30 && !Scalars.endsSentence(line) { gated += 1 }
            }
            if heading { headings += 1 }
            // Pass 1 asks whether a line ends a sentence only when its scan counts a clause mark.
            let ends = Scalars.endsSentence(line)
            if line.withUnsafeBufferPointer({ LineScan($0) }).clauses == 0 { XCTAssertFalse(ends, String(String.UnicodeScalarView(line))) }
            if ends { endings += 1 }
        }
        XCTAssertGreaterThan(endings, 1000)
        XCTAssertGreaterThan(bylines, 500)
        XCTAssertGreaterThan(headings, 20)
        XCTAssertGreaterThan(gated, headings)
    }

    /// `isCredit` as it was, copying every line and taking its spaces out before the rules
    /// (`isCredit(compact:spaced:)`): the buffer form, which copies only a spaced line to the
    /// stack and reads the others in place, must answer as it does.
    static func creditAsBefore(_ s: [Unicode.Scalar]) -> Bool {
        guard Bylines.mayBeCredit(s) else { return false }
        return Bylines.isCredit(compact: Scalars.withoutSpaces(s), spaced: s.contains(where: Scalars.isSpace))
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

    /// The furniture scan table answers for every scalar, of the plane and past it, as the tests
    /// it stands for: an ideograph in no navigation word; the first scalar of a footer mark.
    func testFurnitureScanTableHoldsTheTests() {
        let table = PageFurniture.scanTable
        let markStarts = Set(PageFurniture.footerMarks.compactMap(\.first))
        var foreign = 0, navigation = 0, marks = 0
        for v in UInt32(0)...0x3FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let bits = PageFurniture.scanBits(s, table)
            let isForeign = Scalars.isIdeograph(s) && !PageFurniture.navigationScalars.contains(s)
            XCTAssertEqual(bits & PageFurniture.foreignBit != 0, isForeign, String(v, radix: 16))
            XCTAssertEqual(bits & PageFurniture.markStartBit != 0, markStarts.contains(s), String(v, radix: 16))
            XCTAssertEqual(bits & ~(PageFurniture.foreignBit | PageFurniture.markStartBit), 0)
            if isForeign { foreign += 1 }
            if Scalars.isIdeograph(s) && !isForeign { navigation += 1 }
            if markStarts.contains(s) { marks += 1 }
        }
        XCTAssertGreaterThan(foreign, 100_000, "ideographs of the plane and past it")
        XCTAssertGreaterThan(navigation, 20, "ideographs of navigation words")
        XCTAssertEqual(marks, markStarts.count)
    }

    /// The footer test tries a key only when the line starts with its first scalar, and a mark
    /// only where its first scalar stands: it answers as the test that tried every key at the
    /// start and searched the line for every mark (kept here), on lines made of keys, marks and text.
    func testFooterAnswersAsEveryKeyAndMarkTried() {
        func before(_ compact: [Unicode.Scalar]) -> Bool {
            guard !compact.isEmpty else { return false }
            for k in PageFurniture.footerKeys where PageFurniture.hasPrefix(compact, k) {
                if compact.count > k.count && (compact[k.count] == ":" || compact[k.count] == "：") { return true }
            }
            if compact.count <= 120 {
                for m in PageFurniture.footerMarks where PageFurniture.indexOf(m, in: compact, from: 0) != nil { return true }
            }
            return false
        }
        let pieces = PageFurniture.footerKeys.map { String(String.UnicodeScalarView($0)) }
            + PageFurniture.footerMarks.map { String(String.UnicodeScalarView($0)) }
            + ["：", ":", "工会", "公司", "版", "I", "C", "c", "A", "备", "网", "3", "，", String(repeating: "职工", count: 30)]
        var rng = SplitMix64(seed: 77)
        var keyed = 0, marked = 0, neither = 0
        for _ in 0..<20_000 {
            let line = Array((0..<Int(1 + rng.next() % 5)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined().unicodeScalars)
            let want = before(line)
            XCTAssertEqual(line.withUnsafeBufferPointer { PageFurniture.isFooter($0) }, want, String(String.UnicodeScalarView(line)))
            let key = PageFurniture.footerKeys.contains { k in
                PageFurniture.hasPrefix(line, k) && line.count > k.count && (line[k.count] == ":" || line[k.count] == "：")
            }
            if key { keyed += 1 } else if want { marked += 1 } else { neither += 1 }
        }
        XCTAssertGreaterThan(keyed, 200, "footers by a key and a colon")
        XCTAssertGreaterThan(marked, 1_000, "footers by a mark")
        XCTAssertGreaterThan(neither, 1_000)
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

    /// The furniture test of a spaced line compares it without its spaces, copied to the stack:
    /// it must answer as the test of the line made compact as an array does.
    func testSpacedFurnitureAnswersAsTheCompactLine() {
        let pieces = ["上一版", "下一版", "版面导航", "返回", "京工网", "第", "09", "版", ":", "：", "顺义", "主办", "ICP备", "©", "广告", "（",
                      "）", " ", "\u{3000}", "\u{A0}", "，", "工会", "职工", "3", "a"]
        var rng = SplitMix64(seed: 88)
        var furniture = 0, spaced = 0
        for _ in 0..<20_000 {
            let line = Array((0..<Int(1 + rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined().unicodeScalars)
            let first = line.firstIndex { !Scalars.isSpace($0) } ?? line.count, last = line.lastIndex { !Scalars.isSpace($0) } ?? -1
            guard first <= last else { continue }
            let trimmed = Array(line[first...last])
            let scan = trimmed.withUnsafeBufferPointer { LineScan($0) }
            let got = trimmed.withUnsafeBufferPointer { PageFurniture.isFurniture($0, scan) }
            // The test as it was for a spaced line: the sentence and comma answers, then the compact array.
            var expected = false
            if !scan.fullStop && !(scan.digits >= 6 && PageFurniture.dateHeader(trimmed) != nil) && !(scan.comma && !scan.colon) {
                expected = PageFurniture.isFurniture(compact: Scalars.withoutSpaces(trimmed), comma: scan.comma)
            }
            XCTAssertEqual(got, expected, String(String.UnicodeScalarView(trimmed)))
            if scan.spaces { spaced += 1; if got { furniture += 1 } }
        }
        XCTAssertGreaterThan(spaced, 2_000)
        XCTAssertGreaterThan(furniture, 100, "spaced lines taken for furniture")
    }

    /// Whole furniture lines are compared with a list, not looked up in a Set of arrays; the
    /// navigation test skips words whose first scalar a line lacks. Both answer as before.
    func testWholeLinesAndNavigationAnswerAsBefore() {
        let words = PageFurniture.wholeLines.map { String(String.UnicodeScalarView($0)) }
            + PageFurniture.navigationWords.map { String(String.UnicodeScalarView($0)) }
        let pieces = words + ["3", "a", "京工网", "工会", "职工", "（", "）", "第", "版", ":"]
        var rng = SplitMix64(seed: 99)
        var whole = 0, navigation = 0
        for k in 0..<20_000 {
            let count = k % 4 == 0 ? 1 : Int(1 + rng.next() % 5)
            let line = Array((0..<count).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined().unicodeScalars)
            let label = String(String.UnicodeScalarView(line))
            // As before: the Set lookup, every word removed in turn.
            let wholeBefore = line.count <= 12 && PageFurniture.wholeLines.contains(line)
            var rest = line, hits = 0
            for w in PageFurniture.navigationWords { hits += PageFurniture.removeAll(w, from: &rest) }
            let residue = rest.filter { Scalars.isIdeograph($0) }
            let foreign = line.filter { Scalars.isIdeograph($0) && !PageFurniture.navigationScalars.contains($0) }.count
            let navigationBefore = foreign <= 6 && hits > 0 && (residue.isEmpty || (residue.count <= 6 && residue.last == "网"))
            XCTAssertEqual(line.withUnsafeBufferPointer { PageFurniture.isNavigation($0) }, navigationBefore, label)
            let got = line.withUnsafeBufferPointer { PageFurniture.isFurniture(compact: $0, comma: false) }
            if wholeBefore || navigationBefore { XCTAssertTrue(got, label) }
            if wholeBefore { whole += 1 }
            if navigationBefore { navigation += 1 }
        }
        XCTAssertGreaterThan(whole, 1000)
        XCTAssertGreaterThan(navigation, 1000)
    }
}
