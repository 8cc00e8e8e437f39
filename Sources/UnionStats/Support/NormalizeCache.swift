import CSystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// make's cache of normalized pages (`OUTPUT/.work/normalized/index`): for
/// each page, what its rows depend on and where they are in the figures.csv,
/// articles.csv and rejects.csv the last run wrote. The outputs are the cache:
/// a page is not normalized again when everything its rows depend on is the
/// same (the extract CSV's device, inode, size and mtime, the page's manifest
/// row, the `pipeline/` files, the CSV encoding and the program itself); its
/// rows are copied from the last outputs instead, runs of neighbouring pages
/// at once. Nothing is reused when an output is not the file the index
/// recorded. (It was a file of rows per page: opening and reading 10,000 of
/// them was most of make's normalize after one page changed.)
public enum NormalizeCache {
    static let magic = "unionstats-normalized 3"
    static let indexName = "index"

    /// What every entry of a run depends on: the program, `pipeline/`, the encoding.
    public static func runFingerprint(pipeline: String, encoding: CSVEncoding) -> String {
        var h = StableHash()
        if let names = try? FilePaths.list(pipeline) {
            for name in names {
                h.add(name)
                if case .success(let bytes) = FilePaths.readAll(FilePaths.join(pipeline, name), limit: 64 << 20) { h.add(bytes[...]) }
                h.add(count: -1)   // the end of a file
            }
        }
        return "\(program)|\(h.hex)|\(encoding.rawValue)"
    }

    /// The running program, for the caches' keys: its build ID, which copies of one build share
    /// (the bench's copy, an installed one) and another build does not; the file's identity
    /// where there is none. Keyed on the file alone, a copy of the same program made
    /// normalize and aggregate start from nothing (8.6 s and 7.0 s for 10,000 pages).
    public static let program: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        if unionstats_program_build_id(&buffer, buffer.count) == 1 { return "build-id:" + String(cString: buffer) }
        return identity("/proc/self/exe")
    }()

    /// A file's identity as make sees it: it changes whenever the file is rewritten or touched.
    public static func identity(_ path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing" }
        return identity(st)
    }

    static func identity(_ st: stat) -> String {
        "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }

    /// The part of the manifest a page's rows depend on.
    public static func manifestKey(_ manifest: Manifest, doc: String) -> String {
        guard let e = manifest.entry(doc) else { return "-" }
        return "+" + e.published + "\u{1}" + e.source
    }

    /// One page as the last run wrote it.
    struct Entry {
        /// The run's fingerprint and the extract CSV's identity.
        var key: String
        var doc: String
        var manifestKey: String
        /// Where its rows are in figures.csv, articles.csv and rejects.csv (byte offsets).
        var figures: Range<Int>, articles: Range<Int>, rejects: Range<Int>
        var figureCount: Int, articleCount: Int
        /// The page's rejects, for stderr.
        var rejectMessages: [(doc: String, reason: String)]
        /// `FiguresIndex.hash` of its figures' bytes ("" when it has none).
        var figuresHash: String
    }

    /// The pages of the last run, by name, and the outputs it left.
    struct Index {
        /// Identities of figures.csv, articles.csv and rejects.csv as the run left them.
        var identities: [String] = []
        var entries: [String: Entry] = [:]
    }

    static func indexPath(_ dir: String) -> String { FilePaths.join(dir, indexName) }

    /// The index in `dir`, or nil when absent, damaged, or of another program, `pipeline/` or encoding.
    static func readIndex(_ dir: String, runKey: String) -> Index? {
        var index = Index()
        let whole = TabbedLines.readIndex(indexPath(dir), magic: magic, headerLines: 3) { number, f in
            switch number {
            case 1: return TabbedLines.unescaped(f.line) == runKey
            case 2:
                guard f.count == 3 else { return false }
                index.identities = (0..<3).map { f.string($0) }
                return true
            default:
                // name, key, doc, manifest key, (offset, count) × 3, figures, articles, hash, n, (doc, reason) × n
                guard f.count >= 14, let n = f.int(13), n >= 0, f.count == 14 + 2 * n else { return false }
                var numbers: [Int] = []
                for i in 4..<12 {
                    guard let v = f.int(i), v >= 0 else { return false }
                    numbers.append(v)
                }
                index.entries[f.string(0)] = Entry(
                    key: f.string(1), doc: f.string(2), manifestKey: f.string(3),
                    figures: numbers[0]..<numbers[0] + numbers[1], articles: numbers[2]..<numbers[2] + numbers[3],
                    rejects: numbers[4]..<numbers[4] + numbers[5], figureCount: numbers[6], articleCount: numbers[7],
                    rejectMessages: (0..<n).map { (f.string(14 + 2 * $0), f.string(15 + 2 * $0)) },
                    figuresHash: f.string(12))
                return true
            }
        }
        return whole ? index : nil
    }

    /// The index's entry lines, one per page in the run's order: encoded apart from its head,
    /// so that make's normalize encodes them while the outputs, whose identities the head
    /// records, are synced.
    static func encodeEntries(_ entries: [(name: String, entry: Entry)]) -> [UInt8] {
        var out = TabbedLines.Writer(capacity: 160 * entries.count + 512)
        for (name, e) in entries {
            out.field(name); out.field(e.key); out.field(e.doc); out.field(e.manifestKey)
            for r in [e.figures, e.articles, e.rejects] { out.field(r.lowerBound); out.field(r.count) }
            out.field(e.figureCount); out.field(e.articleCount); out.field(e.figuresHash)
            out.field(e.rejectMessages.count)
            for m in e.rejectMessages { out.field(m.doc); out.field(m.reason) }
            out.endLine()
        }
        return out.bytes
    }

    /// Stores the index (`encodeEntries`' lines) atomically; a cache, so no fsync.
    static func writeIndex(_ dir: String, runKey: String, identities: [String], entries: [UInt8]) throws {
        try TabbedLines.writeIndex(indexPath(dir), magic: magic, head: { head in
            head.field(runKey); head.endLine()
            for identity in identities { head.field(identity) }
            head.endLine()
        }, body: entries)
    }

    /// Removes the files of the older cache: a file per page, named after its extract CSV
    /// (`*.csv`). Nothing else: temporary files are `removeStaleTemporaries`' (those of runs
    /// that died), and a folder given by mistake loses no other file.
    public static func prune(_ dir: String) {
        guard let list = try? FilePaths.list(dir) else { return }
        for name in list where name.hasSuffix(".csv") && OutputFile.temporaryOwner(name) == nil {
            unlink(FilePaths.join(dir, name))
        }
    }
}
