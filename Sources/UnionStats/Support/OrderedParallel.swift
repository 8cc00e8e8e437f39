import Foundation

/// Runs `work` for items 0..<count on `workers` threads and hands the results
/// to `consume` on the calling thread in index order. At most `window` results
/// are done but not yet consumed, so memory holds a window of pages, not the
/// corpus; and unlike batches with a barrier, no core waits for the slowest
/// page of a batch. When `consume` throws, the workers stop taking items and
/// the error is rethrown once they are done.
///
/// `claim`: items a worker takes at once (and hands over at once), for items so
/// cheap that taking the lock for each was a good part of their cost (pages read
/// from make's cache: 10,000 of them, two workers and the consumer taking turns).
public func orderedParallel<Result>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                    window: Int = 64, claim: Int = 1, work: @escaping (Int) -> Result,
                                    consume: (Int, Result) throws -> Void) throws {
    guard count > 0 else { return }
    let state = OrderedParallelState<Result>(window: max(1, window), count: count)
    let threads = max(1, min(workers, count))
    let step = max(1, claim)
    let group = DispatchGroup()
    for _ in 0..<threads {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            var results: [Result] = []
            while let items = state.claim(count: count, upTo: step) {
                results.removeAll(keepingCapacity: true)
                for i in items { results.append(work(i)) }
                state.put(from: items.lowerBound, results)
            }
        }
        thread.stackSize = 8 << 20   // the same as the main thread: page parsing recurses a little
        thread.start()
    }
    do {
        var i = 0
        var run: [Result] = []
        while i < count {
            run.removeAll(keepingCapacity: true)
            state.take(from: i, into: &run)
            for result in run {
                try consume(i, result)
                i += 1
            }
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
/// to i + `batch` are all done; it then takes every finished item in order under one lock. Taken
/// items make room for workers when the consumer comes back for more (so the window still bounds
/// what is done but not consumed), and wake them only when one waits for room. (Waking on
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

    /// The next items to work on (at most `step`, within the window), or nil when all are
    /// claimed or the run was cancelled; waits while the window is full.
    func claim(count: Int, upTo step: Int) -> Range<Int>? {
        condition.lock(); defer { condition.unlock() }
        while !cancelled && next < count && next - consumed >= ring.count {
            workersWaiting += 1
            condition.wait()
            workersWaiting -= 1
        }
        guard !cancelled, next < count else { return nil }
        let n = min(step, ring.count - (next - consumed), count - next)
        next += n
        return next - n..<next
    }

    /// The results of items `first`, `first + 1`...
    func put(from first: Int, _ results: [Result]) {
        condition.lock(); defer { condition.unlock() }
        for (k, result) in results.enumerated() { ring[(first + k) % ring.count] = result }
        // `ready < next` keeps it within the window (next - consumed <= ring.count), so the slot holds item `ready`.
        while ready < next && ring[ready % ring.count] != nil { ready += 1 }
        if ready >= wakeAt { condition.broadcast() }
    }

    /// Appends to `run` the results of item `i` and of every finished item after it, in order,
    /// waiting until item `i` is done. Items before `i` have been consumed.
    func take(from i: Int, into run: inout [Result]) {
        condition.lock(); defer { condition.unlock() }
        consumed = i
        if workersWaiting > 0 { condition.broadcast() }
        while ring[i % ring.count] == nil {
            wakeAt = min(i + batch, count)
            condition.wait()
        }
        wakeAt = .max
        // Item i is done, so `ready` is past it; the items up to `ready` are done and not yet taken.
        for j in i..<ready {
            run.append(ring[j % ring.count]!)
            ring[j % ring.count] = nil
        }
    }

    func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}
