/// The first pages of a run, extracted on the calling thread while the dictionaries load
/// (`Pipeline.extractWhileWaiting`). Each is taken once, by the worker that claims its
/// index, so its memory goes as soon as that page is normalized, not at the end of the run.
final class EarlyPages: @unchecked Sendable {
    /// One slot per page; workers take distinct indices, so no slot is touched by two threads.
    private let slots: UnsafeMutableBufferPointer<Result<ExtractedPage, Error>?>

    init(_ pages: [Result<ExtractedPage, Error>]) {
        slots = .allocate(capacity: pages.count)
        _ = slots.initialize(from: pages.map { Optional($0) })
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// How many pages were extracted early (indices 0..<count).
    var count: Int { slots.count }

    /// Page `i`'s result, once (its slot is emptied); nil for a page not extracted early.
    func take(_ i: Int) -> Result<ExtractedPage, Error>? {
        guard i >= 0 && i < slots.count else { return nil }
        let page = slots[i]
        slots[i] = nil
        return page
    }
}
