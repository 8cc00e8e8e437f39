import Foundation

/// The rows of one CSV file, pulled one at a time: libcsv pushes rows through a
/// callback, and a merge of several sorted files must take the next row from
/// whichever file is behind. The file is read on a thread of its own, a few
/// batches ahead (`HandOffQueue`), so memory holds those rows, not the file.
final class RowCursor {
    typealias Row = (fields: [String], row: Int)
    let path: String
    private var batch: [Row] = []
    private var at = 0
    private let queue = HandOffQueue<[Row]>(depth: 4)

    /// Opens `path`, whose first row must be `columns`: a file of another table,
    /// or of another version of unionstats, is refused with its name.
    init(path: String, columns: [String]) throws {
        self.path = path
        let queue = self.queue
        let reader = CSVReader(path: path)
        let thread = Thread {
            var pending: [Row] = []
            do {
                try reader.forEachRow { fields, row in
                    // A blank line (libcsv's one empty field) is no row, as in CSVReader.forEachRecord.
                    if fields.count == 1 && fields[0].isEmpty { return }
                    pending.append((fields, row))
                    if pending.count == 1024 {
                        try queue.put(pending)
                        pending = []
                    }
                }
                if !pending.isEmpty { try queue.put(pending) }
            } catch {
                queue.produced = error
            }
            queue.close()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard let first = try next() else {
            queue.cancel()
            throw CSVError.missingColumns(path: path, columns: columns)
        }
        guard first.fields.map(\.trimmingSpaces) == columns else {
            queue.cancel()
            throw CSVError.malformed(path: path, row: first.row,
                                     reason: "the header is not \(columns.joined(separator: ",")): not this table as unionstats writes it")
        }
    }

    deinit { queue.cancel() }

    /// The next row without taking it; nil at the end of the file.
    func peek() throws -> Row? {
        if at == batch.count {
            guard let more = queue.take() else {
                if let e = queue.produced, !(e is HandOffCancelled) { throw e }
                return nil
            }
            (batch, at) = (more, 0)
        }
        return batch[at]
    }

    /// Takes the next row; nil at the end of the file.
    func next() throws -> Row? {
        guard let r = try peek() else { return nil }
        at += 1
        return r
    }
}
