import CSystemCalls

/// Keeps the resident size near what is in use. glibc gives each new thread
/// its own malloc arena (up to eight per core) and keeps freed memory in it,
/// so the threads of one phase (normalize) kept their peak while the next
/// phase's threads (tables, reports by month) grew arenas of their own.
public enum Memory {
    /// Four arenas (two per core here); call before the run starts threads.
    static func limitArenas() {
        _ = unionstats_limit_malloc_arenas(4)
    }

    /// Returns freed memory of every arena to the system (between phases).
    static func giveBack() {
        _ = unionstats_malloc_trim()
    }

    /// Whether the process ends when the current command returns (the command-line tool says
    /// so). Then `leaveToExit` keeps large structures a step is done with until the exit, which
    /// drops them at once, instead of freeing them node by node: 60 to 80 ms of each of make's
    /// incremental steps went on freeing the caches' indexes of 10,000 pages.
    nonisolated(unsafe) public static var processEndsAfterCommand = false
    nonisolated(unsafe) private static var leftToExit: [Any] = []

    /// Keeps `values` until the process ends, when it ends after this command; otherwise
    /// nothing. From one thread at a time (a stage's calling thread). Plain data only: no
    /// object whose deinit does something (removes a scratch file, closes an output), since
    /// it would not run.
    public static func leaveToExit(_ values: Any...) {
        guard processEndsAfterCommand else { return }
        leftToExit.append(values)
    }
}

