import CLibCSV

// The only file that calls libcsv. Everything else goes through `CSVReader`
// and `CSVWriter`, which own the parser state and turn C errors into Swift ones.

/// Parser state handed to libcsv's callbacks through their `void *` context,
/// since C callbacks cannot capture Swift values.
final class LibCSVParseContext {
    var fields: [String] = []
    var rows: [[String]] = []
    /// Header names whose fields the caller does not read: from the second row
    /// on they are delivered as "" without building a String.
    var skippedNames: Set<String> = []
    private var skip: [Bool] = []
    private var rowsEnded = 0

    /// Raw mode (`CSVReader.forEachRawRow`): fields are gathered as bytes in
    /// `raw` and each row is handed to `onRawRow` at once, without a String per field.
    var onRawRow: ((CSVRawRow) -> Void)?
    var raw = CSVRawRow()

    func endField(_ bytes: UnsafeRawPointer?, _ count: Int) {
        if onRawRow != nil {
            if let bytes, count > 0 { raw.bytes.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: count)) }
            raw.ends.append(raw.bytes.count)
            return
        }
        if let bytes, count > 0, fields.count >= skip.count || !skip[fields.count] {
            fields.append(String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self))
        } else {
            fields.append("")
        }
    }

    func endRow() {
        if let onRawRow {
            onRawRow(raw)
            raw.bytes.removeAll(keepingCapacity: true)
            raw.ends.removeAll(keepingCapacity: true)
            return
        }
        if rowsEnded == 0 && !skippedNames.isEmpty {
            skip = fields.map { skippedNames.contains($0.trimmingSpaces) }
        }
        rowsEnded += 1
        rows.append(fields)
        fields = []
        fields.reserveCapacity(skip.count)
    }
}

/// A libcsv parser (`struct csv_parser`), initialised for RFC 4180 input.
final class LibCSVParser {
    private var parser = csv_parser()
    let context = LibCSVParseContext()

    /// The corresponding C function is `csv_init`.
    init(skipping skippedNames: Set<String> = []) throws {
        context.skippedNames = skippedNames
        // CSV_STRICT rejects stray quotes (a,b"c); CSV_STRICT_FINI an unterminated quoted field.
        // CSV_REPALL_NL is off: CR LF and LF both end a row.
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else {
            throw CSVError.parserUnavailable
        }
        // Spaces around unquoted fields are data in our files; libcsv trims them by default.
        csv_set_space_func(&parser) { _ in 0 }
    }

    deinit { csv_free(&parser) }

    /// Feeds bytes; returns the rows completed by them.
    /// The corresponding C function is `csv_parse`: it returns the bytes consumed,
    /// and fewer than given means a parse error.
    func parse(_ bytes: UnsafeRawBufferPointer) -> (rows: [[String]], error: String?) {
        let ctx = Unmanaged.passUnretained(context).toOpaque()
        let used = csv_parse(&parser, bytes.baseAddress, bytes.count, libcsvFieldCallback, libcsvRowCallback, ctx)
        let rows = context.rows
        context.rows.removeAll(keepingCapacity: true)
        if used != bytes.count {
            return (rows, String(cString: csv_strerror(csv_error(&parser))))
        }
        return (rows, nil)
    }

    /// Flushes the last row. The corresponding C function is `csv_fini`.
    func finish() -> (rows: [[String]], error: String?) {
        let ctx = Unmanaged.passUnretained(context).toOpaque()
        let status = csv_fini(&parser, libcsvFieldCallback, libcsvRowCallback, ctx)
        let rows = context.rows
        context.rows.removeAll()
        if status != 0 {
            return (rows, String(cString: csv_strerror(csv_error(&parser))))
        }
        return (rows, nil)
    }
}

private func libcsvFieldCallback(_ field: UnsafeMutableRawPointer?, _ count: Int, _ data: UnsafeMutableRawPointer?) {
    guard let data else { return }
    Unmanaged<LibCSVParseContext>.fromOpaque(data).takeUnretainedValue().endField(UnsafeRawPointer(field), count)
}

private func libcsvRowCallback(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    guard let data else { return }
    Unmanaged<LibCSVParseContext>.fromOpaque(data).takeUnretainedValue().endRow()
}

/// Quotes one field into `out`, doubling inner quotes.
/// The corresponding C function is `csv_write2`.
func libcsvQuote(_ field: [UInt8], into out: inout [UInt8]) {
    // csv_write2 needs at most 2 + 2n bytes; ask it for the exact size first.
    let needed = field.withUnsafeBytes { src in
        csv_write2(nil, 0, src.baseAddress, src.count, UInt8(CSV_QUOTE))
    }
    let start = out.count
    out.append(contentsOf: repeatElement(0, count: needed))
    out.withUnsafeMutableBytes { dst in
        field.withUnsafeBytes { src in
            _ = csv_write2(dst.baseAddress! + start, needed, src.baseAddress, src.count, UInt8(CSV_QUOTE))
        }
    }
}
