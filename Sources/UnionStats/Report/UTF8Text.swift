/// Report text is written as UTF-8 into `[UInt8]` buffers: one per report,
/// one per table. These append without building intermediate `String`s.
extension Array where Element == UInt8 {
    /// Through the string's contiguous bytes: the generic `append(contentsOf: s.utf8)` copies in steps.
    mutating func appendUTF8(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil { append(contentsOf: s.utf8) }
    }

    /// Padding: a loop beats `append(contentsOf: repeatElement(…))` for a few columns.
    mutating func appendSpaces(_ n: Int) {
        var n = n
        while n > 0 { append(0x20); n -= 1 }
    }

    /// `s` and a newline.
    mutating func appendLine(_ s: String) {
        appendUTF8(s)
        append(0x0A)
    }
}

extension ByteAppending {
    /// `s`'s UTF-8 bytes: a table's cells go into its `ByteArena`, one memcpy a text, where
    /// `Array.append(contentsOf:)` cost over a hundred instructions through its generic copy.
    @inline(__always)
    mutating func appendText(_ s: String) { ByteString.withUTF8(s) { appendBytes($0) } }
}
