#if canImport(Glibc)
import Glibc
#endif

/// An exclusive flock(2) on a file (`OUTPUT/.lock`) so that two runs writing
/// the same output folder never meet. The kernel drops the lock when the
/// process dies, even by SIGKILL, so a killed run never leaves it stuck.
/// flock(1) in `scripts/cron-run` takes the same lock on the same file.
public final class RunLock {
    public let path: String
    private var fd: Int32 = -1

    /// The lock file of an output folder.
    public static func path(forOutput output: String) -> String { FilePaths.join(output, ".lock") }

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    public enum Failure: Error, CustomStringConvertible {
        /// Another process holds the lock (exit status 75).
        case busy(String)
        case cannotOpen(String, String)

        public var description: String {
            switch self {
            case .busy(let p): return "another run holds the lock \(p); try again later"
            case .cannotOpen(let p, let why): return "cannot open lock file \(p): \(why)"
            }
        }
    }

    /// Takes the lock; with `wait` false, throws `.busy` at once when it is held.
    public static func acquire(_ path: String, wait: Bool) throws -> RunLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw Failure.cannotOpen(path, String(cString: strerror(errno))) }
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let e = errno
            if e == EINTR { continue }
            close(fd)
            if e == EWOULDBLOCK { throw Failure.busy(path) }
            throw Failure.cannotOpen(path, String(cString: strerror(e)))
        }
        return RunLock(path: path, fd: fd)
    }

    /// True when some process holds the lock right now (tests, `check`).
    public static func isHeld(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { flock(fd, LOCK_UN); return false }
        return errno == EWOULDBLOCK
    }

    public func release() {
        if fd >= 0 { flock(fd, LOCK_UN); close(fd); fd = -1 }
    }

    deinit { release() }
}
