import Foundation

/// Runs `produce` on a thread of its own, handing batches to `consume` on the
/// calling thread through a queue of at most `depth` batches: two stages of a
/// pass (libcsv's parse, then what is done with each row) on two cores.
/// An error on either side stops both; the producer's is thrown first.
func handOff<Batch>(depth: Int = 4, produce: @escaping (_ send: (Batch) throws -> Void) throws -> Void,
                    consume: (Batch) throws -> Void) throws {
    let queue = HandOffQueue<Batch>(depth: depth)
    let finished = DispatchSemaphore(value: 0)
    let thread = Thread {
        do { try produce { try queue.put($0) } } catch { queue.produced = error }
        queue.close()
        finished.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    var consumed: Error?
    do {
        while let batch = queue.take() { try consume(batch) }
    } catch {
        consumed = error
        queue.cancel()
    }
    finished.wait()
    if let e = queue.produced, !(e is HandOffCancelled) { throw e }
    if let consumed { throw consumed }
}

struct HandOffCancelled: Error {}

/// The queue between the two sides (also `RowCursor`'s, which pulls instead of being called).
final class HandOffQueue<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Batch] = []
    private var closed = false, cancelled = false
    /// The producer's error, read after it has finished.
    var produced: Error?
    private let depth: Int

    init(depth: Int) { self.depth = max(1, depth) }

    func put(_ b: Batch) throws {
        condition.lock(); defer { condition.unlock() }
        while items.count >= depth && !cancelled { condition.wait() }
        if cancelled { throw HandOffCancelled() }
        items.append(b)
        condition.broadcast()
    }

    func take() -> Batch? {
        condition.lock(); defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    func close() {
        condition.lock(); closed = true; condition.broadcast(); condition.unlock()
    }

    func cancel() {
        condition.lock(); cancelled = true; items = []; condition.broadcast(); condition.unlock()
    }
}
