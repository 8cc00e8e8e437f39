import ArgumentParser
import UnionStats

/// How a command that writes an output folder takes its lock (OUTPUT/.lock).
struct LockOptions: ParsableArguments {
    @Flag(help: "When another run holds OUTPUT/.lock, wait for it instead of exiting 75.")
    var wait = false

    @Flag(help: "Do not take OUTPUT/.lock: the caller holds it (scripts/cron-run runs flock(1) on it).")
    var noLock = false

    /// The lock, or nil with --no-lock. `run` does not wait unless asked
    /// (cron's next run will come); the stage commands make calls one after
    /// another wait, so a manual `run` in between only delays them.
    func take(output: String, waitByDefault: Bool) throws -> RunLock? {
        if noLock { return nil }
        try FilePaths.makeDirectories(output)
        return try RunLock.acquire(RunLock.path(forOutput: output), wait: wait || waitByDefault)
    }
}
