import Foundation
import UnionStats

/// Times each stage on its own over a corpus, in process, on all cores: every
/// batch of pages goes through one stage at a time (each a parallel phase), so
/// a stage's wall time is its own. MB/s are of input page bytes.
enum StageBench {
    struct Timing {
        var name: String
        var seconds: Double
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func run(input: String, output: String, pipeline: String) throws -> (bytes: Int, pages: Int, timings: [Timing]) {
        let files = try Pipeline.pageFiles(in: input)
        let paths = PipelinePaths(input: input, output: output, pipeline: pipeline)
        let diagnostics = DiagnosticCollector(echo: false)
        let manifest = Manifest.load(paths.manifest, diagnostics: diagnostics)
        let stage = NormalizeStage(manifest: manifest, dictionaries: try Dictionaries.load(from: pipeline), diagnostics: diagnostics)
        let codec = PageRowsCodec(encoding: .utf8BOM)
        try FilePaths.makeDirectories(output)
        let figures = try OutputFile(path: paths.figures)
        try figures.write(codec.figuresHead)

        var t: [String: Double] = [:]
        let order = ["read", "decode", "repair", "split", "scan", "normalize", "write figures.csv"]
        var bytesTotal = 0
        func phase<T>(_ name: String, _ n: Int, _ body: (Int) -> T) -> [T] {
            let start = now()
            var out = [T?](repeating: nil, count: n)
            out.withUnsafeMutableBufferPointer { slots in
                DispatchQueue.concurrentPerform(iterations: n) { i in slots[i] = body(i) }
            }
            t[name, default: 0] += now() - start
            return out.map { $0! }
        }
        let batchSize = 64
        var start = 0
        while start < files.count {
            let batch = Array(files[start..<min(files.count, start + batchSize)])
            let raw = phase("read", batch.count) { i -> [UInt8] in
                if case .success(let b) = FilePaths.readAll(batch[i], limit: Pipeline.maximumPageBytes) { return b }
                return []
            }
            bytesTotal += raw.reduce(0) { $0 + $1.count }
            let texts = phase("decode", batch.count) { i in (try? TextDecoder.decode(raw[i]))?.text ?? "" }
            let paras = phase("repair", batch.count) { i in TextRepair.paragraphs(from: texts[i]) }
            let articles = phase("split", batch.count) { i in ArticleSplitter.articles(from: paras[i]) }
            let extracted = phase("scan", batch.count) { i -> ExtractedPage in
                let doc = FilePaths.baseName(batch[i])
                let mentions = articles[i].flatMap { MentionScanner.mentions(in: $0, doc: doc) }
                let page = Page(doc: doc, encoding: "utf-8", paragraphs: [], printedDate: PrintedDate.find(in: paras[i]))
                return ExtractedPage(page: page, articles: articles[i], mentions: mentions)
            }
            let rows = phase("normalize", batch.count) { i in codec.encode(stage.normalize(extracted[i]), doc: extracted[i].page.doc) }
            let w = now()
            for r in rows { try figures.write(r.figures) }
            t["write figures.csv", default: 0] += now() - w
            start += batchSize
        }
        try figures.commit()
        var a = now()
        try FilePaths.makeDirectories(paths.tables)
        try AggregateStage.run(figuresPath: paths.figures, tablesDir: paths.tables, options: TableOptions())
        t["aggregate"] = now() - a
        a = now()
        try FilePaths.makeDirectories(paths.reports)
        try ReportStage.run(figuresPath: paths.figures, tablesDir: paths.tables, reportsDir: paths.reports)
        t["report"] = now() - a
        return (bytesTotal, files.count, (order + ["aggregate", "report"]).map { Timing(name: $0, seconds: t[$0] ?? 0) })
    }
}
