import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress counter on stderr, shown only when stderr is a
/// terminal (cron mails whatever is printed, so it stays quiet there).
public final class Progress: @unchecked Sendable {
    public var total: Int
    private var done = 0
    private let label: String
    private let enabled: Bool
    private var lastDraw = 0.0

    public init(label: String, total: Int = 0, enabled: Bool = isatty(2) != 0) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    public func advance(by n: Int) {
        done += n
        guard enabled else { return }
        let now = Date().timeIntervalSince1970
        if now - lastDraw < 0.2 && done < total { return }
        lastDraw = now
        let line = total > 0 ? "\r\(label): \(done)/\(total) pages" : "\r\(label): \(done) pages"
        FileHandle.standardError.write(Data(line.utf8))
    }

    public func finish() {
        guard enabled, done > 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

extension Progress {
    public static var stderrIsTerminal: Bool { isatty(2) != 0 }
}
