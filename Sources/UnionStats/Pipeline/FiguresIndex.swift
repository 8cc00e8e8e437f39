#if canImport(Glibc)
import Glibc
#endif

/// Where each page's rows are in figures.csv, as make's normalize step spliced
/// them (`OUTPUT/.work/figures.index`), with a hash of each page's bytes: the
/// cached aggregate then reads only the pages whose rows changed and the pages
/// of the months it makes again, not the whole file. Valid only for the
/// figures.csv it names (its identity); anything else is read in full.
struct FiguresIndex {
    static let magic = "unionstats-figures-index 1"

    struct Page {
        var doc: String
        /// Bytes of the page's rows in figures.csv.
        var offset: Int, count: Int
        /// Its rows, and the number in the file of the first (the header is row 1).
        var rows: Int, firstRow: Int
        var hash: String
    }

    var figuresIdentity = ""
    var headerBytes = 0
    var pages: [Page] = []

    static func path(_ paths: PipelinePaths) -> String { FilePaths.join(paths.work, "figures.index") }

    /// The index, when it describes the figures.csv at `figures` as it is now.
    static func read(_ path: String, figures: String) -> FiguresIndex? {
        guard case .success(let bytes) = FilePaths.readAll(path, limit: 1 << 30) else { return nil }
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= 3, String(decoding: lines[0], as: UTF8.self) == magic else { return nil }
        var index = FiguresIndex()
        index.figuresIdentity = String(decoding: lines[1], as: UTF8.self)
        guard index.figuresIdentity == NormalizeCache.identity(figures),
              let header = Int(String(decoding: lines[2], as: UTF8.self)) else { return nil }
        index.headerBytes = header
        var row = 2
        for line in lines.dropFirst(3) where !line.isEmpty {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard f.count == 5, let offset = Int(f[1]), let count = Int(f[2]), let rows = Int(f[3]) else { return nil }
            index.pages.append(Page(doc: NormalizeCache.unescape(f[0]), offset: offset, count: count, rows: rows, firstRow: row, hash: f[4]))
            row += rows
        }
        return index
    }

    /// Gathers the pages as `SplicedOutputs` writes them.
    struct Builder {
        private(set) var lines: [UInt8] = []
        private var offset: Int

        init(headerBytes: Int) { offset = headerBytes }

        mutating func add(doc: String, figures: [UInt8], rows: Int) {
            defer { offset += figures.count }
            guard rows > 0 else { return }
            var h = StableHash()
            h.add(figures[...])
            lines.append(contentsOf: "\(NormalizeCache.escape(doc))\t\(offset)\t\(figures.count)\t\(rows)\t\(h.hex)\n".utf8)
        }
    }

    /// Writes the index of the figures.csv now at `figures` (after it was put in place).
    static func write(_ builder: Builder, headerBytes: Int, figures: String, to path: String) throws {
        // A cache: when lost, the aggregate reads all of figures.csv.
        try OutputFile.replace(path, with: Array("\(magic)\n\(NormalizeCache.identity(figures))\n\(headerBytes)\n".utf8) + builder.lines,
                               durable: false)
    }
}
