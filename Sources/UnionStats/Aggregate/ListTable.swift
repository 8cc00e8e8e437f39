import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One of the per-figure tables as the pass writes it: a doc's rows at a time,
/// copied from the previous table when their hash is known there.
final class ListTable {
    let route: FigureRoute
    let name: String
    let path: String
    let file: OutputFile
    let headerBytes: Int
    private let encoding: CSVEncoding
    private let previous: PreviousFile?
    private let known: [String: AggregateCacheIndex.Piece]
    private var pending: [(row: CSVRawRow, number: Int)] = []
    private var hash = StableHash()
    private var offset = 0
    private(set) var chunks: [String: AggregateCacheIndex.Piece] = [:]
    private(set) var made = 0, kept = 0

    init(route: FigureRoute, name: String, tablesDir: String, encoding: CSVEncoding, old: AggregateCacheIndex) throws {
        self.route = route
        self.name = name
        self.encoding = encoding
        path = FilePaths.join(tablesDir, name)
        previous = PreviousFile(path, as: name, in: old)
        known = old.chunks[name] ?? [:]
        file = try OutputFile(path: path)
        let head = PageRowsCodec.encode([], header: FigureListTable.columns, numeric: FigureListTable.numericColumns, encoding: encoding)
        headerBytes = head.count
        try file.write(head)
    }

    func add(_ row: CSVRawRow, number: Int, digest: StableHash) {
        pending.append((row, number))
        hash.add(digest)
    }

    /// Writes the current doc's rows; `column` maps `Figure.columns` to the row's fields.
    @discardableResult
    func finishChunk(header column: [Int?], path: String) throws -> String? {
        guard !pending.isEmpty else { return nil }
        let key = hash.hex
        if try !copy(key) {
            made += 1
            var rows: [[String]] = []
            for (row, number) in pending {
                rows.append(FigureListTable.fields(try FigureScan.figure(column.map { $0.map(row.string) ?? "" }, row: number, path: path)))
            }
            let bytes = Array(PageRowsCodec.encode(rows, header: FigureListTable.columns, numeric: FigureListTable.numericColumns,
                                                   encoding: encoding).dropFirst(headerBytes))
            try copyPending()
            try file.write(bytes)
            written = true
            chunks[key] = .init(offset: offset, count: bytes.count)
            offset += bytes.count
        }
        pending.removeAll(keepingCapacity: true)
        hash = StableHash()
        return key
    }

    /// Whether the old table holds the rows of `key` (so that `copy` can take them from there).
    func canCopy(_ key: String) -> Bool {
        guard let piece = known[key], let previous else { return false }
        return piece.offset + piece.count <= previous.bodySize
    }

    /// Takes the rows of `key` from the old table, if it has them. They are copied later,
    /// with their neighbours: most pieces follow each other as in the old table.
    @discardableResult
    func copy(_ key: String) throws -> Bool {
        guard canCopy(key), let piece = known[key] else { return false }
        if copying?.upperBound != piece.offset {
            try copyPending()   // the run so far, before a new one starts
            copying = piece.offset..<piece.offset
        }
        copying = copying!.lowerBound..<piece.offset + piece.count
        chunks[key] = .init(offset: offset, count: piece.count)
        offset += piece.count
        kept += 1
        return true
    }

    /// The run of the old table's rows waiting to be copied, in one go.
    private var copying: Range<Int>?
    /// Whether anything but the header went into the new file yet.
    private var written = false

    private func copyPending() throws {
        guard let range = copying, let previous else { return }
        copying = nil
        written = true
        try previous.copy(range, to: file)
    }

    /// The table, to be put in place with the rest; when it holds the old table's
    /// pieces in their old order (nothing else), the old file stays as it is.
    func finish() throws -> PendingOutput {
        if !written, let previous, copying ?? 0..<0 == 0..<previous.bodySize {
            let file = self.file
            return PendingOutput(path: path, .file(name: name, header: headerBytes), commit: { file.abandon() }, abandon: { file.abandon() })
        }
        try copyPending()
        return PendingOutput(file, .file(name: name, header: headerBytes))
    }
}
