import Foundation
import XCTest
@testable import UnionStats

/// The manifest as people really keep it: rows for pages that are gone,
/// pages nobody listed, dates typed wrong, a file that is not CSV at all.
final class ManifestInputTests: XCTestCase {
    func run(manifest: String, extraPages: [String: String] = [:]) throws -> (Tool.Result, String) {
        let input = try Tool.sampleInput()
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: input + "/manifest.csv"))
        for (name, text) in extraPages { try Data(text.utf8).write(to: URL(fileURLWithPath: input + "/" + name)) }
        let output = try Tool.temporaryDirectory("out")
        return (try Tool.run(["run", "--quiet", "--input", input, "--output", output]), output)
    }

    func testRowForMissingFileIsReported() throws {
        let pages = Tool.samplePages
        let manifest = "doc,published,source,page\n" + pages.map { "\($0),2020-11-20,劳动午报,01\n" }.joined() + "gone.txt,2020-11-21,劳动午报,02\n"
        let (r, out) = try run(manifest: manifest)
        XCTAssertEqual(r.status, 3, r.stderr)
        let row = Tool.records(out + "/rejects.csv").first { $0["doc"] == "gone.txt" }
        XCTAssertEqual(row?["problem"], "missing-file")
        XCTAssertTrue(r.stderr.contains("gone.txt"))
    }

    func testPageMissingFromManifestIsProcessedAndDatedByItsNameOnly() throws {
        let pages = Tool.samplePages
        let text = try Tool.sampleText(pages[1])
        let manifest = "doc,published,source,page\n" + pages.map { "\($0),2020-11-20,劳动午报,01\n" }.joined()
        let (r, out) = try run(manifest: manifest, extraPages: ["2019-03-05_unlisted.txt": text, "unlisted.txt": text])
        XCTAssertEqual(r.status, 0, r.stderr)
        let articles = Tool.records(out + "/articles.csv")
        XCTAssertEqual(Set(articles.filter { $0["doc"] == "2019-03-05_unlisted.txt" }.map { $0["published"] }), ["2019-03-05"])
        let undated = articles.filter { $0["doc"] == "unlisted.txt" }
        XCTAssertFalse(undated.isEmpty, "unlisted page processed")
        // Undated unless the text prints a date: every article agrees with the page's one date.
        XCTAssertLessThanOrEqual(Set(undated.map { $0["published"] }).count, 1)
        XCTAssertTrue(Tool.records(out + "/figures.csv").contains { $0["doc"] == "unlisted.txt" })
    }

    func testMalformedDatesAreRejectedRowsButPagesGoThrough() throws {
        let pages = Tool.samplePages
        let bad = ["2020-13-01", "2020/11/20", "20201120", "2021-02-29", "yesterday"]
        var manifest = "doc,published,source,page\n"
        for (i, p) in pages.enumerated() { manifest += "\(p),\(i < bad.count ? bad[i] : "2020-11-20"),劳动午报,\n" }
        let (r, out) = try run(manifest: manifest)
        XCTAssertEqual(r.status, 3, r.stderr)
        let rejects = Tool.records(out + "/rejects.csv").filter { $0["problem"] == "manifest" }
        XCTAssertEqual(rejects.count, min(bad.count, pages.count))
        XCTAssertTrue(rejects.allSatisfy { !$0["line"].isEmpty && !$0["reason"].contains("\n") })
        let articleDocs = Set(Tool.records(out + "/articles.csv").map { $0["doc"] })
        XCTAssertEqual(articleDocs, Set(pages))
    }

    func testMalformedManifestIsOneRejectAndPagesGoThrough() throws {
        for manifest in ["doc,published\n\"unterminated,2020-11-20\n", "just some words\nno columns here\n", "\u{0}\u{1}\u{2}"] {
            let (r, out) = try run(manifest: manifest)
            XCTAssertEqual(r.status, 3, r.stderr)
            let rejects = Tool.records(out + "/rejects.csv")
            XCTAssertEqual(rejects.filter { $0["problem"] == "manifest" }.count, 1, "\(manifest.debugDescription): \(rejects.map(\.fields))")
            XCTAssertEqual(Set(Tool.records(out + "/articles.csv").map { $0["doc"] }), Set(Tool.samplePages))
        }
    }
}
