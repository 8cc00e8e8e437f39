import CSystemCalls
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
    /// In-memory sink (`OutputFile.memory()`): bytes collected in `bytes`, nothing written.
    private var memory: [UInt8]? = nil

    /// A sink that keeps what is written in memory; `commit` does nothing.
    /// Lets a page's rows be encoded once (on any thread) and spliced into
    /// the real outputs or a cache later.
    public static func memory() -> OutputFile { OutputFile(memoryOnly: ()) }

    private init(memoryOnly: ()) {
        path = ""
        tempPath = ""
        isStandardOutput = false
        memory = []
    }

    /// What a memory sink holds.
    public var bytes: [UInt8] { memory ?? [] }

    /// False for caches that can be rebuilt: no fsync (a kill still cannot tear them; a machine crash might).
    public var durable = true

    public init(path: String, durable: Bool = true) throws {
        self.durable = durable
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

    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Writes bytes held elsewhere without copying them into an array.
    public func write(_ bytes: ArraySlice<UInt8>) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Writes bytes held elsewhere (an array's, a `ByteArena`'s) without copying them first.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if memory != nil { memory!.append(contentsOf: bytes); return }
        guard let file, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let n = fwrite(base, 1, bytes.count, file)
        if n != bytes.count {
            throw CSVError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        written += n
        if durable && !isStandardOutput && written - writtenBack >= OutputFile.writeBackStep { startWriteBack(file) }
    }

    /// Bytes written so far, and how many of them the disk was asked to take already.
    private var written = 0, writtenBack = 0
    static let writeBackStep = 8 << 20

    /// Asks the kernel to start writing what is written so far to disk (and returns at once),
    /// so that `commit`'s sync waits for the last few megabytes, not for a whole large file
    /// (figures.csv of a 100 MB corpus, 91 MB, took a quarter of a second to sync at its end).
    private func startWriteBack(_ f: UnsafeMutablePointer<FILE>) {
        guard fflush(f) == 0 else { return }   // a failed flush is reported by `commit`
        _ = unionstats_start_write_back(fileno(f), Int64(writtenBack), Int64(written - writtenBack))
        writtenBack = written
    }

    /// Flushes, syncs and renames into place unless unchanged. True when the file changed.
    @discardableResult
    public func commit() throws -> Bool {
        if memory != nil { return true }
        guard let f = file else { return false }
        file = nil
        if isStandardOutput {
            fflush(f)
            return true
        }
        if fflush(f) != 0 {
            let reason = String(cString: strerror(errno))
            fclose(f); unlink(tempPath)
            throw CSVError.cannotWrite(path: path, reason: reason)
        }
        // Unchanged: keep the old file (and skip the sync, the costly part).
        if OutputFile.sameContents(tempPath, path) {
            fclose(f)
            unlink(tempPath)
            return false
        }
        // On disk before it takes the old file's place, so even a crash of the machine leaves one or the other.
        if durable && fsync(fileno(f)) != 0 {
            let reason = String(cString: strerror(errno))
            fclose(f); unlink(tempPath)
            throw CSVError.cannotWrite(path: path, reason: reason)
        }
        fclose(f)
        if rename(tempPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tempPath)
            throw CSVError.cannotWrite(path: path, reason: reason)
        }
        return true
    }

    public func abandon() {
        if memory != nil { return }
        if isStandardOutput { file = nil; return }
        if let f = file {
            fclose(f)
            unlink(tempPath)
            file = nil
        }
    }

    /// Writes `bytes` to `path` the same way, in one call (a failed write leaves the old
    /// file: the temporary one goes with `out`). `durable: false` for caches.
    @discardableResult
    public static func replace(_ path: String, with bytes: [UInt8], durable: Bool = true) throws -> Bool {
        let out = try OutputFile(path: path, durable: durable)
        try out.write(bytes)
        return try out.commit()
    }

    /// Removes temporary files (`.name.tmpPID`) left in `dir` by runs that
    /// were killed: those whose process is gone. Returns how many went.
    @discardableResult
    public static func removeStaleTemporaries(in dir: String) -> Int {
        guard let d = opendir(dir) else { return 0 }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            names.append(name)
        }
        closedir(d)
        var removed = 0
        for name in names where name.hasPrefix(".") {
            guard let pid = temporaryOwner(name) ?? scratchOwner(name) else { continue }
            // Alive (or someone else's we may not signal): leave it alone.
            if pid == getpid() || kill(pid, 0) == 0 || errno == EPERM { continue }
            if removeTree(FilePaths.join(dir, name)) { removed += 1 }
        }
        return removed
    }

    /// The stages' own scratch space, named with the process id: the
    /// `.spill-NAME-PID/` folders of `PartitionSpill` and the aggregate stage's
    /// `.figures-utf8-NAME-PID.csv` (a killed run leaves them too).
    static func scratchOwner(_ name: String) -> Int32? {
        for (prefix, suffix) in [(".spill-", ""), (".figures-utf8-", ".csv")] {
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { continue }
            var digits = name.dropFirst(prefix.count).dropLast(suffix.count)
            // `.spill-NAME-PID`, `.figures-utf8-NAME-PID.csv`: the process id follows the last dash.
            if let dash = digits.lastIndex(of: "-") { digits = digits[digits.index(after: dash)...] }
            guard !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { continue }
            return Int32(digits)
        }
        return nil
    }

    /// Removes a file, or a folder of files (one level, as the spill folder is).
    static func removeTree(_ path: String) -> Bool {
        if unlink(path) == 0 { return true }
        guard let d = opendir(path) else { return false }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(d)
        for n in names { unlink(FilePaths.join(path, n)) }
        return rmdir(path) == 0
    }

    /// The process id in a temporary file's name `.name.tmpPID`, or nil.
    static func temporaryOwner(_ name: String) -> Int32? {
        let u = Array(name.utf8), tag = Array(".tmp".utf8)
        var i = u.count - tag.count
        while i > 0, !u[i..<i + tag.count].elementsEqual(tag) { i -= 1 }
        guard i > 0, i + tag.count < u.count else { return nil }
        let digits = u[(i + tag.count)...]
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.count <= 9,
              let pid = Int32(String(decoding: digits, as: UTF8.self)), pid > 0 else { return nil }
        return pid
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
            // memcmp: comparing array slices element by element costs a tenth of an incremental normalize.
            let same = ba.withUnsafeBytes { pa in bb.withUnsafeBytes { pb in memcmp(pa.baseAddress!, pb.baseAddress!, na) == 0 } }
            if !same { return false }
        }
    }
}

