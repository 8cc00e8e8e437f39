import XCTest
@testable import UnionStats

/// The quantity the scanner keeps in a mention (`Mention.recognized`, taken by normalize in `run`)
/// is the one `QuantityParser` reads from the mention's `before + raw + after` (what `make` does
/// with the mentions it reads back): on the real pages, on random long paragraphs whose windows
/// are cut at every distance, and on the texts where the whole text and the window disagree.
final class RecognizedQuantityTests: XCTestCase {
    /// Checks every mention of `e`; returns how many kept their quantity, and how many did not.
    @discardableResult
    static func check(_ e: ExtractedPage, _ doc: String, file: StaticString = #filePath, line: UInt = #line) -> (kept: Int, parsed: Int) {
        var window: ScalarString = []
        var kept = 0, parsed = 0
        for (k, m) in e.mentions.enumerated() {
            guard let article = e.articles.first(where: { $0.index == m.article }) else { continue }
            // What make reads: the strings.
            let strings = QuantityParser.parse(raw: m.raw, before: m.before, after: m.after)
            let read = e.mentions.withUnsafeBufferPointer { QuantityParser.reparse($0.baseAddress! + k, in: article, window: &window) }
            XCTAssertEqual(read, strings, "\(doc) \(m.raw)", file: file, line: line)
            let taken = e.mentions.withUnsafeBufferPointer { QuantityParser.parse($0.baseAddress! + k, in: article, window: &window) }
            XCTAssertEqual(taken, strings, "\(doc) \(m.raw) [\(m.before)|\(m.after)]", file: file, line: line)
            if let q = m.recognized {
                XCTAssertEqual(q, strings, "\(doc) \(m.raw) [\(m.before)|\(m.after)]", file: file, line: line)
                kept += 1
            } else {
                parsed += 1
            }
        }
        return (kept, parsed)
    }

    func testRealPagesKeepTheParsedQuantity() throws {
        var pages = try QuantityWindowTests.pages()
        // The reference corpus's real pages, when this machine has them.
        let real = "/work/baseline/real"
        if let names = try? FileManager.default.contentsOfDirectory(atPath: real) {
            for name in names.sorted() where name.hasSuffix(".txt") {
                pages.append((name, Array(try Data(contentsOf: URL(fileURLWithPath: real + "/" + name)))))
            }
        }
        var kept = 0, parsed = 0
        for (doc, bytes) in pages {
            let n = Self.check(ExtractStage.extract(doc: doc, bytes: bytes), doc)
            kept += n.kept
            parsed += n.parsed
        }
        XCTAssertGreaterThan(kept + parsed, 1000)
        // Nearly all are taken as the scanner read them; a few lone 一 are read again.
        XCTAssertGreaterThan(kept, (kept + parsed) * 95 / 100)
    }

    /// Long paragraphs of the words that matter, so that windows are cut at every distance from
    /// titles, quotes, per-unit words, ranges and runs of spaces or dashes around a lone 一.
    func testRandomParagraphsKeepTheParsedQuantity() {
        var rng = SplitMix64(seed: 0x5EED_0040)
        let tokens = ["职工", "工会", "开展", "发放", "慰问金", "困难", "，", "。", "、", "；", "“", "”", "《", "》", "第", "前", "每人", "每户",
                      "人均", "单次", "共", "仅", "近", "约", "超过", "至少", "最高为", "以上", "左右", "余", "多", " ", "\u{3000}", "-", "--------",
                      "          ", "ABC", "一", "一份，", "一次", "一名", "一万", "壹", "两", "12", "5600", "1.5万", "260", "三", "2019", "100",
                      "４５", "0.8", "1,000", "十", "30", "元", "场", "名", "人次", "%", "个", "万元", "至500元", "千米", "至3千米", "户", "年",
                      "次", "家", "项", "元/人", "项目部", "1234567890123456789012345"]
        var kept = 0, parsed = 0
        for n in 0..<1500 {
            var paragraphs: [Paragraph] = []
            for line in 0..<3 {
                var p = ""
                let count = 10 + Int(rng.next() % 120)
                for _ in 0..<count { p += tokens[Int(rng.next() % UInt64(tokens.count))] }
                paragraphs.append(Paragraph(text: p, scalars: p.scalars, firstLine: 1 + line, lineStarts: [0]))
            }
            let headline = paragraphs[0].text
            let article = Article(index: 1, headline: headline, paragraphs: paragraphs)
            let e = ExtractedPage(page: Page(doc: "r\(n)", encoding: "utf-8", paragraphs: []), articles: [article],
                                  mentions: MentionScanner.mentions(in: article, doc: "r\(n)"))
            let c = Self.check(e, "r\(n)")
            kept += c.kept
            parsed += c.parsed
        }
        XCTAssertGreaterThan(kept, 10_000)
        XCTAssertGreaterThan(parsed, 50, "lone 一 in cut windows are read again")
    }

    /// A lone 一 at a clause's end counts after two ideographs of its clause: the whole text has
    /// them more than 40 scalars back, the window does not. And it is no count when more than 40
    /// spaces follow it before its clause goes on: the window ends within the spaces.
    func testLoneOneIsReadAgainWhenItsWindowIsCut() throws {
        let dashes = String(repeating: "-", count: 45), spaces = String(repeating: " ", count: 45)
        let cases: [(text: String, raw: String)] = [("发放慰问品" + dashes + "一份，", "一份"), ("慰问品一份" + spaces + "发放，" + dashes, "一份")]
        for (text, raw) in cases {
            let article = Article(index: 1, headline: "", paragraphs: [Paragraph(text: text, scalars: text.scalars, firstLine: 1,
                                                                                  lineStarts: [0])])
            let whole = MentionScanner.figures(in: text).map { String(String.UnicodeScalarView(text.scalars[$0.start..<$0.end])) }
            let e = ExtractedPage(page: Page(doc: "d", encoding: "utf-8", paragraphs: []), articles: [article],
                                  mentions: MentionScanner.mentions(in: article, doc: "d"))
            if let m = e.mentions.first(where: { $0.raw == raw }) {
                // The whole text's figure: the window's parse disagrees, so the scanner's is not kept.
                XCTAssertNil(m.recognized, text)
                XCTAssertNil(QuantityParser.parse(m), text)
            } else {
                // The whole text has no figure there, the window does: none is made, nothing to keep.
                XCTAssertFalse(whole.contains(raw), text)
            }
            Self.check(e, text)
        }
        // The first case disagrees for sure (the whole text counts it, the window does not).
        XCTAssertTrue(MentionScanner.figures(in: cases[0].text).contains { $0.quantity.value == 1 })
        // Within 40 scalars of both ends, the window is the whole text: kept.
        let short = "发放慰问品" + String(repeating: "-", count: 20) + "一份，"
        let m = try XCTUnwrap(MentionScanner.mentions(in: Article(index: 1, headline: "", paragraphs: [Paragraph(text: short, firstLine: 1)]),
                                                      doc: "d").first)
        XCTAssertEqual(m.recognized, QuantityParser.parse(m))
        XCTAssertNotNil(m.recognized)
    }

    /// The parser meets the number first only when no scalar between the figure's start and the
    /// number may start one; a lone 一 (and only that) needs its whole text in the window.
    func testWindowAgrees() {
        func agrees(_ text: String, start: Int, at i: Int, end: Int) -> Bool {
            let s = text.scalars
            return s.withUnsafeBufferPointer {
                MentionScanner.windowAgrees($0, start: start, numberAt: i, end: end, starts: NumberReader.startTable)
            }
        }
        let far = String(repeating: "职", count: 50)
        XCTAssertTrue(agrees(far + "近2000场" + far, start: 50, at: 51, end: 56))
        XCTAssertFalse(agrees(far + "三近2000场" + far, start: 50, at: 52, end: 57), "a numeral before the number")
        XCTAssertFalse(agrees(far + "9近2000场" + far, start: 50, at: 52, end: 57), "a digit before the number")
        XCTAssertTrue(agrees(far + "2000场" + far, start: 50, at: 50, end: 55))
        XCTAssertFalse(agrees(far + "一场" + far, start: 50, at: 50, end: 52))
        XCTAssertFalse(agrees("一场" + far, start: 0, at: 0, end: 2))
        XCTAssertFalse(agrees(far + "一场", start: 50, at: 50, end: 52))
        XCTAssertTrue(agrees("职工一场，", start: 2, at: 2, end: 4))
        XCTAssertFalse(agrees(far + "壹场" + far, start: 50, at: 50, end: 52))
        XCTAssertTrue(agrees(far + "两场" + far, start: 50, at: 50, end: 52))
    }

    /// A mention made by hand holds no quantity; one whose words are set drops the scanner's.
    func testSettingAFieldDropsTheQuantity() throws {
        let text = "为每人发放500元慰问金。"
        let m = try XCTUnwrap(MentionScanner.mentions(in: Article(index: 1, headline: "", paragraphs: [Paragraph(text: text, firstLine: 1)]),
                                                      doc: "d").first)
        XCTAssertEqual(m.recognized, Quantity(value: 500, unit: "元", per: "人"))
        var a = m; a.before = ""
        var b = m; b.after = "以上"
        var c = m; c.raw = "5元"
        var d = m; d.start += 1
        var f = m; f.end += 1
        var g = m; g.paragraph = -1
        var h = m; h.article = 2
        for x in [a, b, c, d, f, g, h] { XCTAssertNil(x.recognized) }
        var kept = m; kept.line = 9; kept.sentence = ""; kept.doc = "e"
        XCTAssertNotNil(kept.recognized)
        XCTAssertNil(Mention(doc: "d", article: 1, paragraph: 0, start: 4, end: 8, line: 1, raw: "500元", sentence: text,
                             before: "为每人发放", after: "慰问金。").recognized)
    }
}
