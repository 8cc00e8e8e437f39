import Foundation

/// Runs `work` for items 0..<count on `workers` threads and hands the results
/// to `consume` on the calling thread in index order. At most `window` results
/// are done but not yet consumed, so memory holds a window of pages, not the
/// corpus; and unlike batches with a barrier, no core waits for the slowest
/// page of a batch. When `consume` throws, the workers stop taking items and
/// the error is rethrown once they are done.
public func orderedParallel<Result>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                    window: Int = 64, work: @escaping (Int) -> Result,
                                    consume: (Int, Result) throws -> Void) throws {
    guard count > 0 else { return }
    let state = OrderedParallelState<Result>(window: max(1, window), count: count)
    let threads = max(1, min(workers, count))
    let group = DispatchGroup()
    for _ in 0..<threads {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            while let i = state.claim(count: count) {
                state.put(i, work(i))
            }
        }
        thread.stackSize = 8 << 20   // the same as the main thread: page parsing recurses a little
        thread.start()
    }
    do {
        for i in 0..<count {
            try consume(i, state.take(i))
        }
    } catch {
        state.cancel()
        group.wait()
        throw error
    }
    group.wait()
}

/// The shared part of `orderedParallel`: the next item to claim and a ring of finished results.
/// A thread wakes only the ones that wait for what it did, and the consumer (whose work per item
/// is small) is woken for a run of items at once: when it waits for item i, only once items i up
/// to i + `batch` are all done. A taken item wakes workers only when one waits for room. (Waking on
/// every change cost a futex call and a context switch per item, on a core the workers need.)
private final class OrderedParallelState<Result> {
    private let condition = NSCondition()
    private var ring: [Result?]
    private var next = 0          // next item to claim
    private var consumed = 0      // items handed to `consume`
    private var cancelled = false
    private let count: Int
    private var ready = 0         // items 0..<ready are done (taken or in the ring)
    private var wakeAt = Int.max  // the consumer sleeps until `ready` reaches this
    private var workersWaiting = 0
    /// Items the consumer is woken for at once; at most the window, which holds them all.
    private let batch: Int

    init(window: Int, count: Int) {
        ring = Array(repeating: nil, count: window)
        self.count = count
        batch = min(8, window)
    }

    /// The next item to work on, or nil when all are claimed or the run was cancelled;
    /// waits while the window is full.
    func claim(count: Int) -> Int? {
        condition.lock(); defer { condition.unlock() }
        while !cancelled && next < count && next - consumed >= ring.count {
            workersWaiting += 1
            condition.wait()
            workersWaiting -= 1
        }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ i: Int, _ result: Result) {
        condition.lock(); defer { condition.unlock() }
        ring[i % ring.count] = result
        // `ready < next` keeps it within the window (next - consumed <= ring.count), so the slot holds item `ready`.
        while ready < next && ring[ready % ring.count] != nil { ready += 1 }
        if ready >= wakeAt { condition.broadcast() }
    }

    /// Item `i`'s result, waiting until it is done.
    func take(_ i: Int) -> Result {
        condition.lock(); defer { condition.unlock() }
        while ring[i % ring.count] == nil {
            wakeAt = min(i + batch, count)
            condition.wait()
        }
        wakeAt = .max
        let r = ring[i % ring.count]!
        ring[i % ring.count] = nil
        consumed = i + 1
        if workersWaiting > 0 { condition.broadcast() }
        return r
    }

    func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}
