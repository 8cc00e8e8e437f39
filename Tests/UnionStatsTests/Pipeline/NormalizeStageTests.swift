import XCTest
@testable import UnionStats

final class NormalizeStageTests: XCTestCase {
    private func mention(_ raw: String, paragraph: Int, start: Int) -> Mention {
        Mention(doc: "d", article: 1, paragraph: paragraph, start: start, end: start + raw.unicodeScalars.count,
                line: 1, raw: raw, sentence: raw)
    }

    func testSameRawTwiceInAnArticleIsOneFigureFromTheFirstBodyOccurrence() {
        let ms = [
            mention("13323人次", paragraph: -1, start: 10),   // headline copy
            mention("13323人次", paragraph: 0, start: 40),
            mention("近2000场", paragraph: -1, start: 5),
            mention("1992场", paragraph: 2, start: 3),
            mention("13323人次", paragraph: 2, start: 30),
            mention("16名", paragraph: -1, start: 0),        // headline only: kept
            mention("16位", paragraph: 1, start: 8),         // a different raw: kept
        ]
        let kept = NormalizeStage.firstOccurrences(ms)
        XCTAssertEqual(kept.map(\.raw), ["16名", "近2000场", "13323人次", "16位", "1992场"], "headline first, then body in reading order")
        XCTAssertEqual(kept.first { $0.raw == "13323人次" }?.paragraph, 0)
    }

    /// The scan of kept texts (short articles) and the dictionary (long ones) keep the same mentions.
    func testRepeatScanAndDictionaryKeepTheSameMentions() {
        var ms = [
            mention("13323人次", paragraph: -1, start: 10),
            mention("13323人次", paragraph: 0, start: 40),
            mention("1 000人", paragraph: 0, start: 2),      // the same figure as "1000人" below, spaced
            mention("1000人", paragraph: 3, start: 7),
            mention("近2000场", paragraph: -1, start: 5),
            mention("1992场", paragraph: 2, start: 3),
            mention("13323人次", paragraph: 2, start: 30),
            mention("16名", paragraph: -1, start: 0),
        ]
        for k in 0..<20 { ms.append(mention("\(k % 7)个", paragraph: 4 + k % 3, start: k * 10)) }
        for n in [ms.count / 3, ms.count] {
            let some = Array(ms.prefix(n))
            let scanned = NormalizeStage.firstOccurrences(Array(some.indices), of: some, in: nil, scanLimit: .max)
            let hashed = NormalizeStage.firstOccurrences(Array(some.indices), of: some, in: nil, scanLimit: 0)
            XCTAssertEqual(scanned, hashed, "\(n) mentions")
        }
        let kept = NormalizeStage.firstOccurrences(ms).map(\.raw)
        XCTAssertGreaterThan(ms.count, NormalizeStage.seenScanLimit, "the default takes the dictionary here")
        XCTAssertEqual(kept.filter { $0 == "13323人次" }.count, 1)
        XCTAssertEqual(kept.filter { $0.hasSuffix("000人") }, ["1 000人"], "spaces do not make another figure")
        XCTAssertEqual(kept.filter { $0.hasSuffix("个") }.count, 7)
        let short = Array(ms.prefix(8))
        XCTAssertLessThanOrEqual(short.count, NormalizeStage.seenScanLimit, "the default scans here")
        XCTAssertEqual(NormalizeStage.firstOccurrences(short).map(\.raw), ["16名", "近2000场", "1 000人", "13323人次", "1992场"])
    }

    /// Mentions given article by article are found by their run, as the dictionary groups them.
    func testArticleRunsAreTheMentionsOfEachArticle() {
        func page(_ articles: [Int]) -> [Mention] {
            articles.enumerated().map { i, a in
                Mention(doc: "d", article: a, paragraph: 0, start: i, end: i + 1, line: 1, raw: "\(i)人", sentence: "")
            }
        }
        let grouped = page([1, 1, 1, 2, 4, 4, 7])
        XCTAssertTrue(NormalizeStage.groupedByArticle(grouped))
        XCTAssertTrue(NormalizeStage.groupedByArticle([]))
        XCTAssertFalse(NormalizeStage.groupedByArticle(page([1, 2, 1])))
        // Given in article order or not, each article's run is its mentions in page order.
        for mentions in [grouped, page([4, 1, 7, 1, 2, 4, 1])] {
            let order = NormalizeStage.articleOrder(mentions)
            mentions.withUnsafeBufferPointer { m in
                for article in 0...8 {
                    XCTAssertEqual(Array(order[NormalizeStage.run(of: article, in: order, of: m)]),
                                   mentions.indices.filter { mentions[$0].article == article }, "article \(article)")
                }
            }
        }
    }

    func testRejectedPageBecomesARejectRowAndNoFigures() throws {
        let stage = NormalizeStage(manifest: Manifest(), dictionaries: try Dictionaries.load(from: "pipeline"),
                                   diagnostics: DiagnosticCollector(echo: false))
        let r = stage.normalize(ExtractStage.rejected("x.bin", PageProblem(code: "binary", reason: "not text")))
        XCTAssertTrue(r.figures.isEmpty)
        XCTAssertEqual(r.rejects, [["x.bin", "", "binary", "not text"]])
    }
}

final class BreakdownRepeatTests: XCTestCase {
    func testTheSameRawTwiceInOneSentenceIsABreakdownAndStays() {
        let text = "推荐劳动奖状1个，先进集体1个。另有先进集体1个。"
        let article = Article(index: 1, headline: "", paragraphs: [Paragraph(text: text, firstLine: 1)])
        let scalars = Array(text.unicodeScalars)
        func at(_ n: Int) -> Mention {
            // the n-th "1个" in the text
            var found = -1, count = 0
            for i in 0..<(scalars.count - 1) where scalars[i] == "1" && scalars[i + 1] == "个" {
                if count == n { found = i; break }
                count += 1
            }
            return Mention(doc: "d", article: 1, paragraph: 0, start: found, end: found + 2, line: 1, raw: "1个", sentence: "")
        }
        let kept = NormalizeStage.firstOccurrences([at(0), at(1), at(2)], in: article)
        XCTAssertEqual(kept.map(\.start), [at(0).start, at(1).start], "the third is a repeat in a later sentence")
        for limit in [0, Int.max] {   // the dictionary, and the scan of kept texts
            let ms = [at(0), at(1), at(2)]
            XCTAssertEqual(NormalizeStage.firstOccurrences(Array(ms.indices), of: ms, in: article, scanLimit: limit), [0, 1])
        }
    }
}
