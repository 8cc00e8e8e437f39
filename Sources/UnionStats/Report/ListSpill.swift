#if canImport(Glibc)
import Glibc
#endif

/// Scratch files, one per month, for the figures a report lists one by one
/// (rates, cumulative and undated figures), so that reading figures.csv holds
/// only totals and a report's lists are read back when that report is written.
/// A private record format (fields end with 0x1F, records with 0x1E; neither
/// occurs in text) — this never leaves the process, so it is not CSV.
final class ListSpill {
    let directory: String
    private var buffers: [String: [UInt8]] = [:]
    private var buffered = 0
    static let flushSize = 1 << 20

    /// Creates `.spill-PID` inside `parent`.
    init(parent: String) throws {
        directory = FilePaths.join(parent, ".spill-\(getpid())")
        try FilePaths.makeDirectories(directory)
    }

    deinit { remove() }

    private func path(_ month: String) -> String { FilePaths.join(directory, month) }

    func add(_ f: Figure, route: FigureRoute, month: String) throws {
        // Appended in place: copying the month's buffer out and back copied it on every figure.
        ListSpill.append(route: route, f, to: &buffers[month, default: []], counting: &buffered)
        if buffered >= ListSpill.flushSize { try flushAll() }
    }

    private static func append(route: FigureRoute, _ f: Figure, to bytes: inout [UInt8], counting buffered: inout Int) {
        let start = bytes.count
        for field in [route.rawValue] + f.fields {
            for b in field.utf8 { bytes.append(b == 0x1F || b == 0x1E ? 0x20 : b) }
            bytes.append(0x1F)
        }
        bytes.append(0x1E)
        buffered += bytes.count - start
    }

    private func flushAll() throws {
        for month in buffers.keys { try flush(month) }
        buffered = 0
    }

    private func flush(_ month: String) throws {
        guard let bytes = buffers[month], !bytes.isEmpty else { return }
        guard let f = fopen(path(month), "ab") else {
            throw CSVError.cannotWrite(path: path(month), reason: String(cString: strerror(errno)))
        }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        let closed = fclose(f)
        if n != bytes.count || closed != 0 {
            throw CSVError.cannotWrite(path: path(month), reason: String(cString: strerror(errno)))
        }
        buffers[month] = []
    }

    /// The month's figures by route, in the order they were added; the month's file is removed.
    func take(_ month: String) throws -> [FigureRoute: [Figure]] {
        var bytes: [UInt8] = []
        if FilePaths.exists(path(month)) {
            switch FilePaths.readAll(path(month), limit: Int.max) {
            case .success(let b): bytes = b
            case .failure(let problem):
                throw CSVError.cannotOpen(path: path(month), reason: problem.reason)
            }
            unlink(path(month))
        }
        bytes += buffers.removeValue(forKey: month) ?? []
        let columns = CSVHeader(Dictionary(uniqueKeysWithValues: Figure.columns.enumerated().map { ($1, $0) }))
        var lists: [FigureRoute: [Figure]] = [:]
        for record in bytes.split(separator: 0x1E) {
            var fields = record.split(separator: 0x1F, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            fields.removeLast()  // after the last field's terminator
            guard let route = FigureRoute(rawValue: fields.removeFirst()),
                  let f = Figure(record: CSVRecord(fields: fields, row: 0, header: columns)) else { continue }
            lists[route, default: []].append(f)
        }
        return lists
    }

    func remove() {
        for month in buffers.keys { unlink(path(month)) }
        buffers = [:]
        if let names = try? FilePaths.list(directory) {
            for name in names { unlink(FilePaths.join(directory, name)) }
        }
        rmdir(directory)
    }
}
