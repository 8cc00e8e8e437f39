import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a run reads and writes.
public struct PipelinePaths: Sendable {
    public var input: String
    public var output: String
    public var pipeline: String

    public init(input: String, output: String, pipeline: String) {
        self.input = input
        self.output = output
        self.pipeline = pipeline
    }

    public var manifest: String { FilePaths.join(input, "manifest.csv") }
    public var figures: String { FilePaths.join(output, "figures.csv") }
    public var articles: String { FilePaths.join(output, "articles.csv") }
    public var rejects: String { FilePaths.join(output, "rejects.csv") }
    public var tables: String { FilePaths.join(output, "tables") }
    public var reports: String { FilePaths.join(output, "reports") }
    /// make's intermediates (per-page extract CSVs, the normalize cache).
    public var work: String { FilePaths.join(output, ".work") }
    public var lock: String { RunLock.path(forOutput: output) }
}

/// One page for the normalize step: how to load it and, when the caller
/// keeps a cache, its name there and what its normalized rows depend on.
public struct PageSource {
    public var load: () throws -> ExtractedPage
    /// The page's name in the cache's index (nil: not cached).
    public var cacheName: String?
    /// What the cached rows depend on, besides the run-wide fingerprint
    /// (the extract CSV's identity, say); "" means never cached. Asked on the
    /// worker that takes the page: a stat of each of 10,000 extract CSVs on the
    /// calling thread held up the start of make's incremental runs.
    public var key: () -> String

    public init(load: @escaping () throws -> ExtractedPage, cacheName: String? = nil, key: @escaping () -> String = { "" }) {
        self.load = load
        self.cacheName = cacheName
        self.key = key
    }
}

/// The stages wired together; the CLI and make call these.
public enum Pipeline {
    /// Pages above this size are rejected (`too-large`) without being read:
    /// a newspaper page is 5–50 KB, and a page is held in memory several times
    /// over while it is repaired and scanned, once per core.
    public static let maximumPageBytes = 16 << 20

    /// Input files that are pages: everything in the folder but the manifest and dot files (`PageList`).
    public static func pageFiles(in input: String) throws -> [String] {
        Array(try PageList(folder: input))
    }

    /// Reads and extracts one page file; unreadable, empty-named or oversized files come back rejected.
    public static func extractPage(path: String, doc: String? = nil) -> ExtractedPage {
        let name = doc ?? FilePaths.baseName(path)
        switch FilePaths.readAll(path, limit: maximumPageBytes) {
        case .success(let bytes):
            return ExtractStage.extract(doc: name, bytes: bytes)
        case .failure(let problem):
            return ExtractStage.rejected(name, problem)
        }
    }

    /// Extracts one page file into its intermediate CSV (`-` for stdin/stdout).
    public static func extract(page path: String, doc: String?, to out: String) throws -> ExtractedPage {
        let e: ExtractedPage
        if path == "-" {
            let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            e = bytes.count > maximumPageBytes
                ? ExtractStage.rejected(doc ?? "stdin", PageProblem(code: "too-large", reason: "over the \(maximumPageBytes >> 20) MB limit for one page"))
                : ExtractStage.extract(doc: doc ?? "stdin", bytes: bytes)
        } else {
            e = extractPage(path: path, doc: doc)
        }
        try IntermediateCSV.write(e, to: out)
        return e
    }

    /// Normalizes pages given as intermediate CSV paths or in memory, in order,
    /// using both cores; returns (figures, rejects) counts.
    @discardableResult
    public static func normalize(pages: [() throws -> ExtractedPage], paths: PipelinePaths, encoding: CSVEncoding,
                                 diagnostics: DiagnosticCollector, progress: Progress? = nil) throws -> (figures: Int, rejects: Int) {
        try normalize(sources: pages.map { PageSource(load: $0) }, paths: paths, encoding: encoding,
                      diagnostics: diagnostics, progress: progress)
    }

    /// Normalizes pages in order on all cores. Each page's rows are encoded on
    /// a worker thread; the calling thread splices them into the outputs in
    /// page order, so memory holds a window of pages, not the corpus. Pages with a valid
    /// cache entry are not loaded at all (make's incremental runs).
    ///
    /// With `monthly`, each page's figures also go to the tables and reports as they
    /// would read them back from figures.csv (`FiguresInput.readBack`), encoded on the
    /// worker (`MonthlyOutputs.encode`) and added in figures.csv's order, so `run`
    /// builds them without reading the file again.
    @discardableResult
    public static func normalize<Sources: RandomAccessCollection>(
        sources: Sources, paths: PipelinePaths, encoding: CSVEncoding,
                                 diagnostics: DiagnosticCollector, progress: Progress? = nil,
                                 cacheDirectory: String? = nil,
                                 monthly: MonthlyOutputs? = nil,
                                 putInPlace: (@escaping () throws -> Void) throws -> Void = { try $0() }) throws -> (figures: Int, rejects: Int)
    where Sources.Element == PageSource, Sources.Index == Int {
        Memory.limitArenas()
        // The manifest and the dictionaries load on two threads of their own, beside each other and
        // beside the first extractions; a pipeline/ file that cannot be used still stops the run
        // before any output is put in place. The manifest's diagnostics still come first: no page
        // is normalized (nor read from the cache) before it is there.
        let manifestLoad = Deferred { Manifest.load(paths.manifest, diagnostics: diagnostics) }
        let stages = Deferred {
            let dictionaries = try Dictionaries.load(from: paths.pipeline)
            return NormalizeStage(manifest: try manifestLoad.value(), dictionaries: dictionaries, diagnostics: diagnostics)
        }
        let codec = PageRowsCodec(encoding: encoding)
        let cached = cacheDirectory != nil && sources.contains { $0.cacheName != nil }
        let runKey = cached ? NormalizeCache.runFingerprint(pipeline: paths.pipeline, encoding: encoding) : ""
        // Files of an older cache go on a thread of their own, beside the work.
        var pruning: BackgroundTask? = nil
        if let dir = cacheDirectory {
            try FilePaths.makeDirectories(dir)
            OutputFile.removeStaleTemporaries(in: dir)
            pruning = BackgroundTask { NormalizeCache.prune(dir) }
        }
        defer { try? pruning?.wait() }
        // The last run's pages, and its outputs to copy them from (when they are the files it
        // left): read on a thread of its own, beside the manifest and the dictionaries.
        let previousLoad = Deferred { () -> (NormalizeCache.Index?, PreviousOutputs?) in
            guard cached, let dir = cacheDirectory, let index = NormalizeCache.readIndex(dir, runKey: runKey),
                  let previous = PreviousOutputs(paths: paths, identities: index.identities) else { return (nil, nil) }
            return (index, previous)
        }
        try FilePaths.makeDirectories(paths.output)
        let outputs = try SplicedOutputs(paths: paths, codec: codec)
        if cacheDirectory != nil {
            outputs.index = FiguresIndex.Builder(headerBytes: codec.figuresHead.count)
            try FilePaths.makeDirectories(paths.work)   // figures.index goes there (by hand, not only under make)
        }
        // The pages of this run for the cache's next index, in order.
        var newEntries: [(name: String, entry: NormalizeCache.Entry)] = []
        do {
            // Keys of the docs seen (`Manifest.key`), for the manifest's rows that name no page
            // (a set of the names themselves grew with the corpus).
            var docs = Set<StableHash>()
            // Not when pages may come from the cache (a page read there is not loaded at all), nor
            // off the main thread, whose stack is as large as the workers' (page parsing recurses a little).
            let early = EarlyPages(cached || !Thread.isMainThread ? [] : extractWhileWaiting(for: stages, sources: sources))
            // Every cache entry is checked against the manifest: the workers take it once, here,
            // not from `manifestLoad` for each page (two workers asking it at once took turns
            // sleeping, 10,000 times in make's incremental run).
            let cacheManifest = cached ? try manifestLoad.value() : nil
            let (previousIndex, previous) = try previousLoad.value()
            // A page kept from the last run costs a look-up: workers take eight at a time.
            try orderedParallel(count: sources.count, claim: cached ? 8 : 1, work: { i -> Result<NormalizedPage, Error> in
                let source = sources[i]
                do {
                    var key = ""
                    if let cacheManifest, let name = source.cacheName {
                        let own = source.key()
                        key = own.isEmpty ? "" : runKey + "|" + own
                        if !key.isEmpty, let entry = previousIndex?.entries[name], entry.key == key,
                           entry.manifestKey == NormalizeCache.manifestKey(cacheManifest, doc: entry.doc), previous!.holds(entry) {
                            return .success(.kept(name: name, entry))
                        }
                    }
                    let page = try early.take(i)?.get() ?? source.load()
                    var result = try stages.value().normalize(page)
                    var (rows, written) = codec.encode(&result, doc: page.page.doc, notingFields: monthly != nil)
                    if cacheDirectory != nil && rows.figureCount > 0 { rows.figuresHash = FiguresIndex.hash(rows.figures) }
                    guard let monthly, let written else { return .success(.made(rows, nil, name: source.cacheName, key: key)) }
                    // The page's figures are read back in place: its rows are encoded, nothing else holds them.
                    var figures = result.figures
                    result.figures = []
                    return .success(.made(rows, monthly.encode(readingBack: &figures, written: written), name: nil, key: ""))
                } catch {
                    return .failure(error)
                }
            }, consume: { _, result in
                let doc: String, rejectMessages: [(doc: String, reason: String)]
                switch try result.get() {
                case .kept(let name, let entry):
                    (doc, rejectMessages) = (entry.doc, entry.rejectMessages)
                    newEntries.append((name, try outputs.keep(entry, from: previous!)))
                case .made(let rows, let figures, let name, let key):
                    (doc, rejectMessages) = (rows.doc, rows.rejectMessages)
                    if let figures { try monthly?.add(figures) }
                    let at = try outputs.add(rows)
                    if let name, !key.isEmpty, let cacheManifest {
                        newEntries.append((name, NormalizeCache.Entry(
                            key: key, doc: rows.doc, manifestKey: NormalizeCache.manifestKey(cacheManifest, doc: rows.doc),
                            figures: at[0], articles: at[1], rejects: at[2], figureCount: rows.figureCount, articleCount: rows.articleCount,
                            rejectMessages: rows.rejectMessages, figuresHash: rows.figuresHash ?? "")))
                    }
                }
                docs.insert(Manifest.key(doc))
                for reject in rejectMessages {
                    diagnostics.emit(Diagnostic(.error, file: reject.doc, "rejected: \(reject.reason)"))
                }
                progress?.advance(by: 1)
            })
            _ = try stages.value()   // its errors count even when every page came from the cache
            let manifest = try manifestLoad.value()
            for p in manifest.problems {
                try outputs.addReject(doc: p.doc, line: p.row, problem: "manifest", reason: p.reason)
            }
            try manifest.forEachEntry { entry in
                guard !docs.contains(Manifest.key(entry.doc)) else { return }
                let reason = "manifest row \(entry.row) names \(entry.doc), which is not in the input folder"
                diagnostics.emit(Diagnostic(.warning, file: paths.manifest, line: entry.row, reason))
                try outputs.addReject(doc: entry.doc, line: entry.row, problem: "missing-file", reason: reason)
            }
            let counts = (outputs.figureCount, outputs.rejectCount)
            // Synced and renamed by `putInPlace`: now, or on a thread of its own (`run`). A file
            // that fails takes the ones not yet in place with it (their temporary files removed).
            let index = outputs.index, figuresHead = codec.figuresHead.count
            try putInPlace {
                var releasing: BackgroundTask? = nil
                defer { try? releasing?.wait() }
                do {
                    // Synced (a tenth of a second for 90 MB) on a thread of its own while the
                    // cache's index is encoded here.
                    let closing = BackgroundTask { try outputs.close() }
                    let entries = cached ? NormalizeCache.encodeEntries(newEntries) : nil
                    try closing.wait()
                    // The old outputs' last reference is `previous`'s open files: closing them has the
                    // kernel free their pages and blocks, here beside the indexes' writing instead of
                    // at the process's exit.
                    if let previous { releasing = BackgroundTask { previous.close() } }
                    if let index {
                        try FiguresIndex.write(index, headerBytes: figuresHead, figures: paths.figures, to: FiguresIndex.path(paths))
                    }
                    // Last, once the outputs it points into are in place: a run killed before leaves the
                    // old index, whose outputs are then not the files it recorded, so nothing is reused.
                    if let dir = cacheDirectory, let entries {
                        let identities = PreviousOutputs.paths(paths).map(NormalizeCache.identity)
                        try NormalizeCache.writeIndex(dir, runKey: runKey, identities: identities, entries: entries)
                    }
                } catch {
                    outputs.abandon()
                    throw error
                }
            }
            Memory.leaveToExit(previousIndex as Any, newEntries, docs)
            return counts
        } catch {
            outputs.abandon()
            throw error
        }
    }

    /// One page's rows: made now (with its figures for `run`'s tables), or kept from make's last run.
    enum NormalizedPage {
        case made(PageRows, PageFigures?, name: String?, key: String)
        case kept(name: String, NormalizeCache.Entry)
    }

    /// The first pages, loaded on the calling thread while `stages` (the dictionaries) load on
    /// another: the workers would extract one page each and then wait for the dictionaries, one
    /// core idle. At most `limit` pages, so memory holds a window of them, not the corpus.
    static func extractWhileWaiting<Sources: RandomAccessCollection, Stage>(
        for stages: Deferred<Stage>, sources: Sources, limit: Int = 128) -> [Result<ExtractedPage, Error>]
    where Sources.Element == PageSource, Sources.Index == Int {
        var early: [Result<ExtractedPage, Error>] = []
        while early.count < min(limit, sources.count) && !stages.isReady {
            early.append(Result { try sources[early.count].load() })
        }
        return early
    }

    /// Builds the tables and the reports from `figures.csv`, read once (`MonthlyOutputs`).
    /// With `cache`, only what changed since the run that filled it is made again
    /// (`IncrementalAggregate`), with the same bytes.
    @discardableResult
    public static func aggregateAndReport(paths: PipelinePaths, encoding: CSVEncoding, cache: String? = nil) throws -> IncrementalAggregate.Work? {
        Memory.limitArenas()
        try prepareTablesAndReports(paths: paths)
        if let cache { return try IncrementalAggregate.run(paths: paths, encoding: encoding, cacheDir: cache) }
        try MonthlyOutputs.make(from: paths.figures, tablesDir: paths.tables, reportsDir: paths.reports, encoding: encoding)
        return nil
    }

    /// Runs `a` and `b` on two threads; the first error (of `a`, then `b`) is thrown after both end.
    static func bothAtOnce(_ a: () throws -> Void, _ b: () throws -> Void) throws {
        var errors: [Error?] = [nil, nil]
        errors.withUnsafeMutableBufferPointer { slots in
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do {
                    try (i == 0 ? a : b)()
                } catch {
                    slots[i] = error
                }
            }
        }
        if let error = errors.compactMap({ $0 }).first { throw error }
    }

    static func prepareTablesAndReports(paths: PipelinePaths) throws {
        try FilePaths.makeDirectories(paths.tables)
        OutputFile.removeStaleTemporaries(in: paths.tables)
        try FilePaths.makeDirectories(paths.reports)
        OutputFile.removeStaleTemporaries(in: paths.reports)
    }

    /// Removes what killed runs left behind (temporary files whose process is gone).
    public static func removeLeftovers(paths: PipelinePaths) {
        for dir in [paths.output, paths.tables, paths.reports, paths.work, FilePaths.join(paths.work, "extract"),
                    FilePaths.join(paths.work, "normalized"), FilePaths.join(paths.work, "pages"), FilePaths.join(paths.work, "aggregate")] {
            OutputFile.removeStaleTemporaries(in: dir)
        }
    }

    /// All stages in one process: extract in memory (no intermediate files), then the rest.
    public static func run(paths: PipelinePaths, encoding: CSVEncoding, diagnostics: DiagnosticCollector,
                           progress: Progress? = nil) throws -> (figures: Int, rejects: Int) {
        removeLeftovers(paths: paths)
        let pages = try PageList(folder: paths.input)
        progress?.total = pages.count
        // Made when a page's turn comes, not all at the start.
        let sources = pages.lazy.map { path in PageSource(load: { extractPage(path: path) }) }
        // Tables and reports are built from the figures as they are normalized,
        // instead of reading figures.csv back (the same bytes come out).
        try prepareTablesAndReports(paths: paths)
        let monthly = try MonthlyOutputs(tablesDir: paths.tables, reportsDir: paths.reports, encoding: encoding)
        // figures.csv, articles.csv and rejects.csv are synced and renamed while the months are made.
        var putting: BackgroundTask? = nil
        do {
            let counts = try normalize(sources: sources, paths: paths, encoding: encoding, diagnostics: diagnostics,
                                       progress: progress, monthly: monthly, putInPlace: { putting = BackgroundTask($0) })
            Memory.giveBack()   // the pages' memory, before the months are folded
            try monthly.finish()
            try putting?.wait()
            return counts
        } catch {
            monthly.abandon()
            // Not returned while the files are still being put in place; the first error is the one thrown.
            try? putting?.wait()
            throw error
        }
    }
}
