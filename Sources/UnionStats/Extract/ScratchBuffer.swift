/// Memory that is neither zeroed first (as an Array's would be) nor checked for uniqueness on
/// every write: the repair's page-wide store of cleaned lines, and the bytes of a paragraph's
/// text before it is copied into its String. Its owner frees it.
struct ScratchBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    /// Makes room for `n` elements, keeping the first `kept`.
    mutating func reserve(_ n: Int, keeping kept: Int) {
        guard n > capacity else { return }
        let grown = max(n, capacity * 2)
        let new = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        new.initialize(from: base, count: kept)
        base.deallocate()
        base = new
        capacity = grown
    }

    func slice(_ from: Int, _ count: Int) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + from, count: count)
    }

    func deallocate() { base.deallocate() }
}

/// The repair's store of scalars.
typealias ScalarBuffer = ScratchBuffer<Unicode.Scalar>
