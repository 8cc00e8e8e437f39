import XCTest
@testable import UnionStats

/// The caches' index lines, read and written as bytes, held to the String
/// versions they replaced (kept here as oracles): an index written by the
/// last run must read back the same, and the files keep their format.
final class TabbedLinesTests: XCTestCase {
    // The scalar-by-scalar versions the byte ones replaced.
    static func oracleEscape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func oracleUnescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for ch in s.unicodeScalars {
            if escaped {
                out += ch == "n" ? "\n" : ch == "t" ? "\t" : String(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static let alphabet: [String] = ["a", "7", "-", "\\", "\n", "\t", "n", "t", "工", "会", "𠀀", " ", ",", "\"", "\r", "é"]

    static func randomText(_ rng: inout SplitMix64, maxLength: Int = 12) -> String {
        (0..<rng.int(0...maxLength)).map { _ in alphabet[rng.int(0...alphabet.count - 1)] }.joined()
    }

    func testEscapingIsTheScalarVersions() {
        var rng = SplitMix64(seed: 41)
        for _ in 0..<20_000 {
            let s = Self.randomText(&rng)
            XCTAssertEqual(TabbedLines.escaped(s), Self.oracleEscape(s), s.debugDescription)
            XCTAssertEqual(TabbedLines.unescaped(s), Self.oracleUnescape(s), s.debugDescription)
            XCTAssertEqual(TabbedLines.unescaped(TabbedLines.escaped(s)), s)
        }
        // A backslash at the end is dropped; before any other character it stands for that character.
        XCTAssertEqual(TabbedLines.unescaped("a\\"), "a")
        XCTAssertEqual(TabbedLines.unescaped("\\工\\x"), "工x")
    }

    func testNumbersReadAsIntDoes() {
        for text in ["0", "7", "-12", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "", "-", "1a", "+3", " 1", "٣"] {
            let bytes = Array(text.utf8)
            var got: Int?? = nil
            bytes.withUnsafeBufferPointer { b in
                TabbedLines.forEachLine(in: b) { _, f in got = f.int(0); return true }
            }
            let expected: Int? = text.first == "+" ? nil : Int(text)   // the writer never writes a plus sign
            XCTAssertEqual(got ?? nil, expected, text)
        }
    }

    func testLinesSplitIntoFieldsAsBefore() {
        let text = "a\tb\\tc\t\n\nlast\t\t工"
        var lines: [[String]] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            TabbedLines.forEachLine(in: b) { _, f in lines.append((0..<f.count).map { f.string($0) }); return true }
        }
        let oracle = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map { Self.oracleUnescape(String($0)) }
        }
        XCTAssertEqual(lines, oracle)
    }

    /// The index as the String version wrote it: fields escaped and joined with tabs.
    static func oracleWrite(_ index: AggregateCacheIndex) -> [UInt8] {
        var out: [UInt8] = []
        func line(_ fields: [String]) {
            out.append(contentsOf: fields.map(oracleEscape).joined(separator: "\t").utf8)
            out.append(0x0A)
        }
        out.append(contentsOf: (AggregateCacheIndex.magic + "\n").utf8)
        line([index.fingerprint])
        for (name, f) in index.files.sorted(by: { $0.key < $1.key }) { line(["file", name, f.identity, String(f.header)]) }
        for (table, pieces) in index.chunks.sorted(by: { $0.key < $1.key }) {
            for (hash, p) in pieces.sorted(by: { $0.value.offset < $1.value.offset }) {
                line(["chunk", table, hash, String(p.offset), String(p.count)])
            }
        }
        for (month, m) in index.months.sorted(by: { TableSort.less($0.key, $1.key) }) {
            line(["month", month, m.hash, String(m.monthly.offset), String(m.monthly.count), String(m.wide.offset), String(m.wide.count)])
        }
        for (month, r) in index.reports.sorted(by: { TableSort.less($0.key, $1.key) }) { line(["report", month, r.key, r.identity]) }
        for (doc, p) in index.pages.sorted(by: { TableSort.less($0.key, $1.key) }) {
            line(["page", doc, p.hash, String(p.months.count)] + p.months.flatMap { [$0.month, $0.all, $0.tables ?? ""] }
                 + [String(p.lists.count)] + p.lists.flatMap { [$0.table, $0.key] })
        }
        return out
    }

    static func randomIndex(_ rng: inout SplitMix64) -> AggregateCacheIndex {
        var index = AggregateCacheIndex()
        index.fingerprint = "1:2:3:4.5|utf8-bom|" + randomText(&rng)
        var offset = 0
        for _ in 0..<rng.int(0...4) { index.files["f" + randomText(&rng)] = (randomText(&rng), rng.int(0...400)) }
        for t in 0..<rng.int(0...3) {
            for _ in 0..<rng.int(0...6) {
                let n = rng.int(0...9_000)
                index.chunks["table\(t)" + randomText(&rng, maxLength: 3), default: [:]]["h" + randomText(&rng)] = .init(offset: offset, count: n)
                offset += n
            }
        }
        for m in 0..<rng.int(0...5) {
            index.months["2024-\(m)" + randomText(&rng, maxLength: 2)] =
                (randomText(&rng), .init(offset: rng.int(0...1 << 40), count: rng.int(0...99)), .init(offset: rng.int(0...9), count: rng.int(0...9)))
        }
        for _ in 0..<rng.int(0...3) { index.reports[randomText(&rng)] = (randomText(&rng), randomText(&rng)) }
        for _ in 0..<rng.int(0...8) {
            var facts = FigureScan.PageFacts(hash: randomText(&rng))
            for _ in 0..<rng.int(0...3) {
                facts.months.append((randomText(&rng), randomText(&rng), rng.int(0...1) == 0 ? nil : "t" + randomText(&rng)))
            }
            for _ in 0..<rng.int(0...3) { facts.lists.append((randomText(&rng), randomText(&rng))) }
            index.pages["doc " + randomText(&rng)] = facts
        }
        return index
    }

    static func describe(_ i: AggregateCacheIndex) -> String {
        // Tuples are not Equatable: compare what the oracle writes of each.
        String(decoding: oracleWrite(i), as: UTF8.self)
    }

    func testIndexIsWrittenAsBeforeAndReadsBack() throws {
        let dir = try Tool.temporaryDirectory("tabbed")
        let path = dir + "/index"
        var rng = SplitMix64(seed: 5)
        for round in 0..<300 {
            let index = Self.randomIndex(&rng)
            try index.write(path)
            guard case .success(let written) = FilePaths.readAll(path, limit: 1 << 30) else { return XCTFail("unreadable") }
            XCTAssertEqual(written, Self.oracleWrite(index), "round \(round)")
            let back = AggregateCacheIndex.read(path, fingerprint: index.fingerprint)
            XCTAssertEqual(Self.describe(back), Self.describe(index), "round \(round)")
            // Another fingerprint: nothing is reused.
            XCTAssertTrue(AggregateCacheIndex.read(path, fingerprint: index.fingerprint + "x").pages.isEmpty)
        }
    }

    func testADamagedIndexIsDropped() throws {
        let dir = try Tool.temporaryDirectory("tabbed")
        let path = dir + "/index"
        let fp = "fp"
        let head = AggregateCacheIndex.magic + "\n" + fp + "\n"
        let good = head + "page\td\th\t1\tm\ta\t\t0\n"
        try Array(good.utf8).write(to: path)
        XCTAssertEqual(AggregateCacheIndex.read(path, fingerprint: fp).pages.count, 1)
        for bad in ["", AggregateCacheIndex.magic + "\n", head + "page\td\th\t-1\tm\n", head + "page\td\th\t2\tm\ta\t\t0\n",
                    head + "chunk\tt\th\t1\n", head + "chunk\tt\th\tx\t1\n", head + "what\n", "other\n" + fp + "\npage\td\th\t0\t0\n"] {
            try Array(bad.utf8).write(to: path)
            let read = AggregateCacheIndex.read(path, fingerprint: fp)
            XCTAssertTrue(read.pages.isEmpty && read.chunks.isEmpty, bad.debugDescription)
        }
    }
}

private extension Array where Element == UInt8 {
    func write(to path: String) throws { _ = try OutputFile.replace(path, with: self, durable: false) }
}

/// Whole-text forms of the byte functions, for the tests.
extension TabbedLines {
    static func escaped(_ s: String) -> String {
        var out: [UInt8] = []
        var s = s
        s.withUTF8 { appendEscaped($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    static func unescaped(_ s: String) -> String {
        var s = s
        return s.withUTF8 { unescaped($0) }
    }
}
