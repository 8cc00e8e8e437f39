/// Why a page cannot be processed. It becomes a row of `output/rejects.csv`
/// and a line on stderr; the rest of the batch goes on.
public struct PageProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// A short stable code for the rejects table: `empty`, `binary`, `undecodable`, `unreadable`, `too-large`, `no-text`.
    public var code: String
    /// A reason a person understands, in one line.
    public var reason: String

    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }
}
