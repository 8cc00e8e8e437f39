import ArgumentParser
import UnionStats

@main
struct UnionStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionstats",
        abstract: "Turn Chinese trade-union news pages into statistics.",
        discussion: """
        Pages (text files in input/) become one CSV row per figure with where it came from \
        (output/figures.csv), monthly tables for Excel and WPS (output/tables/), and a plain-text \
        report per month (output/reports/YYYY-MM.txt).

        Stages, each reading and writing files so that make can run them:
          extract    one page -> its articles and figure mentions (intermediate CSV)
          normalize  intermediate CSVs + input/manifest.csv + pipeline/ -> figures.csv, articles.csv, rejects.csv
          aggregate  figures.csv -> tables/*.csv
          report     figures.csv + tables -> reports/YYYY-MM.txt
          run        all of the above in one process
          merge      output folders of several machines -> one run's output
          check      say (exit 3) when rejects.csv lists pages
          pages      for make: safe names for pages whose names make cannot handle

        Exit status:
          0   every page processed
          1   failure (outputs left as they were)
          3   finished, but some pages were rejected or need a look (see output/rejects.csv)
          64  bad command line
          75  busy: another run holds OUTPUT/.lock (run exits at once; --wait waits)
          78  a configuration file (pipeline/) cannot be used
        """,
        subcommands: [Extract.self, Normalize.self, Aggregate.self, Report.self, Run.self, Merge.self, Check.self, Pages.self]
    )
}

/// Options every stage that writes CSV shares.
struct CSVOptions: ParsableArguments {
    @Option(name: .customLong("csv-encoding"),
            help: "Encoding of CSV outputs: utf8-bom (default; Excel/WPS open it), utf8, or gb18030.")
    var encoding: String = "utf8-bom"

    @Flag(name: .shortAndLong, help: "Print nothing on success (for cron).")
    var quiet = false

    func validate() throws {
        guard CSVEncoding(rawValue: encoding) != nil else {
            throw ValidationError("--csv-encoding must be one of: \(CSVEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    var csvEncoding: CSVEncoding { CSVEncoding(rawValue: encoding) ?? .utf8BOM }
}

/// Maps the library's errors onto the documented exit statuses.
func exitCode(for error: Error) -> ExitCode {
    if error is ConfigurationError { return ExitCode(ExitStatus.configuration.rawValue) }
    if case RunLock.Failure.busy = error { return ExitCode(ExitStatus.busy.rawValue) }
    return ExitCode(ExitStatus.failure.rawValue)
}

func fail(_ error: Error) -> Error {
    if error is ExitCode || error is ValidationError || error is CleanExit { return error }
    if case RunLock.Failure.busy = error {
        printError("unionstats: busy: \(error) (exit status 75)")
    } else {
        printError("unionstats: error: \(error)")
    }
    return exitCode(for: error)
}

/// Says so and exits 3 (`ExitStatus.rejected`) when `count` rows of `rejects` need a look.
func exitIfRejected(_ count: Int, see rejects: String) throws {
    guard count > 0 else { return }
    printError("unionstats: \(count) page(s) or manifest row(s) need a look: see \(rejects)")
    throw ExitCode(ExitStatus.rejected.rawValue)
}

func printError(_ s: String) {
    var stderr = StandardError()
    print(s, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.stderr(string)
    }
}
