#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A problem worth telling the user about that does not stop the batch.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case note, warning, error }
    public var severity: Severity
    /// The file concerned and, when known, its line (0 = none).
    public var file: String
    public var line: Int
    public var message: String

    public init(_ severity: Severity, file: String, line: Int = 0, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: severity: message`, the form compilers use, so editors can jump to it.
    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics from all threads; stages report at the end and fail
/// only then (swift-format's lint does the same).
public final class DiagnosticCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []
    /// Print each diagnostic to stderr as it arrives.
    public var echo: Bool

    public init(echo: Bool = true) { self.echo = echo }

    public func emit(_ d: Diagnostic) {
        lock.lock()
        items.append(d)
        lock.unlock()
        if echo { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
    }

    public var all: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return items
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
}

/// Exit statuses of `unionstats`, documented in `--help` and the README.
public enum ExitStatus: Int32, Sendable {
    /// Every page processed.
    case success = 0
    /// Something failed (a disk error, an unexpected condition); outputs kept as they were.
    case failure = 1
    /// Finished, but some pages were rejected or need a look: see `output/rejects.csv`.
    case rejected = 3
    /// Bad command line (swift-argument-parser's own code for validation errors).
    case usage = 64
    /// A configuration file (`pipeline/`, `input/manifest.csv`) cannot be used.
    case configuration = 78
    /// Another run holds the lock.
    case busy = 75
}
