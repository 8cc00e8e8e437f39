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

    /// True when `path` is the file the index recorded as `name` (same identity).
    func holds(_ name: String, at path: String) -> Bool {
        guard let f = files[name] else { return false }
        return f.identity == NormalizeCache.identity(path)
    }

    static func read(_ path: String, fingerprint: String) -> AggregateCacheIndex {
        var index = AggregateCacheIndex()
        index.fingerprint = fingerprint
        guard case .success(let bytes) = FilePaths.readAll(path, limit: 1 << 30) else { return index }
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= 2, String(decoding: lines[0], as: UTF8.self) == magic,
              NormalizeCache.unescape(String(decoding: lines[1], as: UTF8.self)) == fingerprint else { return index }
        var parsed = index
        for line in lines.dropFirst(2) where !line.isEmpty {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map {
                NormalizeCache.unescape(String(decoding: $0, as: UTF8.self))
            }
            func int(_ i: Int) -> Int? { i < f.count ? Int(f[i]) : nil }
            switch f[0] {
            case "file" where f.count == 4:
                guard let h = int(3) else { return index }
                parsed.files[f[1]] = (f[2], h)
            case "chunk" where f.count == 5:
                guard let o = int(3), let n = int(4) else { return index }
                parsed.chunks[f[1], default: [:]][f[2]] = Piece(offset: o, count: n)
            case "month" where f.count == 7:
                guard let o = int(3), let n = int(4), let wo = int(5), let wn = int(6) else { return index }
                parsed.months[f[1]] = (f[2], Piece(offset: o, count: n), Piece(offset: wo, count: wn))
            case "report" where f.count == 4:
                parsed.reports[f[1]] = (f[2], f[3])
            case "page" where f.count >= 5:
                // page, doc, hash, n, (month, all, tables) × n, m, (table, key) × m
                guard let n = int(3), f.count >= 5 + 3 * n, let m = int(4 + 3 * n), f.count == 5 + 3 * n + 2 * m else { return index }
                var facts = FigureScan.PageFacts(hash: f[2])
                for k in 0..<n { facts.months.append((f[4 + 3 * k], f[5 + 3 * k], f[6 + 3 * k].isEmpty ? nil : f[6 + 3 * k])) }
                for k in 0..<m { facts.lists.append((f[5 + 3 * n + 2 * k], f[6 + 3 * n + 2 * k])) }
                parsed.pages[f[1]] = facts
            default:
                return index   // a line this version does not know: start afresh
            }
        }
        return parsed
    }

    /// Stores the index atomically (temporary file + rename); a cache, so no fsync.
    func write(_ path: String) throws {
        var out: [UInt8] = []
        func line(_ fields: [String]) {
            out.append(contentsOf: fields.map(NormalizeCache.escape).joined(separator: "\t").utf8)
            out.append(0x0A)
        }
        out.append(contentsOf: (AggregateCacheIndex.magic + "\n").utf8)
        line([fingerprint])
        for (name, f) in files.sorted(by: { $0.key < $1.key }) { line(["file", name, f.identity, String(f.header)]) }
        for (table, pieces) in chunks.sorted(by: { $0.key < $1.key }) {
            for (hash, p) in pieces.sorted(by: { $0.value.offset < $1.value.offset }) {
                line(["chunk", table, hash, String(p.offset), String(p.count)])
            }
        }
        for (month, m) in months.sorted(by: { TableSort.less($0.key, $1.key) }) {
            line(["month", month, m.hash, String(m.monthly.offset), String(m.monthly.count), String(m.wide.offset), String(m.wide.count)])
        }
        for (month, r) in reports.sorted(by: { TableSort.less($0.key, $1.key) }) { line(["report", month, r.key, r.identity]) }
        for (doc, p) in pages.sorted(by: { TableSort.less($0.key, $1.key) }) {
            line(["page", doc, p.hash, String(p.months.count)] + p.months.flatMap { [$0.month, $0.all, $0.tables ?? ""] }
                 + [String(p.lists.count)] + p.lists.flatMap { [$0.table, $0.key] })
        }
        try OutputFile.replace(path, with: out, durable: false)
    }
}

/// Reads pieces of a file written by the previous run (while the new one is
/// written beside it under a temporary name).
final class PreviousFile {
    private let fd: Int32
    private let base: Int
    /// Bytes after the header.
    let bodySize: Int

    /// Opens `path` when the index recorded it as `name`; nil otherwise.
    init?(_ path: String, as name: String, in index: AggregateCacheIndex) {
        guard index.holds(name, at: path), let header = index.files[name]?.header else { return nil }
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, Int(st.st_size) >= header else {
            close(fd)
            return nil
        }
        base = header
        bodySize = Int(st.st_size) - header
    }

    deinit { close(fd) }

    /// Appends bytes `range` (after the header) to `out`, a block at a time.
    func copy(_ range: Range<Int>, to out: OutputFile) throws {
        var at = range.lowerBound
        while at < range.upperBound {
            let n = min(1 << 20, range.upperBound - at)
            guard let bytes = read(.init(offset: at, count: n)) else {
                throw CSVError.cannotOpen(path: out.path, reason: "the previous table changed while it was read")
            }
            try out.write(bytes)
            at += n
        }
    }

    /// The piece's bytes, or nil when the file is shorter than the index says.
    func read(_ piece: AggregateCacheIndex.Piece) -> [UInt8]? {
        FilePaths.read(fd, offset: base + piece.offset, count: piece.count)
    }
}
