/// Keeps the resident size near what is in use. glibc gives each new thread
/// its own malloc arena (up to eight per core) and keeps freed memory in it,
/// so the threads of one phase (normalize) kept their peak while the next
/// phase's threads (tables, reports by month) grew arenas of their own.
enum Memory {
    /// Four arenas (two per core here); call before the run starts threads.
    static func limitArenas() {
        #if os(Linux)
        _ = glibcMallopt(-8 /* M_ARENA_MAX */, 4)
        #endif
    }

    /// Returns freed memory of every arena to the system (between phases).
    static func giveBack() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
// <malloc.h> is not part of Swift's Glibc module; these two take and return plain C ints.
@_silgen_name("mallopt") private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
@_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
