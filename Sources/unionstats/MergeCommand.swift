import ArgumentParser
import UnionStats

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the outputs of runs over disjoint sets of pages (one per machine) into the output of one run.",
        discussion: """
        Each PART is an output folder of `unionstats run` or make, made from its own share of the \
        pages but with the same manifest.csv and pipeline/ as the others. figures.csv, articles.csv \
        and rejects.csv are merged page by page in page order, and the tables and reports are made \
        from the merged figures: OUTPUT then holds the same bytes as one run over all the pages. \
        A page in two parts, parts made with different manifests, or rows out of page order stop \
        the merge with the file and row named, and OUTPUT is left as it was. A manifest row is \
        reported as a missing file only when no part had that page. Exits 3 when the merged \
        rejects.csv lists pages that need a look. Monthly tables cannot be merged themselves: a \
        month's row does not keep what adding two of them up would need.
        """)

    @Argument(help: "Output folders to merge (each with figures.csv, articles.csv and rejects.csv).")
    var parts: [String]

    @Option(help: "Folder to write the merged figures, tables and reports into (not one of the parts, nor a folder make writes).")
    var output: String = "merged"

    @OptionGroup var lock: LockOptions
    @OptionGroup var csv: CSVOptions

    func run() throws {
        let paths = PipelinePaths(input: "", output: output, pipeline: "")
        let counts: MergeStage.Counts
        do {
            let held = try lock.take(output: output, waitByDefault: true)
            defer { held?.release() }
            counts = try MergeStage.run(parts: parts, into: paths, encoding: csv.csvEncoding)
        } catch {
            throw fail(error)
        }
        try exitIfRejected(counts.rejects, see: paths.rejects)
        if !csv.quiet {
            printError("merge: \(parts.count) parts, \(counts.pages) pages, \(counts.figures) figures written to \(paths.figures)")
        }
    }
}
