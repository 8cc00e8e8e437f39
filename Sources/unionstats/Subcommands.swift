import ArgumentParser
import UnionStats
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read one page and write its articles and figure mentions as an intermediate CSV.",
        discussion: """
        The page may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK. \
        A page that cannot be read is not an error here: the CSV records why, and normalize \
        puts it in rejects.csv. Use '-' as PAGE to read from stdin and -o - to write to stdout, \
        so the stage can run as a filter.
        """)

    @Argument(help: "The page file, or - for stdin.")
    var page: String

    @Option(name: .shortAndLong, help: "Where to write the intermediate CSV (- for stdout).")
    var output: String = "-"

    @Option(help: "The page's name in outputs (default: the file's name; 'stdin' for -).")
    var doc: String?

    @Flag(help: "PAGE is a symbolic link (make's OUTPUT/.work/pages/); name the page after the file it points to.")
    var docFromLink = false

    @Flag(help: "Give the output file the current time even when its bytes did not change (so make sees the page done).")
    var touch = false

    @Option(help: ArgumentHelp("Do not read PAGE: record that extracting it died with this status (make's fallback when a page crashes the extractor).", visibility: .hidden))
    var crashed: Int32?

    func run() throws {
        do {
            var name = doc
            if docFromLink, name == nil, let target = PageLinks.target(of: page) { name = FilePaths.baseName(target) }
            if let status = crashed {
                let problem = PageProblem(code: "crashed", reason: "unionstats stopped with status \(status) on this page (a bug: please report it with the page); the page was skipped")
                try IntermediateCSV.write(ExtractedPage(page: Page(doc: name ?? FilePaths.baseName(page), encoding: "", paragraphs: []),
                                                        articles: [], mentions: [], problem: problem), to: output)
            } else {
                _ = try Pipeline.extract(page: page, doc: name, to: output)
            }
            if touch, output != "-", utimensat(AT_FDCWD, output, nil, 0) != 0 {
                throw CSVError.cannotWrite(path: output, reason: "cannot set its time")
            }
        } catch {
            throw fail(error)
        }
    }
}

struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn the intermediate CSVs of extract into figures.csv, articles.csv and rejects.csv.",
        discussion: "Pages are written in the order given; make passes them sorted.")

    @Argument(help: "Intermediate CSV files written by extract.")
    var pages: [String] = []

    @Option(help: "A file listing intermediate CSV files, one per line (for more pages than a command line holds).")
    var list: String?

    @Option(help: "Folder with manifest.csv (the pages' dates and newspapers).")
    var input: String = "input"

    @Option(help: "Folder to write figures.csv, articles.csv and rejects.csv into.")
    var output: String = "output"

    @Option(help: "Folder with the metric dictionary, sources table and gazetteer.")
    var pipeline: String = "pipeline"

    @Option(help: "Keep in this folder an index of where each page's rows are in the outputs, and copy a page's rows from the last outputs instead of normalizing it again while its intermediate CSV, manifest row and pipeline/ are unchanged (make passes OUTPUT/.work/normalized). Also notes where each page's rows are in figures.csv (OUTPUT/.work/figures.index), so that `aggregate --cache` reads only the pages that changed.")
    var cache: String?

    @OptionGroup var lock: LockOptions
    @OptionGroup var csv: CSVOptions

    func run() throws {
        let diagnostics = DiagnosticCollector()
        let paths = PipelinePaths(input: input, output: output, pipeline: pipeline)
        do {
            let held = try lock.take(output: output, waitByDefault: true)
            defer { held?.release() }
            Pipeline.removeLeftovers(paths: paths)
            var files = pages
            if let list {
                files += try String(contentsOfFile: list, encoding: .utf8).utf8.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
            }
            let sources: [PageSource] = files.map { p in
                PageSource(load: { try IntermediateCSV.read(p) },
                           cacheName: cache == nil ? nil : FilePaths.baseName(p),
                           key: cache == nil ? { "" } : { NormalizeCache.identity(p) })
            }
            Memory.processEndsAfterCommand = true
            let counts = try Pipeline.normalize(sources: sources, paths: paths, encoding: csv.csvEncoding,
                                                diagnostics: diagnostics, cacheDirectory: cache)
            Memory.leaveToExit(files, sources)
            if !csv.quiet { printError("normalize: \(files.count) pages, \(counts.figures) figures, \(counts.rejects) rejects") }
        } catch {
            throw fail(error)
        }
    }
}

struct Aggregate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the monthly, cumulative, undated and wide tables from figures.csv.")

    @Option(help: "Folder holding figures.csv; tables go to its tables/ folder.")
    var output: String = "output"

    @Flag(help: "Also write the reports (as `unionstats report` does): figures.csv is read once for both, under one lock, and the months are made two at a time.")
    var withReports = false

    @Option(help: ArgumentHelp("With --with-reports: keep what each month and each page's rows gave in DIR, so that the next run makes again only what changed in figures.csv (make passes OUTPUT/.work/aggregate). The outputs are the same bytes as without it.", valueName: "DIR"))
    var cache: String?

    func validate() throws {
        if cache != nil && !withReports { throw ValidationError("--cache needs --with-reports (the cache covers the tables and the reports together)") }
    }

    @OptionGroup var lock: LockOptions
    @OptionGroup var csv: CSVOptions

    func run() throws {
        let paths = PipelinePaths(input: "", output: output, pipeline: "")
        do {
            let held = try lock.take(output: output, waitByDefault: true)
            defer { held?.release() }
            if withReports {
                Memory.processEndsAfterCommand = true
                let work = try Pipeline.aggregateAndReport(paths: paths, encoding: csv.csvEncoding, cache: cache)
                if let work, !csv.quiet { printError("aggregate: \(work.summary)") }
                return
            }
            try FilePaths.makeDirectories(paths.tables)
            OutputFile.removeStaleTemporaries(in: paths.tables)
            try AggregateStage.run(figuresPath: paths.figures, tablesDir: paths.tables, options: TableOptions(encoding: csv.csvEncoding))
        } catch {
            throw fail(error)
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a plain-text report per month (reports/YYYY-MM.txt) from figures.csv and the tables.")

    @Option(help: "Folder holding figures.csv and tables/; reports go to its reports/ folder.")
    var output: String = "output"

    @OptionGroup var lock: LockOptions

    func run() throws {
        let paths = PipelinePaths(input: "", output: output, pipeline: "")
        do {
            let held = try lock.take(output: output, waitByDefault: true)
            defer { held?.release() }
            try FilePaths.makeDirectories(paths.reports)
            OutputFile.removeStaleTemporaries(in: paths.reports)
            try ReportStage.run(figuresPath: paths.figures, tablesDir: paths.tables, reportsDir: paths.reports)
        } catch {
            throw fail(error)
        }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run all stages in one process: input folder in, output folder out.",
        discussion: """
        For people without make. Exits 3 when some pages were \
        rejected (see rejects.csv). Holds an exclusive lock on OUTPUT/.lock while it runs: a second \
        run on the same output folder exits 75 at once (or waits, with --wait), so two runs never \
        write the same files.
        """)

    @Option(help: "Folder of pages (and manifest.csv).")
    var input: String = "input"

    @Option(help: "Folder to write figures, tables and reports into.")
    var output: String = "output"

    @Option(help: "Folder with the metric dictionary, sources table and gazetteer.")
    var pipeline: String = "pipeline"

    @OptionGroup var lock: LockOptions
    @OptionGroup var csv: CSVOptions

    func validate() throws {
        guard FilePaths.isDirectory(input) else { throw ValidationError("--input \(input) is not a folder") }
    }

    func run() throws {
        let diagnostics = DiagnosticCollector()
        let paths = PipelinePaths(input: input, output: output, pipeline: pipeline)
        let progress = Progress(label: "unionstats", enabled: !csv.quiet && Progress.stderrIsTerminal)
        let counts: (figures: Int, rejects: Int)
        do {
            try FilePaths.makeDirectories(output)
            let held = try lock.take(output: output, waitByDefault: false)
            defer { held?.release() }
            counts = try Pipeline.run(paths: paths, encoding: csv.csvEncoding, diagnostics: diagnostics, progress: progress)
            progress.finish()
        } catch {
            progress.finish()
            throw fail(error)
        }
        try exitIfRejected(counts.rejects, see: paths.rejects)
        if !csv.quiet { printError("unionstats: \(counts.figures) figures written to \(paths.figures)") }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 3 and say so when rejects.csv lists pages that need a look; print nothing otherwise.")

    @Option(help: "Folder holding rejects.csv.")
    var output: String = "output"

    func run() throws {
        let path = PipelinePaths(input: "", output: output, pipeline: "").rejects
        var rows: [CSVRecord] = []
        do {
            rows = try CSVReader(path: path).readRecords(required: NormalizeStage.rejectColumns)
        } catch {
            throw fail(error)
        }
        guard !rows.isEmpty else { return }
        for r in rows {
            printError("\(r["doc"])\(r["line"].isEmpty ? "" : ":" + r["line"]): \(r["problem"]): \(r["reason"])")
        }
        printError("unionstats: \(rows.count) page(s) or manifest row(s) need a look: see \(path) (exit status 3)")
        throw ExitCode(ExitStatus.rejected.rawValue)
    }
}

struct Pages: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "For make: link every page under a name make can use, and list those names.",
        discussion: """
        make cannot handle file names with spaces and some other characters in rules. This keeps \
        WORK/pages/ holding one symbolic link per page of INPUT, named with such characters written \
        +XX (hex), and writes WORK/pages.mk with PAGE_IDS, which the Makefile includes. A page whose \
        link is new or leads to another file (another INPUT, a page that came back) has its \
        intermediate in WORK/extract/ removed, so that make redoes it.
        """)

    @Option(help: "Folder of pages.")
    var input: String = "input"

    @Option(help: "make's work folder (OUTPUT/.work).")
    var work: String = "output/.work"

    func validate() throws {
        guard FilePaths.isDirectory(input) else { throw ValidationError("--input \(input) is not a folder") }
    }

    func run() throws {
        do {
            try PageLinks.sync(input: input, linkDir: FilePaths.join(work, "pages"), makefile: FilePaths.join(work, "pages.mk"),
                               extractDir: FilePaths.join(work, "extract"))
        } catch {
            throw fail(error)
        }
    }
}
