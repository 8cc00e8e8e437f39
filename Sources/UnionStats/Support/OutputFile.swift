#if canImport(Glibc)
import Glibc
#endif

/// An output written to a temporary file beside its final path and renamed
/// into place, so a killed run leaves the old file whole; when the new bytes
/// equal the old file's, the old file is kept untouched (make's timestamps
/// stay honest and cron sees nothing change).
public final class OutputFile {
    public let path: String
    private let tempPath: String
    private var file: UnsafeMutablePointer<FILE>?
    /// `-` writes to standard output (the filter mode), with no rename.
    private let isStandardOutput: Bool

    public init(path: String) throws {
        self.path = path
        self.isStandardOutput = path == "-"
        self.tempPath = isStandardOutput ? "-" : OutputFile.temporaryPath(for: path)
        if isStandardOutput {
            file = stdout
            return
        }
        guard let f = fopen(tempPath, "wb") else {
            throw CSVError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        file = f
    }

    deinit { abandon() }

    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(dir).\(name).tmp\(getpid())"
    }

    public func write(_ bytes: [UInt8]) throws {
        guard let file else { return }
        if bytes.isEmpty { return }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if n != bytes.count {
            throw CSVError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Flushes, syncs and renames into place unless unchanged. True when the file changed.
    @discardableResult
    public func commit() throws -> Bool {
        guard let f = file else { return false }
        file = nil
        if isStandardOutput {
            fflush(f)
            return true
        }
        if fflush(f) != 0 || fsync(fileno(f)) != 0 {
            let reason = String(cString: strerror(errno))
            fclose(f); unlink(tempPath)
            throw CSVError.cannotWrite(path: path, reason: reason)
        }
        fclose(f)
        if OutputFile.sameContents(tempPath, path) {
            unlink(tempPath)
            return false
        }
        if rename(tempPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tempPath)
            throw CSVError.cannotWrite(path: path, reason: reason)
        }
        return true
    }

    public func abandon() {
        if isStandardOutput { file = nil; return }
        if let f = file {
            fclose(f)
            unlink(tempPath)
            file = nil
        }
    }

    /// Writes `bytes` to `path` the same way, in one call.
    @discardableResult
    public static func replace(_ path: String, with bytes: [UInt8]) throws -> Bool {
        let out = try OutputFile(path: path)
        try out.write(bytes)
        return try out.commit()
    }

    static func sameContents(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0, sa.st_size == sb.st_size else { return false }
        guard let fa = fopen(a, "rb"), let fb = fopen(b, "rb") else { return false }
        defer { fclose(fa); fclose(fb) }
        var ba = [UInt8](repeating: 0, count: 1 << 16), bb = ba
        while true {
            let na = ba.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, fa) }
            let nb = bb.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, fb) }
            if na != nb { return false }
            if na == 0 { return true }
            if ba[0..<na] != bb[0..<nb] { return false }
        }
    }
}
