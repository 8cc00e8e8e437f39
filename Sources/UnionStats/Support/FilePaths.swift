#if canImport(Glibc)
import Glibc
#endif

/// Small file-system helpers on POSIX calls (no Foundation on hot paths).
public enum FilePaths {
    public static func baseName(_ path: String) -> String {
        // By bytes: by Characters this was a tenth of an incremental normalize's start.
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    public static func join(_ dir: String, _ name: String) -> String {
        dir.isEmpty ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The absolute path with links resolved (realpath), or nil when it does not exist.
    public static func resolved(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates `path` and its parents.
    public static func makeDirectories(_ path: String) throws {
        if path.isEmpty || isDirectory(path) { return }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw CSVError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Names in `dir` (no dot files), sorted by their UTF-8 bytes so every machine agrees.
    public static func list(_ dir: String) throws -> [String] {
        Array(try FolderNames(dir))
    }

    /// `count` bytes of the open file `fd` from `offset`, or nil when the file ends first.
    public static func read(_ fd: Int32, offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n <= 0 { return nil }
            done += n
        }
        return bytes
    }

    /// The whole file, or a `PageProblem` a person understands.
    public static func readAll(_ path: String, limit: Int) -> Result<[UInt8], PageProblem> {
        guard let f = fopen(path, "rb") else {
            return .failure(PageProblem(code: "unreadable", reason: "cannot open: \(String(cString: strerror(errno)))"))
        }
        defer { fclose(f) }
        var st = stat()
        if fstat(fileno(f), &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR {
                return .failure(PageProblem(code: "unreadable", reason: "is a directory"))
            }
            if Int(st.st_size) > limit {
                return .failure(PageProblem(code: "too-large", reason: "\(Int(st.st_size) >> 20) MB is over the \(limit >> 20) MB limit for one page"))
            }
        }
        // Read straight into the result, sized by the file (a byte more, to see a file that grew):
        // a zeroed chunk per page and its copy into the result cost more than the read.
        let expected = st.st_size > 0 ? Int(st.st_size) : 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buf, count in
            count = fread(buf.baseAddress, 1, buf.count, f)
        }
        if bytes.count <= expected {
            // All of it (a short read is the end of the file, or an error).
            if ferror(f) != 0 {
                return .failure(PageProblem(code: "unreadable", reason: "read error: \(String(cString: strerror(errno)))"))
            }
            return .success(bytes)
        }
        // No size known (a pipe), or the file grew: the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 {
                if ferror(f) != 0 {
                    return .failure(PageProblem(code: "unreadable", reason: "read error: \(String(cString: strerror(errno)))"))
                }
                break
            }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit {
                return .failure(PageProblem(code: "too-large", reason: "over the \(limit >> 20) MB limit for one page"))
            }
        }
        return .success(bytes)
    }
}
