import Foundation

/// One piece of work run on a thread of its own while the caller goes on; `wait` returns when
/// it is done and throws what it threw. `run` syncs and renames figures.csv this way while the
/// months are made: the sync waits for the disk (90 ms for the 100 MB corpus), and the two
/// threads that make months stood idle for as long.
final class BackgroundTask: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written by the thread before `done` is left, read after `wait`: the group orders the two.
    private var failure: Error?
    private var waited = false

    init(_ work: @escaping () throws -> Void) {
        let box = WorkBox(work)
        done.enter()
        let thread = Thread { [self] in
            do { try box.work() } catch { failure = error }
            done.leave()
        }
        thread.start()
    }

    /// Waits for the work to end; throws its error (each time it is asked).
    func wait() throws {
        done.wait()
        waited = true
        if let failure { throw failure }
    }

    deinit { precondition(waited, "BackgroundTask dropped without wait: its work may still be running") }

    /// The work, handed to the thread once and run only there.
    private final class WorkBox: @unchecked Sendable {
        let work: () throws -> Void
        init(_ work: @escaping () throws -> Void) { self.work = work }
    }
}
