/// Errors from reading or writing CSV. Every message names the file and the row.
public enum CSVError: Error, CustomStringConvertible, Equatable {
    case parserUnavailable
    case cannotOpen(path: String, reason: String)
    case malformed(path: String, row: Int, reason: String)
    case missingColumns(path: String, columns: [String])
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .parserUnavailable:
            return "libcsv could not initialise a parser"
        case let .cannotOpen(path, reason):
            return "\(path): cannot open: \(reason)"
        case let .malformed(path, row, reason):
            return "\(path):\(row): malformed CSV: \(reason)"
        case let .missingColumns(path, columns):
            return "\(path):1: missing column(s) \(columns.joined(separator: ", ")) in the header"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
