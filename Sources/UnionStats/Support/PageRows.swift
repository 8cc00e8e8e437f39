/// One page's rows of `figures.csv`, `articles.csv` and `rejects.csv`,
/// already encoded as the output files hold them (header excluded), so they
/// can be encoded on any thread, cached, and spliced into the outputs.
public struct PageRows: Sendable {
    public var doc = ""
    public var figures: [UInt8] = []
    public var articles: [UInt8] = []
    public var rejects: [UInt8] = []
    public var figureCount = 0
    public var articleCount = 0
    /// The page's rejects, for stderr.
    public var rejectMessages: [(doc: String, reason: String)] = []
    /// `FiguresIndex.hash(figures)`, worked out on the worker when the index is kept
    /// (not on the thread that splices the pages; nil: not worked out).
    var figuresHash: String?

    public init() {}
}

/// Encodes `NormalizeStage.PageResult`s as `CSVWriter` writes the three files (a merge writes them with it).
public struct PageRowsCodec: Sendable {
    public let encoding: CSVEncoding
    static let articleNumeric: Set<String> = ["article", "line", "paragraphs", "characters", "figures"]
    static let rejectNumeric: Set<String> = ["line"]
    /// Preamble and header of each file.
    public let figuresHead: [UInt8]
    public let articlesHead: [UInt8]
    public let rejectsHead: [UInt8]

    /// Which columns are numeric (never guarded), by column index.
    static let figuresNumeric = Figure.columns.map { Figure.numericColumns.contains($0) }
    static let articlesNumeric = NormalizeStage.articleColumns.map { PageRowsCodec.articleNumeric.contains($0) }

    public init(encoding: CSVEncoding) {
        self.encoding = encoding
        figuresHead = PageRowsCodec.encode([], header: Figure.columns, numeric: Figure.numericColumns, encoding: encoding)
        articlesHead = PageRowsCodec.encode([], header: NormalizeStage.articleColumns, numeric: PageRowsCodec.articleNumeric, encoding: encoding)
        rejectsHead = PageRowsCodec.encode([], header: NormalizeStage.rejectColumns, numeric: PageRowsCodec.rejectNumeric, encoding: encoding)
    }

    /// Preamble, header and rows, through `CSVWriter` (so quoting and formula guards are the writer's).
    static func encode(_ rows: [[String]], header: [String], numeric: Set<String>, encoding: CSVEncoding) -> [UInt8] {
        let sink = OutputFile.memory()
        let w = CSVWriter(sink: sink, header: header, numericColumns: numeric, encoding: encoding)
        for r in rows { try? w.write(r) }   // a memory sink cannot fail
        _ = try? w.close()
        return sink.bytes
    }

    public func encode(_ r: NormalizeStage.PageResult, doc: String) -> PageRows {
        var rows = encodeRest(r, doc: doc)
        rows.figures = r.figures.withUnsafeBufferPointer { figures in
            encodeFigures(figures.count, fieldStarts: nil, plain: false, { _, _, _ in false }) { i, row in figures[i].forEachField(&row) }
        }
        return rows
    }

    /// `encode`, taking `r`'s figures in place (`r` is not changed), and with `notingFields`
    /// where each field of their rows starts (`FigureRowFields`).
    func encode(_ r: inout NormalizeStage.PageResult, doc: String, notingFields: Bool) -> (PageRows, FigureRowFields?) {
        var rows = encodeRest(r, doc: doc)
        // Not zero-filled first: a row's encoder writes all `stride` of its starts (one as
        // each of its fields begins, the last in `end()`, which holds the row to the header).
        let noted = notingFields ? r.figures.count * FigureRowFields.stride : 0
        // After the starts, each row's quote marks (`FigureRowFields.starts`), in the same block.
        let marked = notingFields ? r.figures.count : 0
        var encoded: [UInt8] = []
        let numeric = PlainFigureRow.numeric
        let stride = FigureRowFields.stride
        let starts = [Int](unsafeUninitializedCapacity: noted + marked) { starts, initialized in
            let quoteMarks = marked > 0 ? starts.baseAddress! + noted : nil
            quoteMarks?.initialize(repeating: FigureRowFields.unknownMarks, count: marked)
            encoded = r.figures.withUnsafeMutableBufferPointer { figures in
            PlainFigureRow.sources.withUnsafeBufferPointer { sources in
            // Where plain rows note their fields when the caller does not ask for them: two rows, the
            // one written last (which the next copies from, `PlainFigureRow.Previous`) and the next.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * stride) { scratch in
                var last: PlainFigureRow.Previous?
                var slot = 0
                // GB18030 rows are not the texts' bytes: all through `CSVRowEncoder`.
                return encodeFigures(figures.count, fieldStarts: notingFields ? starts.baseAddress : nil, plain: encoding != .gb18030,
                              { i, out, noted in
                    let rowStarts = noted ?? scratch.baseAddress! + slot * stride
                    let figure = UnsafeRawPointer(figures.baseAddress! + i)
                    guard let marks = PlainFigureRow.append(&figures[i], to: out, starts: rowStarts, numeric: numeric,
                                                            at: figure, after: last, sources: sources.baseAddress) else { return false }
                    quoteMarks?[i] = Int(marks)
                    last = PlainFigureRow.Previous(figure: figure, starts: rowStarts, quoteMarks: marks)
                    slot ^= 1
                    return true
                }) { i, row in
                    PageRowsCodec.encode(&figures[i], into: &row)
                }
            }
            }
            }
            initialized = noted + marked
        }
        rows.figures = encoded
        return (rows, notingFields ? FigureRowFields(bytes: rows.figures, starts: starts, encoding: encoding) : nil)
    }

    /// `f.forEachField(&row)`; inout, so a figure in a buffer is not copied for the call
    /// (a value read through a pointer is, a retain and release per text).
    @inline(__always)
    private static func encode(_ f: inout Figure, into row: inout CSVRowEncoder) { f.forEachField(&row) }

    /// Rows of figures.csv, the fields of figure `i` given by `fields(i, &row)`. `fieldStarts`:
    /// room for `FigureRowFields.stride` offsets per figure, or nil. With `plain`, `plainRow(i, out,
    /// starts)` writes row `i` where its fields allow (`PlainFigureRow`), else returns false and `fields` does.
    @inline(__always)
    private func encodeFigures(_ count: Int, fieldStarts: UnsafeMutablePointer<Int>?, plain: Bool,
                               _ plainRow: (Int, ByteArena, UnsafeMutablePointer<Int>?) -> Bool,
                               _ fields: (Int, inout CSVRowEncoder) -> Void) -> [UInt8] {
        guard count > 0 else { return [] }
        let numeric = PageRowsCodec.figuresNumeric
        return ByteArena.array(capacity: count * 512) { out in
            for i in 0..<count {
                let starts = fieldStarts.map { $0 + i * FigureRowFields.stride }
                if plain && plainRow(i, out, starts) { continue }
                var row = CSVRowEncoder(numeric: numeric, encoding: encoding, into: out, fieldStarts: starts)
                fields(i, &row)
                row.end()
            }
        }
    }

    /// The page's rows but those of figures.csv.
    private func encodeRest(_ r: NormalizeStage.PageResult, doc: String) -> PageRows {
        var rows = PageRows()
        rows.doc = doc
        if !r.articles.isEmpty {
            rows.articles = CSVWriter.encodeRows(r.articles, numeric: PageRowsCodec.articlesNumeric, encoding: encoding)
        }
        if !r.rejects.isEmpty {
            rows.rejects = rejectBytes(r.rejects)
        }
        rows.figureCount = r.figures.count
        rows.articleCount = r.articles.count
        rows.rejectMessages = r.rejects.map { ($0[0], $0[3]) }
        return rows
    }

    public func rejectBytes(_ rejects: [[String]]) -> [UInt8] {
        Array(PageRowsCodec.encode(rejects, header: NormalizeStage.rejectColumns, numeric: PageRowsCodec.rejectNumeric,
                                   encoding: encoding).dropFirst(rejectsHead.count))
    }
}

/// `figures.csv`, `articles.csv` and `rejects.csv` assembled from `PageRows`,
/// each written to a temporary file and renamed into place only when complete
/// and changed (`OutputFile`).
final class SplicedOutputs {
    let codec: PageRowsCodec
    let figures: OutputFile
    let articles: OutputFile
    let rejects: OutputFile
    private(set) var figureCount = 0
    private(set) var rejectCount = 0
    /// Where each page's rows went in figures.csv (make's runs: `FiguresIndex`).
    var index: FiguresIndex.Builder?
    /// Bytes written to figures.csv, articles.csv and rejects.csv (where the next rows go).
    private(set) var written: [Int]
    /// Rows kept from the last run's outputs, not yet copied: runs of neighbouring pages go at once.
    private var runs: [Range<Int>?] = [nil, nil, nil]
    private var previous: PreviousOutputs?
    private var files: [OutputFile] { [figures, articles, rejects] }

    init(paths: PipelinePaths, codec: PageRowsCodec) throws {
        self.codec = codec
        figures = try OutputFile(path: paths.figures)
        articles = try OutputFile(path: paths.articles)
        rejects = try OutputFile(path: paths.rejects)
        try figures.write(codec.figuresHead)
        try articles.write(codec.articlesHead)
        try rejects.write(codec.rejectsHead)
        written = [codec.figuresHead.count, codec.articlesHead.count, codec.rejectsHead.count]
    }

    /// Appends a page's rows; returns where they went in each file.
    @discardableResult
    func add(_ rows: PageRows) throws -> [Range<Int>] {
        try flushRuns()
        index?.add(doc: rows.doc, byteCount: rows.figures.count, rows: rows.figureCount, hash: rows.figuresHash ?? FiguresIndex.hash(rows.figures))
        try figures.write(rows.figures)
        try articles.write(rows.articles)
        try rejects.write(rows.rejects)
        figureCount += rows.figureCount
        rejectCount += rows.rejectMessages.count
        return [rows.figures.count, rows.articles.count, rows.rejects.count].enumerated().map { file, n in
            defer { written[file] += n }
            return written[file]..<written[file] + n
        }
    }

    /// Appends a page the last run wrote, from its outputs (copied later, with its neighbours);
    /// returns the entry with where its rows now are.
    func keep(_ entry: NormalizeCache.Entry, from previous: PreviousOutputs) throws -> NormalizeCache.Entry {
        if self.previous !== previous {
            try flushRuns()
            self.previous = previous
        }
        index?.add(doc: entry.doc, byteCount: entry.figures.count, rows: entry.figureCount, hash: entry.figuresHash)
        var moved = entry
        moved.figures = try extendRun(0, entry.figures)
        moved.articles = try extendRun(1, entry.articles)
        moved.rejects = try extendRun(2, entry.rejects)
        figureCount += entry.figureCount
        rejectCount += entry.rejectMessages.count
        return moved
    }

    private func extendRun(_ file: Int, _ range: Range<Int>) throws -> Range<Int> {
        let at = written[file]
        written[file] += range.count
        if !range.isEmpty {
            if let run = runs[file], run.upperBound == range.lowerBound {
                runs[file] = run.lowerBound..<range.upperBound
            } else {
                try flushRun(file)
                runs[file] = range
            }
        }
        return at..<at + range.count
    }

    private func flushRun(_ file: Int) throws {
        guard let run = runs[file], let previous else { return }
        runs[file] = nil
        try previous.files[file].copy(run, to: files[file])
    }

    private func flushRuns() throws {
        for file in 0..<3 { try flushRun(file) }
    }

    /// A problem that is not about one page's text (a manifest row, say).
    func addReject(doc: String, line: Int, problem: String, reason: String) throws {
        try flushRuns()
        let bytes = codec.rejectBytes([[doc, line > 0 ? String(line) : "", problem, reason]])
        try rejects.write(bytes)
        written[2] += bytes.count
        rejectCount += 1
    }

    func close() throws {
        try flushRuns()
        try figures.commit()
        try articles.commit()
        try rejects.commit()
    }

    func abandon() {
        figures.abandon()
        articles.abandon()
        rejects.abandon()
    }
}

/// The last run's figures.csv, articles.csv and rejects.csv, open for copying the rows of
/// pages that did not change (make's normalize, `NormalizeCache`); nil unless all three are
/// the files the cache's index recorded.
final class PreviousOutputs {
    let files: [PreviousFile]

    /// figures.csv, articles.csv and rejects.csv, in the order of `NormalizeCache.Index.identities`.
    static func paths(_ paths: PipelinePaths) -> [String] {
        [paths.figures, paths.articles, paths.rejects]
    }

    init?(paths: PipelinePaths, identities: [String]) {
        let names = PreviousOutputs.paths(paths)
        guard identities.count == names.count else { return nil }
        var files: [PreviousFile] = []
        for (path, identity) in zip(names, identities) {
            guard let file = PreviousFile(path, identity: identity, header: 0) else { return nil }
            files.append(file)
        }
        self.files = files
    }

    /// Closes the three files: see `PreviousFile.close`.
    func close() {
        for file in files { file.close() }
    }

    /// True when every range lies within its file.
    func holds(_ entry: NormalizeCache.Entry) -> Bool {
        zip(files, [entry.figures, entry.articles, entry.rejects]).allSatisfy { $0.bodySize >= $1.upperBound }
    }
}
