import XCTest
@testable import UnionStats

final class IntermediateCSVTests: XCTestCase {
    func testRoundTripKeepsArticlesParagraphsAndMentions() throws {
        let para = Paragraph(text: "当天，朝阳区共开展职工沟通会45场，\"引号\",逗号", firstLine: 90, lineStarts: [0, 7, 20])
        let article = Article(index: 2, headline: "=标题", subheadlines: ["副题"], byline: "本报讯 （记者 刘欣欣）", paragraphs: [para])
        let mention = Mention(doc: "p.txt", article: 2, paragraph: 0, start: 14, end: 17, line: 91, raw: "45场",
                              sentence: "当天，朝阳区共开展职工沟通会45场", before: "职工沟通会", after: "，")
        let page = ExtractedPage(page: Page(doc: "p.txt", encoding: "gb18030", paragraphs: [], printedDate: "2020-11-18"),
                                 articles: [article], mentions: [mention])
        let path = TestScratch.file("ic", extension: "csv")
        try IntermediateCSV.write(page, to: path)
        XCTAssertEqual(try IntermediateCSV.read(path), page)
    }

    func testRejectedPageRoundTrips() throws {
        let page = ExtractStage.rejected("bad file.bin", PageProblem(code: "binary", reason: "NUL bytes: not a text page"))
        let path = TestScratch.file("ic", extension: "csv")
        try IntermediateCSV.write(page, to: path)
        let back = try IntermediateCSV.read(path)
        XCTAssertEqual(back.problem, page.problem)
        XCTAssertEqual(back.page.doc, "bad file.bin")
    }
}
