/// Scalars in memory that is neither zeroed first (as an Array's would be) nor checked for
/// uniqueness on every write: the repair's page-wide store of cleaned lines. Its owner frees it.
struct ScalarBuffer {
    private(set) var base: UnsafeMutablePointer<Unicode.Scalar>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: self.capacity)
    }

    /// Makes room for `n` scalars, keeping the first `kept`.
    mutating func reserve(_ n: Int, keeping kept: Int) {
        guard n > capacity else { return }
        let grown = max(n, capacity * 2)
        let new = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: grown)
        new.initialize(from: base, count: kept)
        base.deallocate()
        base = new
        capacity = grown
    }

    func slice(_ from: Int, _ count: Int) -> UnsafeBufferPointer<Unicode.Scalar> {
        UnsafeBufferPointer(start: base + from, count: count)
    }

    func deallocate() { base.deallocate() }
}
