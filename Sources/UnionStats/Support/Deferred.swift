import Foundation

/// A value computed on a thread of its own from the moment it is made;
/// `value()` waits for it. `Pipeline.normalize` loads the dictionaries this
/// way (a quarter of a second for the gazetteer) while the workers already
/// read and extract the first pages, which need no dictionary.
final class Deferred<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    init(_ compute: @escaping () throws -> Value) {
        let thread = Thread { [self] in
            result = Result(catching: compute)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Whether the value (or its error) is there, without waiting for it.
    var isReady: Bool {
        guard done.wait(timeout: .now()) == .success else { return false }
        done.signal()   // for the next caller
        return true
    }

    /// The value, or the error computing it threw; waits until it is there.
    func value() throws -> Value {
        done.wait()
        defer { done.signal() }   // for the next caller
        return try result!.get()
    }
}
