/// What the navigation and footer tests look for scalar by scalar, read from one table instead
/// of asked one test at a time (`Scalars.isIdeograph`, then a bitmap): their loops read every
/// scalar of the short lines that the line scan leaves to them.
extension PageFurniture {
    /// An ideograph in no navigation word (`isNavigation` counts them).
    static let foreignBit: UInt8 = 1
    /// The first scalar of a footer mark (`isFooter` looks for them).
    static let markStartBit: UInt8 = 2

    /// The bits of each scalar of the Basic Multilingual Plane, a byte each; held by pointer and
    /// never freed (as `ScalarBitmap`'s). Made from the ideograph ranges of `Scalars.isIdeograph`,
    /// the navigation scalars and the marks' first scalars (its test holds it to those, scalar by scalar).
    static let scanTable: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        t.initialize(repeating: 0, count: 0x10000)
        for r in [0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF] {
            (t + r.lowerBound).update(repeating: foreignBit, count: r.count)
        }
        for s in navigationWords.joined() where Scalars.isIdeograph(s) && s.value < 0x10000 { t[Int(s.value)] &= ~foreignBit }
        for m in footerMarks { if let s = m.first, s.value < 0x10000 { t[Int(s.value)] |= markStartBit } }
        return UnsafePointer(t)
    }()

    /// The bits of `s` (`table` is `scanTable`, loaded once by the caller's loop): past the plane
    /// an ideograph is foreign (no navigation word holds one) and no mark starts.
    @inline(__always)
    static func scanBits(_ s: Unicode.Scalar, _ table: UnsafePointer<UInt8>) -> UInt8 {
        let v = s.value
        if v < 0x10000 { return table[Int(v)] }
        return Scalars.isIdeograph(s) ? foreignBit : 0
    }
}
