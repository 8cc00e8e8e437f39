import XCTest
@testable import UnionStats

final class PublicationDateTests: XCTestCase {
    func testNormalizedAcceptsDaysAndMonthsOnly() {
        let cases: [(String, String?)] = [
            ("2020-11-20", "2020-11-20"), ("2020-11", "2020-11"), ("2020-02-29", "2020-02-29"),
            ("2019-02-29", nil), ("2020-13", nil), ("2020-11-31", nil), ("20-11-20", nil),
            ("2020/11/20", nil), ("2020-1-5", nil), ("", nil), ("昨天", nil), ("2020-11-20x", nil),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(PublicationDate.normalized(input), expected, input)
        }
    }

    func testFileNameDates() {
        let cases: [(String, String?)] = [
            ("2020-11-20_劳动午报_05.txt", "2020-11-20"), ("20201120-page.txt", "2020-11-20"),
            ("2020_11_20 劳动午报.txt", "2020-11-20"), ("2020-11_工人日报.txt", "2020-11"),
            ("000_beb573b588d2f9ba.txt", nil), ("2020-13-01.txt", nil), ("202011201.txt", nil),
            ("12345678.txt", nil),
        ]
        for (name, expected) in cases {
            XCTAssertEqual(PublicationDate.fromFileName(name), expected, name)
        }
    }

    func testManifestBeatsFileNameBeatsPrintedDate() {
        XCTAssertEqual(PublicationDate.resolve(manifest: "2020-01-08", fileName: "2021-01-01_x.txt", printed: "2019-02-28"), "2020-01-08")
        XCTAssertEqual(PublicationDate.resolve(manifest: "", fileName: "2021-01-01_x.txt", printed: "2019-02-28"), "2021-01-01")
        XCTAssertEqual(PublicationDate.resolve(manifest: nil, fileName: "x.txt", printed: "2019-02-28"), "2019-02-28")
        XCTAssertEqual(PublicationDate.resolve(manifest: nil, fileName: "x.txt", printed: nil), "")
    }
}
