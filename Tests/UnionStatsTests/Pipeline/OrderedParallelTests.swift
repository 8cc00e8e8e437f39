import XCTest
import Foundation
@testable import UnionStats

final class OrderedParallelTests: XCTestCase {
    /// Results arrive in index order even when later items finish first.
    func testResultsArriveInOrder() throws {
        for claim in [1, 3, 8, 50] {
            var seen: [Int] = []
            try orderedParallel(count: 200, workers: 4, window: 8, claim: claim, work: { i -> Int in
                if i % 7 == 0 { usleep(2000) }   // some items are slow, so others overtake them
                return i * i
            }, consume: { i, r in
                XCTAssertEqual(r, i * i)
                seen.append(i)
            })
            XCTAssertEqual(seen, Array(0..<200), "claim \(claim)")
        }
    }

    /// No more than `window` items are ever done but not yet consumed.
    func testWindowBoundsWorkAhead() throws {
        for claim in [1, 4] {
            let lock = NSLock()
            var started = 0
            var worstLead = 0
            var consumed = 0
            try orderedParallel(count: 100, workers: 3, window: 5, claim: claim, work: { i -> Int in
                lock.lock(); started += 1; worstLead = max(worstLead, started - consumed); lock.unlock()
                return i
            }, consume: { _, _ in
                usleep(200)   // a slow consumer: the workers must wait for it
                lock.lock(); consumed += 1; lock.unlock()
            })
            XCTAssertLessThanOrEqual(worstLead, 5 + 1, "claim \(claim)")   // the window, plus the item being handed over
            XCTAssertEqual(started, 100)
        }
    }

    /// An error from the consumer stops the work and reaches the caller.
    func testConsumerErrorStopsTheRun() {
        struct Stop: Error {}
        let lock = NSLock()
        var done = 0
        XCTAssertThrowsError(try orderedParallel(count: 10_000, workers: 2, window: 4, work: { i -> Int in
            lock.lock(); done += 1; lock.unlock()
            return i
        }, consume: { i, _ in
            if i == 10 { throw Stop() }
        })) { XCTAssertTrue($0 is Stop) }
        XCTAssertLessThan(done, 100)
    }

    /// Wakes only the threads that wait for what was done: with a window of one and more workers
    /// than room, every hand-over has workers waiting for room and the consumer waiting for one
    /// item while others finish. Fast and slow items alternate on both sides, so each waiting
    /// path is taken many times. A missed wake-up would hang the run, so it runs on its own
    /// thread and the test fails when it is not done in a minute (it takes well under a second).
    func testNoWakeUpIsMissed() throws {
        final class Seen: @unchecked Sendable { var items: [Int] = [] }   // read after `done` only
        let done = DispatchSemaphore(value: 0)
        let seen = Seen()
        let run = Thread {
            for window in [1, 2, 3, 8, 64] {
                for claim in [1, 3] {
                    try? orderedParallel(count: 3_001, workers: 3, window: window, claim: claim, work: { i -> Int in
                        if i % 5 == 0 { usleep(50) }
                        return i &* 31
                    }, consume: { i, r in
                        if r == i &* 31 && i == seen.items.count % 3_001 { seen.items.append(i) }
                        if i % 7 == 0 { usleep(30) }
                    })
                }
            }
            done.signal()
        }
        run.start()
        guard done.wait(timeout: .now() + 60) == .success else {
            return XCTFail("orderedParallel hung: a wake-up was missed")
        }
        XCTAssertEqual(seen.items.count, 2 * 5 * 3_001, "every item, in order, with its own result")
    }

    func testNothingToDo() throws {
        try orderedParallel(count: 0, work: { _ in XCTFail("no item") }, consume: { _, _ in XCTFail("no item") })
    }
}
