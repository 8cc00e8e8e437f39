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
        var index = FiguresIndex()
        var row = 2
        let whole = TabbedLines.readIndex(path, magic: magic, headerLines: 3) { number, f in
            switch number {
            case 1:
                index.figuresIdentity = String(decoding: f.line, as: UTF8.self)
                return index.figuresIdentity == NormalizeCache.identity(figures)
            case 2:
                guard f.count == 1, let header = f.int(0) else { return false }
                index.headerBytes = header
                return true
            default:
                guard f.count == 5, let offset = f.int(1), let count = f.int(2), let rows = f.int(3) else { return false }
                index.pages.append(Page(doc: f.string(0), offset: offset, count: count, rows: rows, firstRow: row,
                                        hash: String(decoding: f.bytes(4), as: UTF8.self)))
                row += rows
                return true
            }
        }
        return whole ? index : nil
    }

    /// Gathers the pages as `SplicedOutputs` writes them.
    struct Builder {
        private(set) var lines = TabbedLines.Writer()
        private var offset: Int

        init(headerBytes: Int) { offset = headerBytes }

        mutating func add(doc: String, figures: [UInt8], rows: Int) {
            add(doc: doc, byteCount: figures.count, rows: rows, hash: FiguresIndex.hash(figures))
        }

        /// A page of `byteCount` bytes of rows whose `FiguresIndex.hash` is `hash`.
        mutating func add(doc: String, byteCount: Int, rows: Int, hash: @autoclosure () -> String) {
            defer { offset += byteCount }
            guard rows > 0 else { return }
            lines.field(doc); lines.field(offset); lines.field(byteCount); lines.field(rows); lines.field(hash())
            lines.endLine()
        }
    }

    /// The hash a page's rows are known by.
    static func hash(_ figures: [UInt8]) -> String {
        var h = StableHash()
        h.add(figures[...])
        return h.hex
    }

    /// Writes the index of the figures.csv now at `figures` (after it was put in place).
    static func write(_ builder: Builder, headerBytes: Int, figures: String, to path: String) throws {
        // A cache: when lost, the aggregate reads all of figures.csv.
        try TabbedLines.writeIndex(path, magic: magic, head: { head in
            head.field(NormalizeCache.identity(figures)); head.endLine()
            head.field(headerBytes); head.endLine()
        }, body: builder.lines.bytes)
    }
}
