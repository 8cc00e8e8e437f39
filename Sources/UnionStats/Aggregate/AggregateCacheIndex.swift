#if canImport(Glibc)
import Glibc
#endif

/// What the last cached aggregate (`IncrementalAggregate`) built, and from what:
/// `CACHE/index`, a text file of tab-separated lines, written last (after the
/// outputs are in place), so that a run killed before it leaves the previous
/// index, whose recorded file identities then no longer match and nothing
/// stale is reused.
struct AggregateCacheIndex {
    static let magic = "unionstats-aggregate-cache 1"

    /// A piece of an output (a doc's rows of a list table, a month's rows of
    /// monthly.csv): where it is in the file, after the header.
    struct Piece { var offset: Int; var count: Int }

    /// The program, the encoding and the report date: when any differs, nothing is reused.
    var fingerprint = ""
    /// Output (or cache file) name → (identity when written, header bytes).
    var files: [String: (identity: String, header: Int)] = [:]
    /// List table name → hash of a doc's rows → where those rows are in the table.
    var chunks: [String: [String: Piece]] = [:]
    /// Month → hash of its monthly figures, its rows in monthly.csv, its records in wide.bin.
    var months: [String: (hash: String, monthly: Piece, wide: Piece)] = [:]
    /// Month → what its report was made from, and the report's identity.
    var reports: [String: (key: String, identity: String)] = [:]
    /// Doc → what its page gave (make's runs, read by pages).
    var pages: [String: FigureScan.PageFacts] = [:]

    static func read(_ path: String, fingerprint: String) -> AggregateCacheIndex {
        var index = AggregateCacheIndex()
        index.fingerprint = fingerprint
        var parsed = index
        let whole = TabbedLines.readIndex(path, magic: magic, headerLines: 2) { number, f in
            number == 1 ? TabbedLines.unescaped(f.line) == fingerprint : parsed.add(f)
        }
        return whole ? parsed : index
    }

    /// Adds one line's record; false for a line this version does not know (then the index starts afresh).
    private mutating func add(_ f: TabbedLines.Fields) -> Bool {
        func int(_ i: Int) -> Int? { f.int(i) }
        if f.isEqual(0, "chunk") && f.count == 5 {
            guard let o = int(3), let n = int(4) else { return false }
            chunks[f.string(1), default: [:]][f.string(2)] = Piece(offset: o, count: n)
        } else if f.isEqual(0, "page") && f.count >= 5 {
            // page, doc, hash, n, (month, all, tables) × n, m, (table, key) × m
            guard let n = int(3), n >= 0, f.count >= 5 + 3 * n, let m = int(4 + 3 * n), m >= 0, f.count == 5 + 3 * n + 2 * m else { return false }
            var facts = FigureScan.PageFacts(hash: f.string(2))
            facts.months.reserveCapacity(n)
            for k in 0..<n {
                let tables = f.bytes(6 + 3 * k)
                facts.months.append((f.string(4 + 3 * k), f.string(5 + 3 * k), tables.isEmpty ? nil : f.string(6 + 3 * k)))
            }
            for k in 0..<m { facts.lists.append((f.string(5 + 3 * n + 2 * k), f.string(6 + 3 * n + 2 * k))) }
            pages[f.string(1)] = facts
        } else if f.isEqual(0, "file") && f.count == 4 {
            guard let h = int(3) else { return false }
            files[f.string(1)] = (f.string(2), h)
        } else if f.isEqual(0, "month") && f.count == 7 {
            guard let o = int(3), let n = int(4), let wo = int(5), let wn = int(6) else { return false }
            months[f.string(1)] = (f.string(2), Piece(offset: o, count: n), Piece(offset: wo, count: wn))
        } else if f.isEqual(0, "report") && f.count == 4 {
            reports[f.string(1)] = (f.string(2), f.string(3))
        } else {
            return false
        }
        return true
    }

    /// Stores the index atomically (temporary file + rename); a cache, so no fsync.
    func write(_ path: String) throws {
        try write(path, encodedParts: encodedParts())
    }

    /// The lines that do not depend on the outputs' identities: the chunks and months,
    /// and the pages (the bulk: a line per page). make's aggregate encodes them while
    /// the outputs are synced, whose identities `files` and `reports` then record.
    struct EncodedParts {
        var chunksAndMonths: [UInt8], pages: [UInt8]
    }

    func encodedParts() -> EncodedParts {
        var out = TabbedLines.Writer(capacity: 96 * chunks.values.reduce(0) { $0 + $1.count } + 96 * months.count + 1024)
        for (table, pieces) in chunks.sorted(by: { $0.key < $1.key }) {
            for (hash, p) in pieces.sorted(by: { $0.value.offset < $1.value.offset }) {
                out.field("chunk"); out.field(table); out.field(hash); out.field(p.offset); out.field(p.count); out.endLine()
            }
        }
        for (month, m) in months.sorted(by: { TableSort.less($0.key, $1.key) }) {
            out.field("month"); out.field(month); out.field(m.hash)
            out.field(m.monthly.offset); out.field(m.monthly.count); out.field(m.wide.offset); out.field(m.wide.count)
            out.endLine()
        }
        var pageLines = TabbedLines.Writer(capacity: 256 * pages.count + 1024)
        for (doc, p) in pages.sorted(by: { TableSort.less($0.key, $1.key) }) {
            pageLines.field("page"); pageLines.field(doc); pageLines.field(p.hash); pageLines.field(p.months.count)
            for m in p.months { pageLines.field(m.month); pageLines.field(m.all); pageLines.field(m.tables ?? "") }
            pageLines.field(p.lists.count)
            for l in p.lists { pageLines.field(l.table); pageLines.field(l.key) }
            pageLines.endLine()
        }
        return EncodedParts(chunksAndMonths: out.bytes, pages: pageLines.bytes)
    }

    /// Writes the head, `files` and `reports` with `parts` (made by `encodedParts` from this
    /// index's chunks, months and pages) in the order `read` has always been given them.
    func write(_ path: String, encodedParts parts: EncodedParts) throws {
        var fileLines = TabbedLines.Writer(capacity: 128 * files.count + 64)
        for (name, f) in files.sorted(by: { $0.key < $1.key }) {
            fileLines.field("file"); fileLines.field(name); fileLines.field(f.identity); fileLines.field(f.header); fileLines.endLine()
        }
        var reportLines = TabbedLines.Writer(capacity: 128 * reports.count + 64)
        for (month, r) in reports.sorted(by: { TableSort.less($0.key, $1.key) }) {
            reportLines.field("report"); reportLines.field(month); reportLines.field(r.key); reportLines.field(r.identity); reportLines.endLine()
        }
        try TabbedLines.writeIndex(path, magic: AggregateCacheIndex.magic, head: { $0.field(fingerprint); $0.endLine() },
                                   body: fileLines.bytes, parts.chunksAndMonths, reportLines.bytes, parts.pages)
    }
}
