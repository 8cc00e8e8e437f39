#if canImport(Glibc)
import Glibc
#endif

/// One data row of a CSV file with a header: fields by column name, and the
/// row's number in the file (the header is row 1) for error messages.
public struct CSVRecord: Sendable {
    public let fields: [String]
    public let row: Int
    let header: CSVHeader
    var columns: [String: Int] { header.columns }

    init(fields: [String], row: Int, columns: [String: Int]) {
        self.init(fields: fields, row: row, header: CSVHeader(columns))
    }

    init(fields: [String], row: Int, header: CSVHeader) {
        self.fields = fields
        self.row = row
        self.header = header
    }

    /// The field in `column`, or "" when the column is absent or the row is short.
    public subscript(_ column: String) -> String {
        field(at: header.columns[column])
    }

    /// The field at a column index from the header, or "" when absent or the row is short.
    func field(at index: Int?) -> String {
        guard let i = index, i < fields.count else { return "" }
        return fields[i]
    }

    public func has(_ column: String) -> Bool { header.columns[column] != nil }
}

/// A file's column map, shared by its records, with the indices of
/// `Figure.columns` looked up once per file instead of once per record.
final class CSVHeader: Sendable {
    let columns: [String: Int]
    let figureIndices: [Int?]

    init(_ columns: [String: Int]) {
        self.columns = columns
        self.figureIndices = Figure.columns.map { columns[$0] }
    }
}

/// One row's fields as bytes, end to end: field `i` is `bytes[ends[i-1]..<ends[i]]`.
public struct CSVRawRow {
    public var bytes: [UInt8] = []
    public var ends: [Int] = []

    public var count: Int { ends.count }

    /// Field `i`'s byte range (empty when the row is short).
    public func range(_ i: Int) -> Range<Int> {
        guard i < ends.count else { return bytes.count..<bytes.count }
        return (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    public func string(_ i: Int) -> String { String(decoding: bytes[range(i)], as: UTF8.self) }
}

/// Streaming CSV reader over libcsv. Strips a UTF-8 BOM, accepts LF and CRLF,
/// and reads the file in blocks so memory does not grow with the file.
public final class CSVReader {
    public let path: String
    private let source: Source

    private enum Source {
        case file(String)
        case bytes([UInt8])
    }

    /// Reads the file at `path`.
    public init(path: String) {
        self.path = path
        self.source = .file(path)
    }

    /// Reads CSV held in memory; `name` is used in error messages.
    public init(bytes: [UInt8], name: String) {
        self.path = name
        self.source = .bytes(bytes)
    }

    /// Calls `body` with every row's fields and its 1-based row number. Fields of
    /// columns named in `skipping` (by the first row) come as "" from row 2 on.
    public func forEachRow(skipping: Set<String> = [], _ body: ([String], Int) throws -> Void) throws {
        let parser = try LibCSVParser(skipping: skipping)
        var rowNumber = 0
        try feed(parser) { result in
            for row in result.rows {
                rowNumber += 1
                try body(row, rowNumber)
            }
            if let error = result.error {
                throw CSVError.malformed(path: path, row: rowNumber + 1, reason: error)
            }
        }
    }

    /// Like `forEachRow`, with each row's fields as bytes (`CSVRawRow`, valid only
    /// during the call): for a pass that looks at most fields only to hash them.
    public func forEachRawRow(_ body: (CSVRawRow, Int) throws -> Void) throws {
        let parser = try LibCSVParser()
        var rowNumber = 0
        var failure: Error?
        // libcsv's callbacks cannot throw: the first error stops delivery and is thrown after the block.
        try withoutActuallyEscaping(body) { body in
            parser.context.onRawRow = { row in
                guard failure == nil else { return }
                rowNumber += 1
                do { try body(row, rowNumber) } catch { failure = error }
            }
            defer { parser.context.onRawRow = nil }   // the closure must not outlive this call
            try feed(parser) { result in
                if let failure { throw failure }
                if let error = result.error {
                    throw CSVError.malformed(path: path, row: rowNumber + 1, reason: error)
                }
            }
        }
    }

    /// Feeds the whole source to `parser` (a leading UTF-8 BOM dropped), calling `deliver` after each block and at the end.
    private func feed(_ parser: LibCSVParser, _ deliver: ((rows: [[String]], error: String?)) throws -> Void) throws {
        var atStart = true
        func block(_ chunk: UnsafeRawBufferPointer) throws {
            var chunk = chunk
            if atStart {
                atStart = false
                if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[3...])
                }
            }
            try deliver(parser.parse(chunk))
        }

        switch source {
        case .bytes(let bytes):
            try bytes.withUnsafeBytes { try block($0) }
        case .file(let path):
            guard let file = fopen(path, "rb") else {
                throw CSVError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            defer { fclose(file) }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                if n == 0 {
                    if ferror(file) != 0 {
                        throw CSVError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
                    }
                    break
                }
                try buffer.withUnsafeBytes { try block(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            }
        }
        try deliver(parser.finish())
    }

    /// Reads a file with a header row, checking that `required` columns are present,
    /// and calls `body` with each data row. Blank lines are skipped.
    /// Columns named in `skipping` read as "" (for callers that never look at them).
    public func forEachRecord(required: [String] = [], skipping: Set<String> = [], _ body: (CSVRecord) throws -> Void) throws {
        var columns: CSVHeader? = nil
        try forEachRow(skipping: skipping) { fields, row in
            guard let cols = columns else {
                columns = CSVHeader(try CSVReader.columnMap(fields, required: required, path: path))
                return
            }
            if fields.count == 1 && fields[0].isEmpty { return }
            try body(CSVRecord(fields: fields, row: row, header: cols))
        }
        if columns == nil, !required.isEmpty {
            throw CSVError.missingColumns(path: path, columns: required)
        }
    }

    /// A header row's column indices by name (spaces around names ignored), checking
    /// that `required` columns are there.
    static func columnMap(_ names: [String], required: [String], path: String) throws -> [String: Int] {
        var map: [String: Int] = [:]
        for (i, name) in names.enumerated() where map[name] == nil {
            map[name.trimmingSpaces] = i
        }
        let missing = required.filter { map[$0] == nil }
        if !missing.isEmpty { throw CSVError.missingColumns(path: path, columns: missing) }
        return map
    }

    /// All data rows of a file with a header.
    public func readRecords(required: [String] = []) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(required: required) { records.append($0) }
        return records
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.unicodeScalars.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.unicodeScalars.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
