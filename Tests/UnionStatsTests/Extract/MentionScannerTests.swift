import XCTest
@testable import UnionStats

final class MentionScannerTests: XCTestCase {
    /// A paragraph joined from three source lines (starting at line 10), like the repaired pages.
    private let paragraph = Paragraph(
        text: "三年来，朝阳区各级工会组织共开展了职工沟通会近2000场，进行工会会员信息采集13323人次。同时，要求每个街乡每月举办4场职工沟通会。",
        firstLine: 10, lineStarts: [0, 20, 45])

    func testMentionFields() {
        let article = Article(index: 3, headline: "朝阳区三年开展职工沟通会近2000场", paragraphs: [paragraph])
        let ms = MentionScanner.mentions(in: article, doc: "d.txt")
        let body = ms.filter { $0.paragraph == 0 }
        XCTAssertEqual(body.map(\.raw), ["近2000场", "13323人次", "4场"])
        let first = body[0]
        XCTAssertEqual(first.doc, "d.txt")
        XCTAssertEqual(first.article, 3)
        let scalars = Array(paragraph.text.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[first.start..<first.end])), "近2000场")
        XCTAssertEqual(first.line, paragraph.line(at: first.start))
        XCTAssertEqual(first.line, 11, "offset 22 lies on the second source line")
        // The clause, with the short time phrase that governs it.
        XCTAssertEqual(first.sentence, "三年来，朝阳区各级工会组织共开展了职工沟通会近2000场")
        XCTAssertEqual(body[1].sentence, "进行工会会员信息采集13323人次")
        XCTAssertEqual(body[2].sentence, "要求每个街乡每月举办4场职工沟通会")
        // Context: up to 40 scalars either side, from the paragraph.
        XCTAssertTrue(first.before.hasSuffix("职工沟通会"))
        XCTAssertEqual(first.before.unicodeScalars.count, 22)
        XCTAssertTrue(first.after.hasPrefix("，进行工会"))
        XCTAssertEqual(first.after.unicodeScalars.count, MentionScanner.contextLength)

        let head = ms.filter { $0.paragraph == -1 }
        XCTAssertEqual(head.map(\.raw), ["近2000场"])
        XCTAssertEqual(head[0].start, 12)
        XCTAssertEqual(head[0].line, article.line)
    }

    /// A list whose items end with their figures is cut into items; a list of nouns is not.
    func testSentenceOfListItems() {
        let p = Paragraph(text: "2019年推荐省五一劳动奖章1名、省五一劳动奖状1个，已有超过百余家企业、机关单位的143名大病职工受助。", firstLine: 1)
        let ms = MentionScanner.mentions(in: Article(index: 1, headline: "", paragraphs: [p]), doc: "d")
        XCTAssertEqual(ms.map(\.raw), ["1名", "1个", "超过百余家", "143名"])
        XCTAssertEqual(ms.map(\.sentence), ["2019年推荐省五一劳动奖章1名", "省五一劳动奖状1个",
                                            "已有超过百余家企业、机关单位的143名大病职工受助",
                                            "已有超过百余家企业、机关单位的143名大病职工受助"])
    }

    /// An article's paragraphs share one array of figures: what each paragraph gives must not
    /// depend on the paragraphs scanned before it (held to scanning each alone, fresh).
    func testParagraphsScannedAsIfAlone() {
        let pieces = ["近2000场", "13323人次", "，", "。", "每人500元", "一位职工", "百名劳模", "工会", "共", "3个", "2019年",
                      "1名、", "4场", "超过百余家", "、", "职工", "万家灯火", " "]
        var rng = SplitMix64(seed: 41)
        var figures = 0
        for _ in 0..<300 {
            let paragraphs = (0..<Int(1 + rng.next() % 6)).map { n in
                Paragraph(text: (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined(),
                          firstLine: 1 + 3 * n)
            }
            let all = MentionScanner.mentions(in: Article(index: 1, headline: "", paragraphs: paragraphs), doc: "d")
            var alone: [Mention] = []
            for (i, p) in paragraphs.enumerated() {
                alone += MentionScanner.mentions(in: Article(index: 1, headline: "", paragraphs: [p]), doc: "d").map { m in
                    var m = m
                    m.paragraph = i
                    return m
                }
            }
            XCTAssertEqual(all, alone)
            figures += all.count
        }
        XCTAssertGreaterThan(figures, 500)
    }

    /// The skip to the next scalar that may start a number, four scalars at a time, stops where
    /// testing every scalar with `NumberReader.mayStart` stops: from every position of random texts
    /// with numerals, digits, astral scalars and the last few scalars of a text.
    func testSkipStopsWhereTheScalarTestStops() {
        let pieces = ["职", "工", "会", "，", "。", "一", "二", "百", "万", "零", "两", "1", "９", "0", "a", " ", "𠀀", "😀",
                      "\u{FFFF}", "\u{10000}", "％", "余", "多"]
        var rng = SplitMix64(seed: 43)
        var stops = 0
        for _ in 0..<2000 {
            let text = Array((0..<Int(rng.next() % 40)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined().unicodeScalars)
            for from in 0...text.count {
                var plain = from
                while plain < text.count && !NumberReader.mayStart(text[plain]) { plain += 1 }
                let skip = text.withUnsafeBufferPointer { s in
                    NumberReader.startTable.withUnsafeBufferPointer { MentionScanner.nextMayStart(s, from: from, starts: $0) }
                }
                XCTAssertEqual(skip, plain, "\(text) from \(from)")
                if plain < text.count { stops += 1 }
            }
        }
        XCTAssertGreaterThan(stops, 10_000)
    }

    /// The parser reads a mention the way the scanner found it, with its context.
    func testScannerAndParserAgree() {
        let article = Article(index: 1, headline: "", paragraphs: [paragraph])
        let qs = MentionScanner.mentions(in: article, doc: "d").map { QuantityParser.parse($0) }
        XCTAssertEqual(qs.map { $0?.value.plain }, ["2000", "13323", "4"])
        XCTAssertEqual(qs.map { $0?.qualifier }, [.approx, .exact, .exact])
        XCTAssertEqual(qs.map { $0?.per }, ["", "", "月"])
    }

    /// One pass over scalars: scanning time grows with the text, not faster (a quadratic
    /// slip would take minutes here). Release builds run at well over 100 MB/s; debug
    /// builds on a shared machine are far slower, so the bound is loose.
    func testThroughput() {
        let unit = paragraph.text + "为每家企业提供2万元助推金，1月6日一位职工送来一面锦旗。"
            + "工会组织始终把服务职工放在首位，统一部署，一起行动，一些单位一定要把好事办好。"
        let text = String(repeating: unit, count: 4000)
        let bytes = text.utf8.count
        let started = Date()
        let found = MentionScanner.figures(in: text).count
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(found, 4000 * 4)
        print("MentionScanner throughput: \(Double(bytes) / 1_000_000 / max(seconds, 1e-9)) MB/s on \(bytes) bytes")
        XCTAssertLessThan(seconds, 30)
    }
}
