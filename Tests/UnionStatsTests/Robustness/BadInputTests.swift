import Foundation
import XCTest
@testable import UnionStats
#if canImport(Glibc)
import Glibc
#endif

/// Whatever lands in input/, the batch goes through: each bad page gets one
/// line in rejects.csv and on stderr, good pages (in any supported encoding,
/// under any file name) get their figures, and the run exits 3.
final class BadInputTests: XCTestCase {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The folder of the "done when", plus every other bad page we know of.
    func makeInput() throws -> (dir: String, page: String) {
        let dir = try Tool.sampleInput()
        let page = Tool.samplePages[1]
        let text = try Tool.sampleText(page)
        let utf8 = Array(text.utf8)
        try Tool.write(Array(text.data(using: BadInputTests.gb18030)!), to: dir + "/gbk copy.txt")
        try Tool.write([0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!), to: dir + "/utf16le.txt")
        try Tool.write([0xFE, 0xFF] + Array(text.data(using: .utf16BigEndian)!), to: dir + "/utf16be.txt")
        try Tool.write(utf8, to: dir + "/2020-11-20 劳动午报 第5版 #1 (50%) $x: 副本.txt")
        // A PNG header and random-looking bytes.
        try Tool.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) },
                       to: dir + "/picture.png")
        try Tool.write([], to: dir + "/empty.txt")
        // Saved from the wrong place: the navigation and the imprint, no article.
        try Tool.write(Array("版面导航\n上一版  下一版\n主办：劳动午报社\n".utf8), to: dir + "/furniture only.txt")
        try Tool.write(Array(utf8.prefix(300)) + [0, 0, 0, 0] + Array(utf8.dropFirst(300).prefix(300)), to: dir + "/nul.txt")
        // Cut inside a three-byte character at the end.
        try Tool.write(Array(utf8.prefix(utf8.count - 1)), to: dir + "/truncated.txt")
        // Invalid UTF-8 sequences in the middle (neither UTF-8 nor any CJK encoding).
        try Tool.write(Array(utf8.prefix(200)) + [0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF, 0xFF] + Array(utf8.dropFirst(200)), to: dir + "/invalid.txt")
        XCTAssertEqual(symlink("/nonexistent/page.txt", dir + "/dangling.txt"), 0)
        try FileManager.default.createDirectory(atPath: dir + "/a folder", withIntermediateDirectories: false)
        try Tool.write(utf8, to: dir + "/locked.txt")
        chmod(dir + "/locked.txt", 0)
        return (dir, page)
    }

    func testBadPagesAreRejectedAndTheRestGoThrough() throws {
        let (input, _) = try makeInput()
        let output = try Tool.temporaryDirectory("out")
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", output])
        XCTAssertEqual(r.status, 3, "some pages rejected: exit 3\n\(r.stderr)")

        let rejects = Tool.records(output + "/rejects.csv")
        let rejected = Dictionary(rejects.map { ($0["doc"], $0) }, uniquingKeysWith: { a, _ in a })
        let figureDocs = Set(Tool.records(output + "/figures.csv").map { $0["doc"] })
        let articleDocs = Set(Tool.records(output + "/articles.csv").map { $0["doc"] })

        // Must be rejected, each with a one-line reason, also on stderr.
        var mustReject = ["picture.png", "empty.txt", "nul.txt", "dangling.txt", "a folder", "furniture only.txt"]
        if Tool.isRoot {
            print("note: running as root, where chmod 000 does not stop reading; locked.txt is read, not rejected")
        } else {
            mustReject.append("locked.txt")
        }
        for doc in mustReject {
            guard let row = rejected[doc] else { XCTFail("\(doc) not in rejects.csv: \(rejects.map { $0.fields })"); continue }
            XCTAssertFalse(row["problem"].isEmpty, doc)
            XCTAssertFalse(row["reason"].isEmpty, doc)
            XCTAssertFalse(row["reason"].contains("\n"), "one line: \(doc)")
            XCTAssertTrue(r.stderr.contains(doc), "stderr names \(doc)")
            XCTAssertFalse(figureDocs.contains(doc), "\(doc) rejected yet has figures")
        }
        XCTAssertEqual(rejected["furniture only.txt"]?["problem"], "no-text")
        // Broken UTF-8 is either rejected with a reason or read; never lost in silence.
        for doc in ["truncated.txt", "invalid.txt"] {
            XCTAssertTrue(rejected[doc] != nil || articleDocs.contains(doc), "\(doc) neither rejected nor read")
        }
        // Read, not rejected: other encodings and awkward names carry their figures.
        for doc in ["gbk copy.txt", "utf16le.txt", "utf16be.txt", "2020-11-20 劳动午报 第5版 #1 (50%) $x: 副本.txt"] {
            XCTAssertNil(rejected[doc].map { $0.fields }, "\(doc) should be read")
            XCTAssertTrue(figureDocs.contains(doc), "\(doc) has no figures")
        }
        // The good pages all went through.
        for doc in Tool.samplePages {
            XCTAssertTrue(articleDocs.contains(doc), "\(doc) missing from articles.csv")
        }
    }

    /// The same page decoded from GB18030 and UTF-16 gives the very figures of the UTF-8 original.
    func testOtherEncodingsGiveTheSameFigures() throws {
        let (input, page) = try makeInput()
        let output = try Tool.temporaryDirectory("out")
        _ = try Tool.run(["run", "--quiet", "--input", input, "--output", output])
        let figures = Tool.records(output + "/figures.csv")
        func values(_ doc: String) -> [String] { figures.filter { $0["doc"] == doc }.map { $0["raw"] + "=" + $0["value"] + $0["unit"] } }
        XCTAssertFalse(values(page).isEmpty)
        for doc in ["gbk copy.txt", "utf16le.txt", "utf16be.txt"] {
            XCTAssertEqual(values(doc), values(page), doc)
        }
    }

    /// A 200 MB page is over the limit (Pipeline.maximumPageBytes): rejected
    /// as too-large from its size alone, so memory stays small.
    func testHugePageIsRejectedWithoutReadingIt() throws {
        let input = try Tool.sampleInput()
        let huge = input + "/huge.txt"
        XCTAssertTrue(FileManager.default.createFile(atPath: huge, contents: nil))
        XCTAssertEqual(truncate(huge, 200 << 20), 0)   // sparse: no disk needed
        let output = try Tool.temporaryDirectory("out")
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", output])
        XCTAssertEqual(r.status, 3, r.stderr)
        let row = Tool.records(output + "/rejects.csv").first { $0["doc"] == "huge.txt" }
        XCTAssertEqual(row?["problem"], "too-large")
        XCTAssertTrue(r.stderr.contains("huge.txt"))
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        XCTAssertLessThan(usage.ru_maxrss, 150 << 10, "peak memory of the runs so far, KB")
    }

    /// A page just under the limit is read, and the run's memory stays bounded.
    func testLargestAllowedPageIsRead() throws {
        let input = try Tool.temporaryDirectory("in")
        let text = try Tool.sampleText(Tool.samplePages[0])
        var big = ""
        while big.utf8.count + text.utf8.count < 4 << 20 { big += text }
        try Tool.write(Array(big.utf8), to: input + "/big.txt")
        let output = try Tool.temporaryDirectory("out")
        let r = try Tool.run(["run", "--quiet", "--input", input, "--output", output])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(Tool.records(output + "/figures.csv").contains { $0["doc"] == "big.txt" })
    }
}
