import Foundation

/// Writes RFC 4180 CSV (CRLF line ends, quotes doubled inside quoted fields)
/// through libcsv, streaming to an `OutputFile` so memory stays flat.
///
/// Text cells that a spreadsheet would run as a formula (`= + - @`, tab, CR at
/// the start) get a leading `'`; cells of numeric columns never do.
public final class CSVWriter {
    public let header: [String]
    /// Whether each column is numeric (never guarded): for rows encoded elsewhere (`writeEncoded`).
    let numeric: [Bool]
    private let encoding: CSVEncoding
    private let sink: OutputFile
    private let buffer = ByteArena(capacity: 1 << 17)

    /// Opens `path` for writing (to a temporary file, renamed on `close()`),
    /// and writes the preamble and header. `numericColumns` are never guarded.
    public convenience init(path: String, header: [String], numericColumns: Set<String> = [], encoding: CSVEncoding = .utf8BOM) throws {
        try self.init(sink: OutputFile(path: path), header: header, numericColumns: numericColumns, encoding: encoding)
    }

    /// Writes into `sink` (e.g. `OutputFile.memory()`, to encode rows once and splice them later).
    public init(sink: OutputFile, header: [String], numericColumns: Set<String> = [], encoding: CSVEncoding = .utf8BOM) {
        self.header = header
        self.numeric = header.map { numericColumns.contains($0) }
        self.encoding = encoding
        self.sink = sink
        buffer.append(encoding.preamble)
        // The header is not guarded: its names are the program's.
        var row = CSVRowEncoder(numeric: header.map { _ in true }, encoding: encoding, into: buffer)
        for name in header { row.field(name) }
        row.end()
    }

    /// Appends one row; it must have as many fields as the header.
    public func write(_ fields: [String]) throws {
        try writeRow { row in for field in fields { row.field(field) } }
    }

    private func flushIfFull() throws {
        if buffer.count >= 1 << 16 {
            try buffer.withBytes { try sink.write(UnsafeRawBufferPointer($0)) }
            buffer.removeAll()
        }
    }

    /// Finishes the file: renames it into place, or leaves the old file
    /// untouched when the bytes are the same. Returns true when it changed.
    @discardableResult
    public func close() throws -> Bool {
        try buffer.withBytes { try sink.write(UnsafeRawBufferPointer($0)) }
        buffer.removeAll()
        return try sink.commit()
    }

    /// Drops the temporary file; the previous output stays as it was.
    public func abandon() { sink.abandon() }

    /// Rows alone, as `write` encodes them (no preamble, no header): for rows encoded on a
    /// worker thread and spliced into a file whose head was written once. `numeric[i]`:
    /// column `i` is never guarded.
    static func encodeRows(_ rows: [[String]], numeric: [Bool], encoding: CSVEncoding) -> [UInt8] {
        CSVRowEncoder.encodeRows(rows, numeric: numeric, encoding: encoding) { fields, row in
            for field in fields.pointee { row.field(field) }
        }
    }

    /// Appends rows already encoded for this file (`CSVRowEncoder.encodeRows` with its
    /// columns and encoding), e.g. on another thread.
    public func writeEncoded(_ rows: [UInt8]) throws {
        rows.withUnsafeBufferPointer { buffer.append($0) }
        try flushIfFull()
    }

    /// Appends one row whose fields `body` gives one at a time (`CSVRowEncoder`), the same
    /// bytes as `write` of them all: no array of the row's fields is made.
    public func writeRow(_ body: (inout CSVRowEncoder) -> Void) throws {
        var row = CSVRowEncoder(numeric: numeric, encoding: encoding, into: buffer)
        body(&row)
        row.end()
        try flushIfFull()
    }

    /// Appends one row of `lead` and then `cells` columns, of which only those in `sparse`
    /// (column within the cells, ascending, and its text) are not empty: wide tables have
    /// many columns and few values per row. The same bytes as `write` of the whole row.
    public func write(_ lead: [String], cells: Int, sparse: [(column: Int, text: String)]) throws {
        try writeRow { row in
            for field in lead { row.field(field) }
            row.sparse(cells: cells, sparse, column: { $0.column }, field: { $0.field($1.text) })
        }
    }

    /// A field (without the comma before it) is written by `appendPlain` or else by
    /// `appendEncoded`. `lone`: the row has one field (an empty one is quoted, or the row
    /// would be an empty line that readers skip).
    ///
    /// `appendPlain` is the common case: UTF-8 text that needs no guard or quotes, copied
    /// straight from the string's storage (one look at each byte, eight at a time). False,
    /// having appended nothing, when the field needs `appendEncoded`.
    @inline(__always)
    fileprivate static func appendPlain(_ field: String, guardFormulas: Bool, lone: Bool, encoding: CSVEncoding, into buffer: ByteArena) -> Bool {
        guard encoding != .gb18030 else { return false }
        let copied = field.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            appendPlain(utf8: UnsafeRawBufferPointer(bytes), guardFormulas: guardFormulas, lone: lone, into: buffer)
        }
        return copied == true
    }

    /// `appendPlain` of a text's UTF-8 bytes, the encoding being UTF-8.
    @inline(__always)
    fileprivate static func appendPlain(utf8 bytes: UnsafeRawBufferPointer, guardFormulas: Bool, lone: Bool, into buffer: ByteArena) -> Bool {
        guard let first = bytes.first else { return !lone }   // empty: nothing, unless alone in its row
        if guardFormulas && startsFormula(first) { return false }
        if needsQuoting(bytes) { return false }
        buffer.append(raw: bytes)
        return true
    }

    /// Any field: guarded, encoded and quoted as it needs.
    @inline(never)
    fileprivate static func appendEncoded(_ field: String, guardFormulas: Bool, lone: Bool, encoding: CSVEncoding, into buffer: ByteArena) {
        let guarded = guardFormulas && CSVWriter.looksLikeFormula(field)
        let lone = lone && field.isEmpty
        let bytes = encoding.encode(guarded ? "'" + field : field)
        if CSVWriter.needsQuoting(bytes) || lone {
            var quoted: [UInt8] = []
            libcsvQuote(bytes, into: &quoted)
            buffer.append(quoted)
        } else {
            buffer.append(bytes)
        }
    }

    /// OWASP's CSV-injection list: a cell starting with these runs as a formula.
    static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return startsFormula(first)
    }

    /// Whether a cell whose first byte is `b` looks like a formula.
    static func startsFormula(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            return true
        default:
            return false
        }
    }

    static func needsQuoting<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard let first = bytes.first else { return false }
        var last = first
        for b in bytes {
            if quotes(b) { return true }
            last = b
        }
        return first == 0x20 || last == 0x20
    }

    /// `needsQuoting` of bytes in memory: eight at a time, a word being looked at byte by
    /// byte only when one of its bytes is below 0x2D (LF, CR, `"` and `,` all are; no byte
    /// of CJK text or of digits and letters is).
    /// Fields of eight bytes or more end with a word that overlaps the one before, in place of
    /// a byte loop over the rest; shorter ones are looked at byte by byte.
    @inline(__always)
    static func needsQuoting(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        let n = bytes.count
        if base.load(as: UInt8.self) == 0x20 || base.load(fromByteOffset: n - 1, as: UInt8.self) == 0x20 { return true }
        guard n >= 8 else {
            for k in 0..<n where quotes(base.load(fromByteOffset: k, as: UInt8.self)) { return true }
            return false
        }
        var i = 0
        while true {
            let at = Swift.min(i, n - 8)
            let w = base.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            // Nonzero when some byte of `w` is below 0x2D (bit twiddling's "hasless").
            if (w &- 0x0101_0101_0101_0101 &* 0x2D) & ~w & 0x8080_8080_8080_8080 != 0 {
                for k in at..<(at + 8) where quotes(base.load(fromByteOffset: k, as: UInt8.self)) { return true }
            }
            if at == n - 8 { return false }
            i += 8
        }
    }

    /// LF, CR, `"` or `,`: the bytes that make a field quoted.
    @inline(__always)
    static func quotes(_ b: UInt8) -> Bool {
        // Bits 0x0A, 0x0D, 0x22 and 0x2C, all below 0x2D, so most bytes take one compare.
        let quoted: UInt64 = (1 << 0x0A) | (1 << 0x0D) | (1 << 0x22) | (1 << 0x2C)
        return b < 0x2D && (quoted >> UInt64(b)) & 1 != 0
    }
}

/// Takes a row's fields one at a time, in column order: an array (`fields`) or a row
/// written straight into a CSV buffer (`CSVRowEncoder`).
public protocol CSVFieldSink {
    mutating func field(_ text: String)
    /// `field(String(number))`.
    mutating func field(_ number: Int)
    /// `field(value.plain)`.
    mutating func field(_ value: Decimal)
}

extension Array: CSVFieldSink where Element == String {
    public mutating func field(_ text: String) { append(text) }
    public mutating func field(_ number: Int) { append(String(number)) }
    public mutating func field(_ value: Decimal) { append(value.plain) }
}

/// One row encoded field by field into a buffer: the bytes `CSVWriter.write` gives for
/// the same fields (formula guards except in numeric columns, quoting, encoding).
public struct CSVRowEncoder: CSVFieldSink {
    /// Whether each column is numeric (never guarded): for rows encoded elsewhere (`writeEncoded`).
    let numeric: [Bool]
    private let encoding: CSVEncoding
    private let buffer: ByteArena
    private var index = 0
    /// Where to note the offset in `buffer` at which each field starts, and after the last
    /// one past the row's CR (where a next field would start: the CR ends the last field as a
    /// comma ends the others): room for one more than the columns.
    private let fieldStarts: UnsafeMutablePointer<Int>?

    /// `fieldStarts`: see the property; nil notes nothing.
    init(numeric: [Bool], encoding: CSVEncoding, into buffer: ByteArena, fieldStarts: UnsafeMutablePointer<Int>? = nil) {
        self.numeric = numeric
        self.encoding = encoding
        self.buffer = buffer
        self.fieldStarts = fieldStarts
    }

    /// The comma before field `index` (none before the first), and a note of where the field starts.
    @inline(__always)
    private func beginField() {
        if index > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldStarts?[index] = buffer.count
    }

    // The plain path inline and the rest out of line (`appendEncoded`): with both inline, a
    // plain field paid the register saves and stack of the encoding path it does not take.
    @inline(__always)
    public mutating func field(_ text: String) {
        precondition(index < numeric.count, "CSV row has more fields than the header")
        beginField()
        let guardFormulas = !numeric[index], lone = numeric.count == 1
        if !CSVWriter.appendPlain(text, guardFormulas: guardFormulas, lone: lone, encoding: encoding, into: buffer) {
            CSVWriter.appendEncoded(text, guardFormulas: guardFormulas, lone: lone, encoding: encoding, into: buffer)
        }
        index += 1
    }

    /// The bytes `field(String(decoding: utf8, as: UTF8.self))` gives for valid UTF-8 (a text's
    /// bytes kept in a scratch file, say), without making the String when the field is plain.
    mutating func field(utf8: UnsafeRawBufferPointer) {
        precondition(index < numeric.count, "CSV row has more fields than the header")
        beginField()
        let guardFormulas = !numeric[index], lone = numeric.count == 1
        if encoding == .gb18030 || !CSVWriter.appendPlain(utf8: utf8, guardFormulas: guardFormulas, lone: lone, into: buffer) {
            CSVWriter.appendEncoded(String(decoding: utf8, as: UTF8.self), guardFormulas: guardFormulas, lone: lone,
                                    encoding: encoding, into: buffer)
        }
        index += 1
    }

    /// The bytes `field(String(number))` gives, without making the String.
    public mutating func field(_ number: Int) {
        // A negative number in a text column is guarded like any text starting with "-".
        guard index < numeric.count, numeric[index] || number >= 0 else { return field(String(number)) }
        beginField()
        let width = CSVRowEncoder.digitCount(number)
        CSVRowEncoder.writeDigits(number, width: width, at: buffer.extend(by: width))
        index += 1
    }

    /// How many bytes `String(number)` has: its digits, and a `-` when negative.
    @inline(__always)
    static func digitCount(_ number: Int) -> Int {
        var width = number < 0 ? 2 : 1
        var above = number.magnitude
        while above >= 10 { above /= 10; width += 1 }
        return width
    }

    /// Writes `String(number)`'s bytes (`width` = `digitCount(number)`) at `out`, from the last
    /// digit back, straight where they go (no scratch digits to copy over).
    @inline(__always)
    static func writeDigits(_ number: Int, width: Int, at out: UnsafeMutablePointer<UInt8>) {
        var rest = number.magnitude
        var i = width
        repeat {
            i -= 1
            out[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        if number < 0 { out[0] = UInt8(ascii: "-") }
    }

    /// The bytes `field(value.plain)` gives, without making the String where `Decimal.plain`'s
    /// fast path applies (digits are ASCII: the same bytes in every encoding).
    public mutating func field(_ value: Decimal) {
        guard index < numeric.count, numeric[index] else { return field(value.plain) }
        let buffer = self.buffer, comma = index > 0, start = fieldStarts.map { $0 + index }
        let written: Void? = DecimalText.withFastPlain(value) { bytes in
            if comma { buffer.append(UInt8(ascii: ",")) }
            start?.pointee = buffer.count
            buffer.append(bytes)
        }
        guard written != nil else { return field(value.plain) }
        index += 1
    }

    /// `n` empty fields: each is nothing between its commas (`field("")` in a row of several).
    public mutating func empty(_ n: Int) {
        guard n > 0 else { return }
        if numeric.count == 1 { return field("") }   // a lone empty field is quoted
        precondition(index + n <= numeric.count, "CSV row has more fields than the header")
        if fieldStarts == nil {
            // The commas alone, in one fill: a wide.csv row is mostly a run of empty months.
            let commas = index > 0 ? n : n - 1
            buffer.extend(by: commas).initialize(repeating: UInt8(ascii: ","), count: commas)
            index += n
            return
        }
        for k in index..<(index + n) {
            if k > 0 { buffer.append(UInt8(ascii: ",")) }
            fieldStarts?[k] = buffer.count
        }
        index += n
    }

    /// `cells` fields of which only `values`' (their `column` within the cells, ascending) are not
    /// empty, each written by `field`: wide tables have many columns and few values per row.
    @inline(__always)
    mutating func sparse<C: Collection>(cells: Int, _ values: C, column: (C.Element) -> Int,
                                        field: (inout CSVRowEncoder, C.Element) -> Void) {
        var next = 0   // the first cell not yet written
        for value in values {
            let c = column(value)
            precondition(c >= next && c < cells, "sparse CSV cells out of order")
            empty(c - next)
            field(&self, value)
            next = c + 1
        }
        empty(cells - next)
    }

    func end() {
        precondition(index == numeric.count, "CSV row has \(index) fields, header has \(numeric.count)")
        fieldStarts?[index] = buffer.count + 1
        buffer.append(0x0D)
        buffer.append(0x0A)
    }

    /// Rows of `items` alone (no preamble, no header), each given field by field by `row`.
    /// `row` is given each item's place: read field by field there, an item is not copied
    /// (an item passed by value from the array is a copy of all its texts).
    static func encodeRows<T>(_ items: [T], numeric: [Bool], encoding: CSVEncoding,
                              _ row: (UnsafePointer<T>, inout CSVRowEncoder) -> Void) -> [UInt8] {
        let out = ByteArena()
        items.withUnsafeBufferPointer { items in
            for i in items.indices {
                var r = CSVRowEncoder(numeric: numeric, encoding: encoding, into: out)
                row(items.baseAddress! + i, &r)
                r.end()
            }
        }
        return out.array
    }
}
