import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// make's aggregate step (`unionstats aggregate --with-reports --cache DIR`):
/// the tables and reports `AggregateStage` and `ReportStage` write, byte for
/// byte, but after a few pages change only what their figures touch is made
/// again; the rest is copied from the previous outputs (issue 5: after one
/// page of 10,000 changes, `make` must finish in 2 s).
///
/// One pass reads figures.csv as bytes (libcsv, no String per field) and
/// hashes each row's columns (all but `FiguresInput.unreadColumns`):
/// - a doc's rows of a list table (rates, cumulative, undated) whose hash the
///   index knows are copied from the previous table; the others are encoded;
/// - a month's figures (those with that month, and the cumulative and undated
///   ones of pages published in it) wait in a scratch file; a month whose
///   monthly figures hash as before keeps its monthly.csv rows and wide.csv
///   records, and one whose figures and previous month's figures hash as
///   before keeps its report. wide.csv is put together again from the records.
/// Anything the index cannot vouch for (another program, encoding or report
/// date; an output that is not the file it recorded) is made afresh.
public enum IncrementalAggregate {
    /// What a run made again and what it kept from the last one.
    public struct Work: Sendable, Equatable {
        /// A doc's rows of one list table.
        public var listPiecesMade = 0, listPiecesKept = 0
        /// A month's rows of monthly.csv (and records of wide.csv).
        public var monthsMade = 0, monthsKept = 0
        public var reportsMade = 0, reportsKept = 0
        public init() {}

        public var summary: String {
            "made again: \(monthsMade) of \(monthsMade + monthsKept) months of tables, \(reportsMade) of \(reportsMade + reportsKept) reports, "
                + "\(listPiecesMade) of \(listPiecesMade + listPiecesKept) pages' list rows"
        }
    }

    @discardableResult
    public static func run(paths: PipelinePaths, encoding: CSVEncoding, cacheDir: String) throws -> Work {
        try FilePaths.makeDirectories(cacheDir)
        OutputFile.removeStaleTemporaries(in: cacheDir)
        let indexPath = FilePaths.join(cacheDir, "index")
        let generated = ReportStage.sourceDate()
        // make's normalize says where each page's rows are: then only pages that changed are read.
        let pages = FiguresIndex.read(FiguresIndex.path(paths), figures: paths.figures)
        let paged = try pages != nil && (FiguresInput.startsWithBOM(paths.figures) || FiguresInput.isUTF8(paths.figures))
        let fingerprint = NormalizeCache.program + "|" + encoding.rawValue + "|" + (generated ?? "-")
            + (paged ? "|pages" : "|rows")
        let old = AggregateCacheIndex.read(indexPath, fingerprint: fingerprint)
        // Until the new index is in place, the old one must not vouch for outputs this run rewrites.
        unlink(indexPath)
        var new = AggregateCacheIndex()
        new.fingerprint = fingerprint
        var work = Work(), tablesWork = Work(), reportsWork = Work()

        let scan = try FigureScan(paths: paths, encoding: encoding, old: old, cacheDir: cacheDir)
        // Nothing is put in place until every month is made: a row that stops the run
        // (a value that is not a number) leaves all outputs as they were, as without the cache.
        var pending: [PendingOutput] = [], tablesPending: [PendingOutput] = [], reportsPending: [PendingOutput] = []
        var encodedParts = AggregateCacheIndex.EncodedParts(chunksAndMonths: [], pages: [])
        do {
            if paged, let pages {
                try scan.read(pages: pages)
                pending += try scan.finishLists(into: &new, work: &work)
                try scan.spill(months: scan.neededMonths())
                new.pages = scan.pageFacts
            } else {
                try scan.read()
                pending += try scan.finishLists(into: &new, work: &work)
            }
            try scan.months.seal()
            var tables = new, reports = new
            // Both only read the sealed scratch files and write different folders: one per core.
            try Pipeline.bothAtOnce(
                { tablesPending = try scan.writeMonthly(into: &tables, work: &tablesWork) },
                { reportsPending = try scan.writeReports(generated: generated, into: &reports, work: &reportsWork) })
            pending += tablesPending + reportsPending
            (tablesPending, reportsPending) = ([], [])
            (work.monthsMade, work.monthsKept) = (tablesWork.monthsMade, tablesWork.monthsKept)
            (work.reportsMade, work.reportsKept) = (reportsWork.reportsMade, reportsWork.reportsKept)
            new.months = tables.months
            new.reports = reports.reports
            // The outputs are synced and put in place on a thread of their own (the syncs wait for
            // the disk) while the index's lines that do not record their identities are encoded here.
            let committed = new, toCommit = pending
            let committing = BackgroundTask {
                for p in toCommit {
                    try p.commit()
                    switch p.record {
                    case .file(let name, let header): new.files[name] = (NormalizeCache.identity(p.path), header)
                    case .report(let month, let key): new.reports[month] = (key, NormalizeCache.identity(p.path))
                    }
                }
            }
            encodedParts = committed.encodedParts()
            try committing.wait()
        } catch {
            for p in pending + tablesPending + reportsPending { p.abandon() }
            scan.abandon()
            throw error
        }
        try scan.removeOldReports()
        scan.months.remove()
        try new.write(indexPath, encodedParts: encodedParts)
        // Not `scan`: its deinit removes its scratch files (a UTF-8 copy of a GB18030 figures.csv).
        Memory.leaveToExit(old, new, pages as Any)
        return work
    }
}
