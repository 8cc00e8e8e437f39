import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Merges the outputs of runs over disjoint sets of pages (one per machine,
/// DESIGN "Scale") into the output one run over all the pages gives, byte for
/// byte: figures.csv, articles.csv and rejects.csv are merged page by page in
/// page order, then the tables and reports are made from the merged figures.
///
/// The merge is of figures, not of monthly.csv: a month's row keeps neither how
/// often each wording of its metric was seen, nor which figure a level's value
/// came from, nor more than 20 of its docs, so two monthly tables cannot be
/// added up into the one a single run makes.
///
/// Every part must come from the same manifest.csv and pipeline/ (what a
/// single run would have used). Each part then reports the manifest's rows
/// for pages it did not have as `missing-file`; a page is missing from the
/// merge only when no part has rows for it.
public enum MergeStage {
    public struct Counts: Sendable {
        public var pages = 0
        public var figures = 0
        public var rejects = 0
    }

    /// What a part holds.
    static let files = ["figures.csv", "articles.csv", "rejects.csv"]

    /// Merges the output folders `parts` into `paths.output` (tables and reports included).
    /// A refused or failed merge of the three files puts none of them in place.
    public static func run(parts: [String], into paths: PipelinePaths, encoding: CSVEncoding) throws -> Counts {
        try check(parts: parts, output: paths.output)
        try FilePaths.makeDirectories(paths.output)
        OutputFile.removeStaleTemporaries(in: paths.output)
        let figures = try CSVWriter(path: paths.figures, header: Figure.columns, numericColumns: Figure.numericColumns, encoding: encoding)
        let articles = try CSVWriter(path: paths.articles, header: NormalizeStage.articleColumns,
                                     numericColumns: PageRowsCodec.articleNumeric, encoding: encoding)
        let rejects = try CSVWriter(path: paths.rejects, header: NormalizeStage.rejectColumns,
                                    numericColumns: PageRowsCodec.rejectNumeric, encoding: encoding)
        var counts = Counts()
        do {
            var owners = DocOwners(parts: parts)
            counts.figures = try mergeByDoc(parts, "figures.csv", Figure.columns, into: figures, owners: &owners, scratch: paths.output)
            _ = try mergeByDoc(parts, "articles.csv", NormalizeStage.articleColumns, into: articles, owners: &owners, scratch: paths.output)
            counts.rejects = try mergeRejects(parts, into: rejects, owners: &owners, scratch: paths.output)
            counts.pages = owners.count
            // All three are complete before any is put in place.
            try figures.close()
            try articles.close()
            try rejects.close()
        } catch {
            figures.abandon()
            articles.abandon()
            rejects.abandon()
            throw error
        }
        try Pipeline.aggregateAndReport(paths: paths, encoding: encoding)
        return counts
    }

    /// Each part must be a folder with the three files; none may be the output folder.
    static func check(parts: [String], output: String) throws {
        guard !parts.isEmpty else { throw MergeError("no parts to merge") }
        let out = FilePaths.resolved(output)
        for part in parts {
            guard FilePaths.isDirectory(part) else { throw MergeError("\(part): not a folder") }
            for name in files where !FilePaths.exists(FilePaths.join(part, name)) {
                throw MergeError("\(FilePaths.join(part, name)): missing (a part is an output folder of `unionstats run` or make)")
            }
            if let out, FilePaths.resolved(part) == out {
                throw MergeError("\(part) is the output folder itself: merge into another folder")
            }
        }
        // make keeps what it built in OUTPUT/.work and would take a merged figures.csv, newer
        // than its inputs, for its own: the next make would leave the merge's figures in place.
        if FilePaths.isDirectory(FilePaths.join(output, ".work")) {
            throw MergeError("\(output) is an output folder of make (it has .work/): merge into a folder of its own")
        }
        let distinct = Set(parts.map { FilePaths.resolved($0) ?? $0 })
        guard distinct.count == parts.count else { throw MergeError("a part is named twice") }
    }

    /// Copies the rows of `name` from every part, a page's rows at a time, in
    /// page (doc) order; returns the number of rows. `divert` takes rows that
    /// are not a page's (rejects.csv's manifest rows) before they are merged.
    /// A GB18030 part is read through a UTF-8 copy in `scratch`.
    static func mergeByDoc(_ parts: [String], _ name: String, _ columns: [String], into writer: CSVWriter,
                           owners: inout DocOwners, scratch: String, divert: ((Int, [String]) -> Bool)? = nil) throws -> Int {
        let inputs = try parts.map { try FiguresInput(FilePaths.join($0, name), scratchDir: scratch) }
        let cursors = try inputs.map { try RowCursor(path: $0.path, columns: columns) }
        // Each part's next page row; diverted rows are passed over here.
        func head(_ p: Int) throws -> RowCursor.Row? {
            while let r = try cursors[p].peek() {
                try checkWidth(r, columns, cursors[p].path)
                guard let divert, divert(p, r.fields) else { return r }
                _ = try cursors[p].next()
            }
            return nil
        }
        var heads = try cursors.indices.map { try head($0) }
        // Pages are in the order of their names; the file holds a name as a spreadsheet may see it ('=…).
        func doc(_ p: Int) -> String? { heads[p].map { Figure.unguard($0.fields[0]) } }
        var written = 0
        while true {
            var p = -1
            for q in heads.indices {
                guard let d = doc(q) else { continue }
                if p < 0 { p = q; continue }
                let c = ByteString.compare(d, doc(p)!)
                if c == 0 { throw MergeError.twice(d, parts[p], parts[q]) }
                if c < 0 { p = q }
            }
            guard p >= 0, let page = doc(p) else { break }
            try owners.claim(page, part: p)
            while let r = heads[p], let d = doc(p), ByteString.equal(d, page) {
                try writer.write(r.fields)
                written += 1
                _ = try cursors[p].next()
                heads[p] = try head(p)
            }
            if let r = heads[p], let d = doc(p), ByteString.compare(d, page) < 0 {
                throw CSVError.malformed(path: cursors[p].path, row: r.row,
                                         reason: "doc \(d) comes after \(page): rows are not in page order, as unionstats writes them")
            }
        }
        return written
    }

    static func checkWidth(_ r: RowCursor.Row, _ columns: [String], _ path: String) throws {
        guard r.fields.count == columns.count else {
            throw CSVError.malformed(path: path, row: r.row, reason: "\(r.fields.count) fields, the header has \(columns.count)")
        }
    }

    /// rejects.csv: the pages' rows merged by page; then the manifest's problems,
    /// which every part must list alike; then the manifest's rows for pages no part had.
    static func mergeRejects(_ parts: [String], into writer: CSVWriter, owners: inout DocOwners, scratch: String) throws -> Int {
        var manifestRows: [[[String]]] = Array(repeating: [], count: parts.count)
        var missingRows: [[[String]]] = Array(repeating: [], count: parts.count)   // by part
        let problem = NormalizeStage.rejectColumns.firstIndex(of: "problem")!
        var count = try mergeByDoc(parts, "rejects.csv", NormalizeStage.rejectColumns, into: writer, owners: &owners,
                                   scratch: scratch) { p, fields in
            switch fields[problem] {
            case "manifest": manifestRows[p].append(fields); return true
            case "missing-file": missingRows[p].append(fields); return true
            default: return false
            }
        }
        for p in parts.indices.dropFirst() where manifestRows[p] != manifestRows[0] {
            throw MergeError("\(FilePaths.join(parts[p], "rejects.csv")) lists other manifest problems than \(FilePaths.join(parts[0], "rejects.csv")): the parts were made with different manifest.csv files")
        }
        for row in manifestRows[0] { try writer.write(row) }
        count += manifestRows[0].count
        // Every part lists the pages it lacks; a page is missing when no part has rows for it
        // (every page read has some: its articles, or its reject).
        for row in missingRows[0] where !owners.has(StableHash(Figure.unguard(row[0]))) {
            try writer.write(row)
            count += 1
        }
        return count
    }
}

/// Which part each page came from: a page in two parts would be counted twice.
struct DocOwners {
    let parts: [String]
    private var owner: [StableHash: Int] = [:]

    init(parts: [String]) { self.parts = parts }

    var count: Int { owner.count }

    func has(_ doc: StableHash) -> Bool { owner[doc] != nil }

    mutating func claim(_ doc: String, part: Int) throws {
        let key = StableHash(doc)
        if let p = owner[key], p != part { throw MergeError.twice(doc, parts[p], parts[part]) }
        owner[key] = part
    }
}

public struct MergeError: Error, CustomStringConvertible {
    public let description: String
    init(_ message: String) { description = message }

    static func twice(_ doc: String, _ a: String, _ b: String) -> MergeError {
        MergeError("page \(doc) is in both \(a) and \(b): each page must be in one part only")
    }
}
