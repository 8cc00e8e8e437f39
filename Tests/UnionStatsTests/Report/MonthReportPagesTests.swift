import XCTest
@testable import UnionStats

final class MonthReportPagesTests: XCTestCase {
    private func figure(doc: String, published: String, source: String) -> Figure {
        Figure(doc: doc, article: 0, headline: "", published: published, source: source, line: 0, raw: "",
               quantity: Quantity(value: 1, unit: "人"), metric: "m", metricID: "", kind: .flow,
               region: Region(), organization: "", period: Period(month: "2020-11"), sentence: "")
    }

    /// Pages told apart by bytes are the pages a `Set` of them holds, for plain texts (bytes decide)
    /// and for texts that are not (the pages found go through a `Set`: "é" written two ways is one page).
    func testEachPageOnceAsASetHoldsThem() {
        let plain = [("a.txt", "2020-11-03", "劳动午报"), ("a.txt", "2020-11-03", "劳动午报"), ("b.txt", "2020-11-03", "劳动午报"),
                     ("a.txt", "2020-11-04", "劳动午报"), ("a.txt", "2020-11-03", "工人日报"), ("b.txt", "2020-11-03", "劳动午报")]
        let marked = plain + [("caf\u{E9}.txt", "2020-11", ""), ("cafe\u{301}.txt", "2020-11", ""), ("caf\u{E9}.txt", "2020-11", "")]
        for pages in [plain, marked] {
            let figures = pages.map { figure(doc: $0.0, published: $0.1, source: $0.2) }
            // Split over routes, a page in more than one of them.
            let lists: [FigureRoute: [Figure]] = [.monthly: Array(figures.prefix(4)), .rate: Array(figures.dropFirst(2))]
            let found = MonthReport.pages(of: lists)
            var expected = Set<PageContext>()
            for f in figures { expected.insert(PageContext(f)) }
            XCTAssertEqual(found.count, expected.count)
            XCTAssertEqual(Set(found), expected)
        }
        XCTAssertEqual(MonthReport.pages(of: [.undated: marked.map { figure(doc: $0.0, published: $0.1, source: $0.2) }]).count, 5,
                       "café written two ways is one page")
    }

    /// A figure with the page before's Strings is that page at once; texts of equal bytes made apart
    /// (long: not held inside the String) are that page too, and a text that differs is another page.
    func testPagesOfSharedAndApartTextsAreThePagesOfTheirBytes() {
        let doc = "2020-11-03-laodongwubao-page-01.txt", paper = "劳动午报工人日报社北京分社"
        func apart(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }
        let shared = figure(doc: doc, published: "2020-11-03", source: paper)
        let figures = [shared, shared, figure(doc: apart(doc), published: "2020-11-03", source: apart(paper)),
                       figure(doc: doc + "x", published: "2020-11-03", source: paper), shared,
                       figure(doc: doc, published: "2020-11-03", source: apart(paper) + "二")]
        XCTAssertFalse(ByteString.sameValue(figures[0].doc, figures[2].doc))
        let found = MonthReport.pages(of: [.monthly: figures])
        XCTAssertEqual(found.count, 3)
        XCTAssertEqual(Set(found), Set(figures.map(PageContext.init)))
    }

    /// Pages sort as `TableSort.less` of (published, source, doc), the first field that differs as text deciding.
    func testPagesSortByDateNewspaperAndFile() {
        let texts = ["", "2020-11", "2020-11-03", "劳动午报", "工人日报", "a.txt", "caf\u{E9}", "cafe\u{301}", "b"]
        var pages: [PageContext] = []
        for p in texts.prefix(4) { for s in texts.suffix(5) { for d in ["a.txt", "caf\u{E9}", "cafe\u{301}"] {
            pages.append(PageContext(doc: d, published: p, source: s))
        } } }
        for a in pages {
            for b in pages {
                XCTAssertEqual(a < b, TableSort.less([a.published, a.source, a.doc], [b.published, b.source, b.doc]), "\(a) < \(b)")
            }
        }
    }
}
