// unionstats-bench: the corpus generator and the per-stage timer behind `make bench`.
//   unionstats-bench generate DIR MEGABYTES [PAGE_KB [SEED]]   pages + manifest.csv in DIR, DIR.truth.csv beside it
//   unionstats-bench stages INPUT OUTPUT [PIPELINE]             MB/s of each stage, in process
//   unionstats-bench recall TRUTH FIGURES                       share of planted figures found (doc, value, unit)
import Foundation
import UnionStats

func usage() -> Never {
    FileHandle.standardError.write(Data("""
    usage: unionstats-bench generate DIR MEGABYTES [PAGE_KB [SEED]]
           unionstats-bench stages INPUT OUTPUT [PIPELINE]
           unionstats-bench recall TRUTH.csv FIGURES.csv

    """.utf8))
    exit(64)
}

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { usage() }
do {
    switch command {
    case "generate":
        guard args.count >= 3, let mb = Int(args[2]) else { usage() }
        let pageKB = args.count > 3 ? Int(args[3]) ?? 10 : 10
        let seed = args.count > 4 ? UInt64(args[4]) ?? 1 : 1
        var g = try CorpusGenerator(seed: seed, divisions: ProcessInfo.processInfo.environment["DIVISIONS"] ?? "/work/shared/data/divisions")
        let start = StageBench.now()
        let r = try g.generate(into: args[1], megabytes: mb, pageKB: pageKB)
        print(String(format: "generated %d pages, %.1f MB in %.1f s", r.pages, Double(r.bytes) / 1048576, StageBench.now() - start))
    case "stages":
        guard args.count >= 3 else { usage() }
        let r = try StageBench.run(input: args[1], output: args[2], pipeline: args.count > 3 ? args[3] : "pipeline")
        let mb = Double(r.bytes) / 1048576
        print(String(format: "  per stage (%d pages, %.1f MB, in process, all cores):", r.pages, mb))
        for t in r.timings {
            let rate = t.seconds > 0 ? String(format: "%9.1f MB/s", mb / t.seconds) : "         -"
            print("    " + t.name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%8.2f s ", t.seconds) + rate)
        }
    case "recall":
        guard args.count >= 3 else { usage() }
        var planted: [String: Int] = [:]
        var total = 0
        try CSVReader(path: args[1]).forEachRecord(required: ["doc", "value", "unit"]) { r in
            planted[r["doc"] + "\u{1}" + r["value"] + "\u{1}" + r["unit"], default: 0] += 1
            total += 1
        }
        var found = 0, rows = 0
        try CSVReader(path: args[2]).forEachRecord(required: ["doc", "value", "unit"]) { r in
            rows += 1
            let k = r["doc"] + "\u{1}" + r["value"] + "\u{1}" + r["unit"]
            if let n = planted[k], n > 0 { planted[k] = n - 1; found += 1 }
        }
        print(String(format: "  planted figures found (doc, value, unit): %d of %d (%.1f%%); figures.csv rows: %d", found, total,
                     total > 0 ? 100 * Double(found) / Double(total) : 0, rows))
    default:
        usage()
    }
} catch {
    FileHandle.standardError.write(Data("unionstats-bench: \(error)\n".utf8))
    exit(1)
}
