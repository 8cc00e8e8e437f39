import XCTest
@testable import UnionStats

/// Odd inputs give empty context, never a crash: the resolver runs unattended over every page.
final class ContextRobustnessTests: XCTestCase {
    let resolver = ContextResolver(dictionaries: PipelineFixture.dictionaries)

    func context(_ paragraphs: [String], headline: String = "", mentions: [Mention], published: String = "2020-01") -> [FigureContext] {
        let a = Article(index: 1, headline: headline, paragraphs: paragraphs.enumerated().map { Paragraph(text: $1, firstLine: $0 + 1) })
        return resolver.resolve(article: a, figures: mentions.map { ($0, Quantity(value: 1, unit: "名")) },
                                page: PageContext(doc: "t", published: published, source: "劳动午报"))
    }

    func mention(_ raw: String, paragraph: Int, start: Int) -> Mention {
        Mention(doc: "t", article: 1, paragraph: paragraph, start: start, end: start + raw.unicodeScalars.count, line: 1,
                raw: raw, sentence: "")
    }

    func testOddInputs() {
        let cases: [(paragraphs: [String], headline: String, mention: Mention, published: String)] = [
            ([], "", mention("3名", paragraph: -1, start: 0), "2020-01"),                 // empty headline and body
            (["3名"], "", mention("3名", paragraph: 0, start: 0), ""),                    // the whole text, undated
            (["，，。3名"], "", mention("3名", paragraph: 0, start: 99), "2020-01"),       // offsets past the end
            (["近日"], "", mention("5个", paragraph: 7, start: 2), "garbage"),              // unknown paragraph, bad date
            (["截至。自以来从"], "每月", mention("2次", paragraph: -1, start: 5), "2020-13-45"),
            (["12月31日-1月1日举办，1—2月"], "", mention("1名", paragraph: 0, start: 0), "2020-01-01"),
        ]
        for c in cases {
            let r = context(c.paragraphs, headline: c.headline, mentions: [c.mention], published: c.published)
            XCTAssertEqual(r.count, 1)
        }
    }

    // Without tables (Dictionaries()) the metric and period are still found; region and ids stay empty.
    func testEmptyTables() {
        let a = Article(index: 1, headline: "", paragraphs: [Paragraph(text: "近日，朝阳区总工会开展职工沟通会45场。", firstLine: 1)])
        let m = Mention(doc: "t", article: 1, paragraph: 0, start: 16, end: 19, line: 1, raw: "45场", sentence: "")
        let r = ContextResolver(dictionaries: Dictionaries()).resolve(article: a, figures: [(m, Quantity(value: 45, unit: "场"))],
                                                                       page: PageContext(doc: "t", published: "2020-11", source: "劳动午报"))
        XCTAssertEqual(r.first?.metric, "职工沟通会")
        XCTAssertEqual(r.first?.metricID, "")
        XCTAssertEqual(r.first?.region, Region())
        XCTAssertEqual(r.first?.organization, "朝阳区总工会")
        XCTAssertEqual(r.first?.period.month, "2020-11")
    }

    func testUndatedPageKeepsLabelsWithoutDates() {
        let r = context(["近日，东四街道总工会为11名职工发放助学金。"], mentions: [mention("11名", paragraph: 0, start: 14)], published: "")
        XCTAssertEqual(r.first?.period, Period(label: "近日"))
        XCTAssertEqual(r.first?.organization, "东四街道总工会")
    }
}
