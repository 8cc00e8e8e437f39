import Foundation

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
    public var rejects: String { FilePaths.join(output, "rejects.csv") }
    public var tables: String { FilePaths.join(output, "tables") }
    public var reports: String { FilePaths.join(output, "reports") }
}

/// The stages wired together; the CLI and make call these.
public enum Pipeline {
    /// Input files that are pages: everything in the folder but the manifest and dot files.
    public static func pageFiles(in input: String) throws -> [String] {
        try FilePaths.list(input).filter { $0 != "manifest.csv" }.map { FilePaths.join(input, $0) }
    }

    /// Extracts one page file into its intermediate CSV (`-` for stdin/stdout).
    public static func extract(page path: String, doc: String?, to out: String) throws -> ExtractedPage {
        let e: ExtractedPage
        if path == "-" {
            let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            e = ExtractStage.extract(doc: doc ?? "stdin", bytes: bytes)
        } else {
            e = ExtractStage.extract(path: path, doc: doc)
        }
        try IntermediateCSV.write(e, to: out)
        return e
    }

    /// Normalizes pages given as intermediate CSV paths or in memory, in order,
    /// using both cores; returns (figures, rejects) counts.
    @discardableResult
    public static func normalize(pages: [() throws -> ExtractedPage], paths: PipelinePaths, encoding: CSVEncoding,
                                 diagnostics: DiagnosticCollector, progress: Progress? = nil) throws -> (figures: Int, rejects: Int) {
        let manifest = Manifest.load(paths.manifest, diagnostics: diagnostics)
        let dictionaries = try Dictionaries.load(from: paths.pipeline)
        let stage = NormalizeStage(manifest: manifest, dictionaries: dictionaries, diagnostics: diagnostics)
        let outputs = try NormalizeStage.Outputs(directory: paths.output, encoding: encoding)
        do {
            var docs = Set<String>()
            let batch = max(8, ProcessInfo.processInfo.activeProcessorCount * 8)
            var start = 0
            while start < pages.count {
                let end = min(pages.count, start + batch)
                var results = [Result<NormalizeStage.PageResult, Error>?](repeating: nil, count: end - start)
                var seenDocs = [String](repeating: "", count: end - start)
                results.withUnsafeMutableBufferPointer { slots in
                    seenDocs.withUnsafeMutableBufferPointer { names in
                        DispatchQueue.concurrentPerform(iterations: end - start) { i in
                            do {
                                let page = try pages[start + i]()
                                names[i] = page.page.doc
                                slots[i] = .success(stage.normalize(page))
                            } catch {
                                slots[i] = .failure(error)
                            }
                        }
                    }
                }
                for (i, r) in results.enumerated() {
                    let result = try r!.get()
                    docs.insert(seenDocs[i])
                    for reject in result.rejects {
                        diagnostics.emit(Diagnostic(.error, file: reject[0], "rejected: \(reject[3])"))
                    }
                    try outputs.add(result)
                }
                progress?.advance(by: end - start)
                start = end
            }
            for p in manifest.problems {
                try outputs.addReject(doc: p.doc, line: p.row, problem: "manifest", reason: p.reason)
            }
            for (doc, entry) in manifest.entries.sorted(by: { $0.value.row < $1.value.row }) where !docs.contains(doc) {
                let reason = "manifest row \(entry.row) names \(doc), which is not in the input folder"
                diagnostics.emit(Diagnostic(.warning, file: paths.manifest, line: entry.row, reason))
                try outputs.addReject(doc: doc, line: entry.row, problem: "missing-file", reason: reason)
            }
            try outputs.close()
        } catch {
            outputs.abandon()
            throw error
        }
        return (outputs.figureCount, outputs.rejectCount)
    }

    /// Builds the tables and the reports from `figures.csv`.
    public static func aggregateAndReport(paths: PipelinePaths, encoding: CSVEncoding) throws {
        try FilePaths.makeDirectories(paths.tables)
        try AggregateStage.run(figuresPath: paths.figures, tablesDir: paths.tables, options: TableOptions(encoding: encoding))
        try FilePaths.makeDirectories(paths.reports)
        try ReportStage.run(figuresPath: paths.figures, tablesDir: paths.tables, reportsDir: paths.reports)
    }

    /// All stages in one process: extract in memory (no intermediate files), then the rest.
    public static func run(paths: PipelinePaths, encoding: CSVEncoding, diagnostics: DiagnosticCollector,
                           progress: Progress? = nil) throws -> (figures: Int, rejects: Int) {
        let files = try pageFiles(in: paths.input)
        progress?.total = files.count
        let pages: [() throws -> ExtractedPage] = files.map { f in { ExtractStage.extract(path: f) } }
        let counts = try normalize(pages: pages, paths: paths, encoding: encoding, diagnostics: diagnostics, progress: progress)
        try aggregateAndReport(paths: paths, encoding: encoding)
        return counts
    }
}
