#if canImport(Glibc)
import Glibc
#endif

/// Reads pieces of a file written by the previous run (while the new one is
/// written beside it under a temporary name).
final class PreviousFile {
    private var fd: Int32
    private let base: Int
    /// Bytes after the header.
    let bodySize: Int

    /// Opens `path` when the index recorded it as `name`; nil otherwise.
    convenience init?(_ path: String, as name: String, in index: AggregateCacheIndex) {
        guard let f = index.files[name] else { return nil }
        self.init(path, identity: f.identity, header: f.header)
    }

    /// Opens `path` when it is the file of that identity (`NormalizeCache.identity`), with at
    /// least `header` bytes; nil otherwise.
    init?(_ path: String, identity: String, header: Int) {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, NormalizeCache.identity(st) == identity, Int(st.st_size) >= header else {
            Glibc.close(fd)
            return nil
        }
        base = header
        bodySize = Int(st.st_size) - header
    }

    deinit { close() }

    /// Closes the file (once). When the new run's output has replaced it, this drops the
    /// last reference to the old one, and the kernel frees its pages and blocks here.
    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Appends bytes `range` (after the header) to `out`, a block at a time.
    func copy(_ range: Range<Int>, to out: OutputFile) throws {
        var at = range.lowerBound
        while at < range.upperBound {
            let n = min(1 << 20, range.upperBound - at)
            guard let bytes = read(.init(offset: at, count: n)) else {
                throw CSVError.cannotOpen(path: out.path, reason: "the previous output changed while it was read")
            }
            try out.write(bytes)
            at += n
        }
    }

    /// The piece's bytes, or nil when the file is shorter than the index says.
    func read(_ piece: AggregateCacheIndex.Piece) -> [UInt8]? {
        FilePaths.read(fd, offset: base + piece.offset, count: piece.count)
    }
}
