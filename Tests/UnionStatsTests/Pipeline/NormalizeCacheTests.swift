import Foundation
import XCTest
@testable import UnionStats

/// make's normalize keeps each page's rows where the last run wrote them
/// (`NormalizeCache`): a page whose extract CSV and manifest row did not change
/// is copied from the last outputs, not normalized again, and the outputs are
/// the bytes a run without the cache writes.
final class NormalizeCacheTests: XCTestCase {
    struct Batch {
        let input: String, work: String, list: String
        var extracts: [String]
    }

    func batch() throws -> Batch {
        let input = try Tool.sampleInput()
        let work = try Tool.temporaryDirectory("extracts")
        var extracts: [String] = []
        for path in try Pipeline.pageFiles(in: input) {
            let csv = work + "/" + FilePaths.baseName(path) + ".csv"
            let r = try Tool.run(["extract", path, "--doc=" + FilePaths.baseName(path), "-o", csv])
            XCTAssertEqual(r.status, 0, r.stderr)
            extracts.append(csv)
        }
        try Tool.write(Array(extracts.joined(separator: "\n").utf8), to: work + "/list")
        return Batch(input: input, work: work, list: work + "/list", extracts: extracts)
    }

    func normalize(_ b: Batch, into out: String, cache: String?) throws -> [String: Data] {
        let r = try Tool.run(["normalize", "--quiet", "--input", b.input, "--output", out, "--pipeline", Tool.repo + "/pipeline",
                              "--list", b.list] + (cache.map { ["--cache", $0] } ?? []))
        XCTAssertEqual(r.status, 0, r.stderr)
        return Tool.outputs(out)
    }

    /// What a run without the cache writes for the batch as it is now.
    func fresh(_ b: Batch) throws -> [String: Data] {
        try normalize(b, into: try Tool.temporaryDirectory("fresh"), cache: nil)
    }

    /// The same bytes in the same place, with the old size and times: make cannot tell.
    func replaceUnseen(_ path: String, with bytes: [UInt8]) throws {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0)
        XCTAssertEqual(Int(st.st_size), bytes.count)
        let fd = open(path, O_WRONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, bytes.count, 0) }, bytes.count)
        var times = [st.st_atim, st.st_mtim]
        XCTAssertEqual(futimens(fd, &times), 0)
        close(fd)
    }

    func testKeptPagesAreCopiedAndChangedOnesMadeAgain() throws {
        var b = try batch()
        let out = try Tool.temporaryDirectory("cached")
        let cache = out + "/.work/normalized"
        XCTAssertEqual(try normalize(b, into: out, cache: cache), try fresh(b), "filling the cache")
        let index = try XCTUnwrap(NormalizeCache.readIndex(cache, runKey: readRunKey(cache)))
        XCTAssertEqual(Set(index.entries.keys), Set(b.extracts.map(FilePaths.baseName)))

        // An extract CSV spoiled without make seeing it (same size and time) is not read again:
        // its page comes from the last outputs. Had it been read, the run would have failed.
        let victim = b.extracts[1]
        let original = try XCTUnwrap(FileManager.default.contents(atPath: victim))
        try replaceUnseen(victim, with: [UInt8](repeating: 0x21, count: original.count))
        let expected = try Tool.outputs(out)
        XCTAssertEqual(try normalize(b, into: out, cache: cache), expected, "every page kept")
        try replaceUnseen(victim, with: Array(original))

        // A page whose manifest row changed is made again.
        let manifest = b.input + "/manifest.csv"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let doc = FilePaths.baseName(victim).replacingOccurrences(of: ".csv", with: "")
        let moved = text.replacingOccurrences(of: doc + ",2020-11,", with: doc + ",2020-10,")
        XCTAssertNotEqual(moved, text, "the sample manifest dates the page 2020-11")
        try Tool.write(Array(moved.utf8), to: manifest)
        let redated = try fresh(b)
        XCTAssertNotEqual(redated["figures.csv"], expected["figures.csv"], "the new date moves the page's figures")
        XCTAssertEqual(try normalize(b, into: out, cache: cache), redated)

        // A page that changed, one that went away and one that came: the rest is kept, all in the new order.
        let changed = b.extracts[0]
        let page = b.input + "/" + FilePaths.baseName(changed).replacingOccurrences(of: ".csv", with: "")
        try Tool.write(Array((try Tool.sampleText(Tool.samplePages[2]) + "\n本报讯 近日，某区总工会为职工发放慰问金4321元。\n").utf8), to: page)
        usleep(20_000)
        XCTAssertEqual(try Tool.run(["extract", page, "--doc=" + FilePaths.baseName(page), "-o", changed]).status, 0)
        b.extracts.removeLast()
        b.extracts.insert(b.extracts.removeFirst(), at: 2)
        try Tool.write(Array(b.extracts.joined(separator: "\n").utf8), to: b.list)
        XCTAssertEqual(try normalize(b, into: out, cache: cache), try fresh(b))

        // An output changed by hand: nothing is taken from it.
        let figures = out + "/figures.csv"
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: figures))
        bytes.append(contentsOf: Array("x\r\n".utf8))
        try Tool.write(Array(bytes), to: figures)
        XCTAssertEqual(try normalize(b, into: out, cache: cache), try fresh(b))
    }

    /// The caches are keyed on the program's build ID, not on its file: a copy of the same
    /// program (the bench's, an installed one) keeps the pages (the spoiled extract CSV is
    /// not read), and the key names the build ID the linker wrote.
    func testACopyOfTheSameProgramKeepsThePages() throws {
        let b = try batch()
        let out = try Tool.temporaryDirectory("cached")
        let cache = out + "/.work/normalized"
        XCTAssertEqual(try normalize(b, into: out, cache: cache), try fresh(b), "filling the cache")
        let key = try readRunKey(cache)
        XCTAssertTrue(key.hasPrefix("build-id:"), key)

        let copy = try Tool.temporaryDirectory("bin") + "/unionstats"
        try FileManager.default.copyItem(atPath: try Tool.program(), toPath: copy)
        let victim = b.extracts[1]
        let original = try XCTUnwrap(FileManager.default.contents(atPath: victim))
        try replaceUnseen(victim, with: [UInt8](repeating: 0x21, count: original.count))
        let expected = Tool.outputs(out)
        let r = try Tool.Running(copy, ["normalize", "--quiet", "--input", b.input, "--output", out, "--pipeline", Tool.repo + "/pipeline",
                                        "--list", b.list, "--cache", cache]).wait()
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(Tool.outputs(out), expected, "every page kept by the copy")
        try replaceUnseen(victim, with: Array(original))
    }

    func readRunKey(_ cache: String) throws -> String {
        let text = try String(contentsOfFile: NormalizeCache.indexPath(cache), encoding: .utf8)
        return TabbedLines.unescaped(String(text.split(separator: "\n", omittingEmptySubsequences: false)[1]))
    }
}
