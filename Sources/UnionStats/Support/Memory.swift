import CSystemCalls

/// Keeps the resident size near what is in use. glibc gives each new thread
/// its own malloc arena (up to eight per core) and keeps freed memory in it,
/// so the threads of one phase (normalize) kept their peak while the next
/// phase's threads (tables, reports by month) grew arenas of their own.
enum Memory {
    /// Four arenas (two per core here); call before the run starts threads.
    static func limitArenas() {
        _ = unionstats_limit_malloc_arenas(4)
    }

    /// Returns freed memory of every arena to the system (between phases).
    static func giveBack() {
        _ = unionstats_malloc_trim()
    }
}

