extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)` makes them but allocated the way an
    /// array grows: `Array(repeating:count:)` and `init(unsafeUninitializedCapacity:)` allocate
    /// through the standard library's unspecialized path, which looks the array's storage type up
    /// in the runtime's metadata cache (a few hundred instructions and atomic reader counts shared
    /// by the threads) every time; `reserveCapacity` on an empty array is specialized for the element.
    @inline(__always)
    static func filled(_ value: Element, count: Int) -> [Element] {
        var a: [Element] = []
        a.reserveCapacity(count)
        a.append(contentsOf: repeatElement(value, count: count))
        return a
    }
}
