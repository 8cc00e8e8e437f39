#if canImport(Glibc)
import Glibc
#endif

/// Where encoders append bytes: an array, or a `ByteArena`.
protocol ByteAppending {
    mutating func appendByte(_ byte: UInt8)
    mutating func appendBytes(_ bytes: UnsafeRawBufferPointer)
}

extension Array: ByteAppending where Element == UInt8 {
    mutating func appendByte(_ byte: UInt8) { append(byte) }
    mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}

/// A growable run of bytes for the encoders' inner loops, appended to by memcpy:
/// `Array.append(contentsOf:)` cost about a hundred instructions per field through
/// its generic copy, and a row has 23 fields.
final class ByteArena {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// False while the bytes are an array's storage (`array(capacity:_:)`), which the arena does not free.
    private var owned = true

    init(capacity: Int = 1 << 12) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    private init(borrowing room: UnsafeMutableBufferPointer<UInt8>) {
        base = room.baseAddress!
        capacity = room.count
        owned = false
    }

    deinit { if owned { base.deallocate() } }

    /// The bytes `body` appends to the arena it is given, as an array written in place: the
    /// arena's bytes are the array's storage, of `capacity` bytes, so they are not copied into
    /// an array at the end (`array`: a copy of every byte, and a second block). Only when `body`
    /// appends more than `capacity` does the arena move to memory of its own, and then the bytes
    /// are copied. The arena must not be used once `body` returns.
    static func array(capacity: Int, _ body: (ByteArena) -> Void) -> [UInt8] {
        var moved: [UInt8]?
        let bytes = [UInt8](unsafeUninitializedCapacity: max(16, capacity)) { room, initialized in
            let arena = ByteArena(borrowing: room)
            body(arena)
            if arena.owned {
                moved = arena.array
                initialized = 0
            } else {
                initialized = arena.count
            }
        }
        return moved ?? bytes
    }

    // Counts are sizes of memory held, far from Int.max: the additions on the appending paths
    // are unchecked (&+), and growing is out of line, so the inline path is a compare and a store.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(toHold: count + extra) }
    }

    @inline(never)
    private func grow(toHold needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.update(from: base, count: count)
        if owned { base.deallocate() }
        owned = true
        base = bigger
        capacity = grown
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(raw: UnsafeRawBufferPointer(bytes)) }

    @inline(__always)
    func append(raw bytes: UnsafeRawBufferPointer) {
        guard let from = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        memcpy(base + count, from, bytes.count)
        count &+= bytes.count
    }

    func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    /// `n` bytes more, uninitialized: the caller writes all of them through the pointer
    /// returned, before anything else is appended (a number's digits, written in place).
    @inline(__always)
    func extend(by n: Int) -> UnsafeMutablePointer<UInt8> {
        reserve(n)
        let at = base + count
        count &+= n
        return at
    }

    /// Room for at most `n` bytes more, which `body` writes through the pointer it is given,
    /// returning how many it wrote: a record of many small parts is written without a check
    /// of the capacity for each.
    @inline(__always)
    func append(atMost n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(n)
        let written = body(base + count)
        precondition(written >= 0 && written <= n, "wrote past the room asked for")
        count += written
    }

    /// Room for `n` bytes more, written through the pointer returned and then counted by
    /// `commit` (nothing else appended in between): `append(atMost:)` for a writer that cannot
    /// be a closure (one capturing an inout figure retained each of its texts).
    @inline(__always)
    func room(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        reserve(n)
        return base + count
    }

    /// Counts `written` bytes of the `room` of `n` just asked for.
    @inline(__always)
    func commit(_ written: Int, of n: Int) {
        precondition(written >= 0 && written <= n && count + n <= capacity, "wrote past the room asked for")
        count += written
    }

    /// The bytes so far, borrowed for `body`.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes so far, as an array.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func removeAll() { count = 0 }
}

extension ByteArena: ByteAppending {
    @inline(__always) func appendByte(_ byte: UInt8) { append(byte) }
    @inline(__always) func appendBytes(_ bytes: UnsafeRawBufferPointer) { append(raw: bytes) }
}

extension ByteArena {
    /// `memcpy` of `n` bytes for the short runs the encoders copy most (a date, a unit, a code, a
    /// field of a row): up to 16 bytes in line, as two loads and two stores that may overlap; a
    /// call to memcpy cost more than such a copy. Longer runs are memcpy's. The two runs must not overlap.
    @inline(__always)
    static func copy(_ from: UnsafeRawPointer, to: UnsafeMutableRawPointer, count n: Int) {
        if n >= 8 {
            if n > 16 { memcpy(to, from, n); return }
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n > 0 {
            // 1 to 3 bytes: the first, the middle and the last (some the same).
            let first = from.load(as: UInt8.self), middle = from.load(fromByteOffset: n >> 1, as: UInt8.self)
            let last = from.load(fromByteOffset: n - 1, as: UInt8.self)
            to.storeBytes(of: first, as: UInt8.self)
            to.storeBytes(of: middle, toByteOffset: n >> 1, as: UInt8.self)
            to.storeBytes(of: last, toByteOffset: n - 1, as: UInt8.self)
        }
    }
}
