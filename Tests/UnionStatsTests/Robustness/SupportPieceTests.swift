import Foundation
import XCTest
@testable import UnionStats

/// The small pieces behind make's page names and cache.
final class SupportPieceTests: XCTestCase {
    func testSafeNamesAreSafeAndOneToOne() {
        let names = ["a b.txt", "a+20b.txt", "a_b.txt", "劳动午报 第5版.txt", "x:y#z%$;=\\'\".txt", "plain-1.2.txt", "a\tb", "a\nb"]
        let safe = names.map(PageLinks.safeName)
        XCTAssertEqual(Set(safe).count, names.count, "one to one")
        for s in safe {
            XCTAssertFalse(s.utf8.contains { $0 < 0x80 && !(isalnum(Int32($0)) != 0 || ".+_-".utf8.contains($0)) }, s)
        }
        XCTAssertEqual(PageLinks.safeName("plain-1.2.txt"), "plain-1.2.txt")
        XCTAssertEqual(PageLinks.safeName("劳动午报.txt"), "劳动午报.txt", "Chinese stays readable")
        XCTAssertEqual(PageLinks.safeName("a b+c"), "a+20b+2Bc")
    }

    func testTemporaryNamesAreRecognised() {
        let cases: [(String, Int32?)] = [(".figures.csv.tmp123", 123), (".x.tmp", nil), ("figures.csv", nil), (".a.tmp12x", nil), (".a.tmp.tmp7", 7)]
        for (name, pid) in cases { XCTAssertEqual(OutputFile.temporaryOwner(name), pid, name) }
        let scratch: [(String, Int32?)] = [(".spill-42", 42), (".spill-months-42", 42), (".spill-a-b-9", 9), (".figures-utf8-7.csv", 7),
                                           (".figures-utf8-0a1b2c3d4e5f-77.csv", 77), (".figures-utf8-0a1b-.csv", nil),
                                           (".spill-", nil), (".spill-4x", nil), (".spill-months-", nil), (".spill-months-4x", nil), ("spill-4", nil)]
        for (name, pid) in scratch { XCTAssertEqual(OutputFile.scratchOwner(name), pid, name) }
    }

    func testCacheEscapingRoundTrips() {
        for s in ["plain", "a\nb", "tab\there", "back\\slash\\n", "", "\\"] {
            XCTAssertEqual(TabbedLines.unescaped(TabbedLines.escaped(s)), s)
            XCTAssertFalse(TabbedLines.escaped(s).contains("\n"))
        }
    }

    /// The older cache's files (one per page, named after its extract CSV) go; nothing else does.
    func testPruneRemovesOnlyTheOlderCachesFiles() throws {
        let dir = try Tool.temporaryDirectory("cache")
        for name in ["000_a.txt.csv", "页 b.txt.csv", "index", "notes.md", ".index.tmp\(getpid())"] {
            try Tool.write(Array("x".utf8), to: dir + "/" + name)
        }
        NormalizeCache.prune(dir)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), [".index.tmp\(getpid())", "index", "notes.md"])
    }

    func testCacheIndexReadsBackWhatWasWritten() throws {
        let dir = try Tool.temporaryDirectory("cache")
        var index = NormalizeCache.Index()
        index.identities = ["1:2:3:4.5", "1:2:6:4.5", "1:2:7:4.5"]
        index.entries["a b.txt.csv"] = NormalizeCache.Entry(
            key: "run|1:9:9:9.9", doc: "a b\t.txt", manifestKey: "+2020-11\u{1}报", figures: 120..<150, articles: 80..<99, rejects: 40..<40,
            figureCount: 1, articleCount: 2, rejectMessages: [("a b\t.txt", "why\nnot"), ("x", "y\\z")], figuresHash: "0f")
        index.entries["c.csv"] = NormalizeCache.Entry(
            key: "run|2", doc: "c", manifestKey: "-", figures: 150..<150, articles: 99..<140, rejects: 40..<77,
            figureCount: 0, articleCount: 1, rejectMessages: [], figuresHash: "")
        let entries = ["a b.txt.csv", "c.csv"].map { (name: $0, entry: index.entries[$0]!) }
        try NormalizeCache.writeIndex(dir, runKey: "run\tkey", identities: index.identities, entries: NormalizeCache.encodeEntries(entries))
        let back = try XCTUnwrap(NormalizeCache.readIndex(dir, runKey: "run\tkey"))
        XCTAssertEqual(back.identities, index.identities)
        XCTAssertEqual(Set(back.entries.keys), Set(index.entries.keys))
        for (name, e) in index.entries {
            let b = try XCTUnwrap(back.entries[name])
            XCTAssertEqual([b.key, b.doc, b.manifestKey, b.figuresHash], [e.key, e.doc, e.manifestKey, e.figuresHash], name)
            XCTAssertEqual([b.figures, b.articles, b.rejects], [e.figures, e.articles, e.rejects], name)
            XCTAssertEqual([b.figureCount, b.articleCount], [e.figureCount, e.articleCount], name)
            XCTAssertEqual(b.rejectMessages.map { $0.doc + "|" + $0.reason }, e.rejectMessages.map { $0.doc + "|" + $0.reason }, name)
        }
        XCTAssertNil(NormalizeCache.readIndex(dir, runKey: "other"), "another program, pipeline/ or encoding")
        // A line cut short, a negative offset: the index is not used at all.
        let text = try String(contentsOfFile: NormalizeCache.indexPath(dir), encoding: .utf8)
        for damaged in [String(text.dropLast(9)), text.replacingOccurrences(of: "\t120\t", with: "\t-120\t")] {
            try Tool.write(Array(damaged.utf8), to: NormalizeCache.indexPath(dir))
            XCTAssertNil(NormalizeCache.readIndex(dir, runKey: "run\tkey"))
        }
    }
}

/// Whole files are read whatever their size says: a regular file in one read, a pipe
/// (no size) in chunks, an empty file as nothing; over the limit is a problem, not bytes.
final class ReadAllTests: XCTestCase {
    func testFilesAndPipesComeBackWhole() throws {
        let dir = try Tool.temporaryDirectory("readall")
        let content = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let file = FilePaths.join(dir, "page.bin")
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data(content)))
        XCTAssertEqual(try FilePaths.readAll(file, limit: 1 << 20).get(), content)
        if case .success = FilePaths.readAll(file, limit: 100_000) { XCTFail("over the limit") }

        let empty = FilePaths.join(dir, "empty.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        XCTAssertEqual(try FilePaths.readAll(empty, limit: 1 << 20).get(), [])

        let fifo = FilePaths.join(dir, "pipe")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = Thread {
            let h = FileHandle(forWritingAtPath: fifo)!
            h.write(Data(content))
            h.closeFile()
        }
        writer.start()
        XCTAssertEqual(try FilePaths.readAll(fifo, limit: 1 << 20).get(), content, "a pipe, read in chunks")
    }
}

final class ByteKeyTableTests: XCTestCase {
    /// Keys are numbered in the order they are first met, found again by their bytes alone
    /// (the table grows past its first size), and keys of several texts never run together.
    func testKeysAreNumberedOnceAndFoundAgain() {
        var table = ByteKeyTable()
        let key = ByteKey.Builder()
        var rng = SplitMix64(seed: 3)
        let texts = (0..<5_000).map { i in String(repeating: ["北京", "a", "朝阳区", ""][i % 4], count: 1 + i % 3) + String(rng.next() % 900) }
        var first: [String: Int] = [:]
        for t in texts + texts.reversed() {
            key.clear(); key.add(t)
            let (n, isNew) = table.number(of: key)
            if let known = first[t] {
                XCTAssertEqual(n, known, t)
                XCTAssertFalse(isNew, t)
            } else {
                XCTAssertEqual(n, first.count, "numbers in order of first meeting")
                XCTAssertTrue(isNew, t)
                first[t] = n
            }
        }
        XCTAssertEqual(table.count, first.count)
        key.clear(); key.add("没有的")
        XCTAssertNil(table.find(key))
        // ("ab", "c") and ("a", "bc") are two keys.
        var pairs = ByteKeyTable()
        key.clear(); key.add("ab"); key.add("c")
        XCTAssertEqual(pairs.number(of: key).number, 0)
        key.clear(); key.add("a"); key.add("bc")
        XCTAssertEqual(pairs.number(of: key).number, 1)
    }
}

/// Keys laid out as bytes sort as their fields do, compared one by one.
final class ByteSortKeysTests: XCTestCase {
    func testByteOrderIsTheOrderOfTheFields() {
        var rng = SplitMix64(seed: 23)
        let pieces = ["", "a", "ab", "b", "工会", "工会组织", "北京市", "北京市/朝阳区", "北京市-X", "é", "e\u{301}"]
        for _ in 0..<200 {
            let items = (0..<Int(rng.next() % 40)).map { _ in
                (pieces[Int(rng.next() % UInt64(pieces.count))], UInt8(rng.next() % 3), pieces[Int(rng.next() % UInt64(pieces.count))])
            }
            var keys = ByteSortKeys(count: items.count, bytesPerKey: 16)
            for (a, code, b) in items {
                keys.add(text: a)
                keys.add(code: code)
                keys.add(last: b)
                keys.endKey()
            }
            XCTAssertTrue(keys.laidOut)
            let expected = items.indices.sorted { x, y in
                let (a1, c1, b1) = items[x], (a2, c2, b2) = items[y]
                if !a1.utf8.elementsEqual(a2.utf8) { return a1.utf8.lexicographicallyPrecedes(a2.utf8) }
                if c1 != c2 { return c1 < c2 }
                if !b1.utf8.elementsEqual(b2.utf8) { return b1.utf8.lexicographicallyPrecedes(b2.utf8) }
                return x < y
            }
            let order = keys.order()
            // Equal items may come in either order: compare the items, not their numbers.
            XCTAssertEqual(order.map { "\(items[$0])" }, expected.map { "\(items[$0])" })
        }
    }

    /// Keys with no bytes at all (every one empty) are all equal: they keep their numbers' order.
    func testKeysWithoutBytesKeepTheirOrder() {
        for n in [0, 1, 2, 7] {
            var keys = ByteSortKeys(count: n, bytesPerKey: 8)
            for _ in 0..<n {
                keys.add(last: "")
                keys.endKey()
            }
            XCTAssertEqual(keys.order(), Array(0..<n), "\(n) empty keys")
        }
        // One key with bytes among empty ones goes the pointer way: the empty ones first.
        var keys = ByteSortKeys(count: 3, bytesPerKey: 8)
        for last in ["", "b", ""] {
            keys.add(last: last)
            keys.endKey()
        }
        XCTAssertEqual(keys.order().map { [0, 2].contains($0) }, [true, true, false])
    }

    func testATextWithANulByteIsNoted() {
        var keys = ByteSortKeys(count: 2, bytesPerKey: 8)
        keys.add(text: "a")
        keys.endKey()
        XCTAssertTrue(keys.laidOut)
        keys.add(text: "a\u{0}b")
        keys.endKey()
        XCTAssertFalse(keys.laidOut, "a 0x00 inside a text would sort it with the shorter text")
    }
}
