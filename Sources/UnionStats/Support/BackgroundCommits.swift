import Foundation

/// Puts whole outputs in place (`OutputFile.replace`: temporary file, sync, rename) on a
/// thread of its own, in the order they are given, so that the caller goes on while the
/// disk takes them. A sync waits for the disk, not the processor: when the month reports
/// were synced on the thread that hands the months out, the two that make them stood idle
/// for as long (tens of milliseconds a report once figures.csv's megabytes were waiting to
/// be written too).
///
/// At most `limit` outputs and `byteLimit` bytes wait (their bytes are held until written; one
/// output larger than `byteLimit` waits alone), so memory stays bounded when the disk is slower
/// than the months. Counting bytes lets many small reports wait while one sync is slow (the
/// first report's sync waits for figures.csv's), where four would have stopped the months.
/// A failed output stops the rest: `replace` and `finish` throw its error, and the outputs
/// after it are not written.
final class BackgroundCommits: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [(path: String, bytes: [UInt8])] = []
    /// Bytes of the outputs queued, and of the one being written.
    private var queuedBytes = 0, writingBytes = 0
    /// The most bytes that waited at once (for tests of the bound).
    private(set) var mostBytesWaiting = 0
    private var failure: Error?
    private var closed = false
    private let limit: Int
    private let byteLimit: Int
    private let finished = DispatchGroup()

    /// Bytes held: queued or being written (under the lock).
    private var held: Int { queuedBytes + writingBytes }

    init(limit: Int = 4, byteLimit: Int = .max) {
        self.limit = max(1, limit)
        self.byteLimit = byteLimit
        finished.enter()
        let thread = Thread { [self] in
            run()
            finished.leave()
        }
        thread.start()
    }

    /// Queues `bytes` for `path`; waits while `limit` outputs are queued, or while others wait
    /// and these bytes would take the waiting ones past `byteLimit`. Throws the error of an
    /// output given before, if one failed.
    func replace(_ path: String, with bytes: [UInt8]) throws {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil, waiting.count >= limit || (held > 0 && held + bytes.count > byteLimit) { condition.wait() }
        if let failure { throw failure }
        precondition(!closed, "BackgroundCommits.replace after finish")
        waiting.append((path, bytes))
        queuedBytes += bytes.count
        mostBytesWaiting = max(mostBytesWaiting, held)
        condition.broadcast()
    }

    /// Waits until every queued output is in place (or one failed); throws the first error.
    func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
        if let failure { throw failure }
    }

    /// Stops after the output being written (if any); the queued ones are dropped.
    func abandon() {
        condition.lock()
        waiting.removeAll()
        queuedBytes = 0
        closed = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func run() {
        while true {
            condition.lock()
            while waiting.isEmpty && !closed && failure == nil { condition.wait() }
            if waiting.isEmpty || failure != nil {
                condition.unlock()
                return
            }
            let next = waiting.removeFirst()
            queuedBytes -= next.bytes.count
            writingBytes = next.bytes.count   // held until written
            condition.unlock()
            var error: Error? = nil
            do { try OutputFile.replace(next.path, with: next.bytes) } catch let e { error = e }
            condition.lock()
            writingBytes = 0
            if let error {
                failure = error
                waiting.removeAll()
                queuedBytes = 0
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}
