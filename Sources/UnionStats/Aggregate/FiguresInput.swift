import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// figures.csv as the aggregate and report stages read it. The normalize
/// stage writes it in the run's `--csv-encoding`; `CSVReader` reads UTF-8, so
/// a GB18030 file (not valid UTF-8) is first transcoded, in blocks, into a
/// scratch file beside the tables. UTF-8 files (with or without BOM) are read
/// as they are.
public final class FiguresInput {
    /// The path to read: the original file, or the transcoded scratch copy.
    public let path: String
    private let scratch: String?

    public init(_ original: String, scratchDir: String) throws {
        // A UTF-8 BOM says UTF-8 (what --csv-encoding utf8-bom writes; GB18030 text never starts
        // with 锘, its reading of those bytes): the check of every byte is for files without one.
        if try FiguresInput.startsWithBOM(original) || FiguresInput.isUTF8(original) {
            path = original
            scratch = nil
        } else {
            // Named after the file too: a merge reads several at once into one scratch folder.
            let copy = FilePaths.join(scratchDir, ".figures-utf8-\(StableHash(original).hex.prefix(12))-\(getpid()).csv")
            try FiguresInput.transcodeGB18030(original, to: copy)
            path = copy
            scratch = copy
        }
    }

    deinit { if let scratch { unlink(scratch) } }

    /// Columns a figures.csv must have.
    static let requiredColumns = ["value", "unit", "kind", "month"]

    /// Columns no table or report shows (the sentence is the longest field): not read.
    public static let unreadColumns: Set<String> = ["sentence", "organization"]

    /// A figure as the tables and reports get it back from figures.csv, for
    /// callers that hand figures over in memory (`unionstats run`): its fields
    /// as the writer puts them (values with 6 decimals, a `'` before text a
    /// spreadsheet would run), read back by `Figure(record:)` with the unread
    /// columns empty, so both ways give the same bytes.
    ///
    /// Done field by field on the figure: only the two values go through text (the
    /// writer's 6 decimals); text takes the writer's guard and, where `Figure(record:)`
    /// undoes guards, the reader's unguard. `asReadBackThroughFields` is the same through
    /// the fields themselves (the definition; a test holds the two equal).
    public static func asReadBack(_ f: Figure) -> Figure {
        var r = f
        readBack(&r)
        return r
    }

    /// `asReadBack` in place: a field is assigned only when reading it back changes it, so a
    /// figure handed over whole (the page is done with it) is not copied string by string.
    public static func readBack(_ f: inout Figure) {
        readBack(&f, text: true)
    }

    /// `readBack`; with `text` false, the text fields are taken to need nothing, which is so when
    /// none starts with `'` or a byte that starts a formula (no guard to add or undo): a caller
    /// that wrote the figure's row knows that from the row (`FigureRowFields.hasQuoteMark`).
    /// Returns whether both values came back through `DecimalText.readBack`, so that their text
    /// as written reads back to them and they are written again as that text.
    @discardableResult
    static func readBack(_ f: inout Figure, text: Bool) -> Bool {
        var exact = false
        if let value = DecimalText.readBack(f.quantity.value) {
            if let high = f.quantity.valueMax {
                if let valueMax = DecimalText.readBack(high) {
                    f.quantity.value = value
                    f.quantity.valueMax = valueMax
                    exact = true
                }
            } else {
                f.quantity.value = value
                exact = true
            }
        }
        if !exact {
            guard let value = Decimal(plainText: f.quantity.value.plain) else { return false }
            let maxText = f.quantity.valueMax?.plain ?? ""
            f.quantity.value = value
            f.quantity.valueMax = maxText.isEmpty ? nil : Decimal(plainText: maxText)
        }
        if text { readBackText(&f) }
        if !f.organization.isEmpty { f.organization = "" }
        if !f.sentence.isEmpty { f.sentence = "" }
        return exact
    }

    /// The text fields of `readBack`.
    private static func readBackText(_ f: inout Figure) {
        // Text the writer guards stays guarded where `Figure(record:)` leaves guards.
        func guarded(_ s: inout String) { if CSVWriter.looksLikeFormula(s) { s = "'" + s } }
        // Where it undoes them, guarded text comes back as it was, and text that only looks
        // guarded (`'=…` as written) loses its `'`.
        func read(_ s: inout String) {
            if !CSVWriter.looksLikeFormula(s), s.utf8.first == UInt8(ascii: "'") { s = Figure.unguard(s) }
        }
        guarded(&f.doc)
        read(&f.headline)
        guarded(&f.published)
        read(&f.source)
        read(&f.raw)
        // Qualifier and kind come back as they are: their names are letters, which no guard touches.
        guarded(&f.quantity.unit)
        guarded(&f.quantity.per)
        read(&f.metric)
        guarded(&f.metricID)
        guarded(&f.region.path)
        read(&f.period.label)
        guarded(&f.period.start)
        guarded(&f.period.end)
        guarded(&f.period.month)
    }

    /// `asReadBack` by its definition: the figure's fields as written, read back.
    static func asReadBackThroughFields(_ f: Figure) -> Figure {
        var fields = f.fields
        for (i, rule) in readBackRules.enumerated() {
            switch rule {
            case .unread: fields[i] = ""
            case .text where CSVWriter.looksLikeFormula(fields[i]): fields[i] = "'" + fields[i]
            case .text, .numeric: break
            }
        }
        return Figure(record: CSVRecord(fields: fields, row: 0, header: figuresHeader)) ?? f
    }

    private enum ReadBackRule { case unread, text, numeric }
    private static let readBackRules: [ReadBackRule] = Figure.columns.map {
        unreadColumns.contains($0) ? .unread : Figure.numericColumns.contains($0) ? .numeric : .text
    }
    /// The header of a record whose fields are in `Figure.columns` order.
    static let figuresHeader = CSVHeader(Dictionary(uniqueKeysWithValues: Figure.columns.enumerated().map { ($1, $0) }))

    /// Streams `body` over the file's records as `Figure`s; a row whose value
    /// does not parse stops the stage with the file and row named. Columns in
    /// `skipping` are left empty (no table or report shows the sentence, the
    /// longest field).
    public func forEachFigure(skipping: Set<String> = [], _ body: (Figure) throws -> Void) throws {
        try CSVReader(path: path).forEachRecord(required: FiguresInput.requiredColumns, skipping: skipping) { record in
            guard let figure = Figure(record: record) else {
                throw CSVError.malformed(path: path, row: record.row, reason: "value \"\(record["value"])\" is not a number")
            }
            try body(figure)
        }
    }

    static func startsWithBOM(_ path: String) throws -> Bool {
        guard let f = fopen(path, "rb") else {
            throw CSVError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(f) }
        var head = [UInt8](repeating: 0, count: 3)
        return fread(&head, 1, 3, f) == 3 && head == [0xEF, 0xBB, 0xBF]
    }

    /// Whether the whole file is well-formed UTF-8, read in blocks and checked
    /// by the standard library's validator (a byte loop here cost more than parsing).
    static func isUTF8(_ path: String) throws -> Bool {
        guard let f = fopen(path, "rb") else {
            throw CSVError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(f) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var carried = 0   // bytes of a character cut at the last block's end, moved to the front
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress! + carried, 1, $0.count - carried, f) }
            let end = carried + n
            if n == 0 { return carried == 0 }
            // Check up to the last character that is surely complete; keep the rest for the next block.
            var cut = end
            var back = 0
            while back < 3 && cut > 0 && buffer[cut - 1] & 0xC0 == 0x80 { cut -= 1; back += 1 }
            if cut > 0, let lead = UTF8Lead.expectation(buffer[cut - 1]), lead.need > back {
                cut -= 1   // a lead byte whose continuation bytes are not all here yet
            } else {
                cut = end
            }
            let valid = buffer.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[0..<cut]), as: UTF8.self) != nil }
            guard valid else { return false }
            carried = end - cut
            for i in 0..<carried { buffer[i] = buffer[cut + i] }
        }
    }

    /// GB18030 → UTF-8 through glibc iconv, keeping a multibyte character cut at a block edge for the next block.
    static func transcodeGB18030(_ source: String, to target: String) throws {
        guard let input = fopen(source, "rb") else {
            throw CSVError.cannotOpen(path: source, reason: String(cString: strerror(errno)))
        }
        defer { fclose(input) }
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else {
            throw CSVError.cannotOpen(path: source, reason: "GB18030 is not available to iconv")
        }
        defer { iconv_close(cd) }
        let out = try OutputFile(path: target)
        var carry: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var converted = [UInt8](repeating: 0, count: 1 << 18)
        while true {
            let n = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
            var chunk = carry + block[0..<n]
            carry = []
            if chunk.isEmpty { break }
            var inLeft = chunk.count
            var outLeft = converted.count
            let failure: Int32? = chunk.withUnsafeMutableBytes { inRaw in
                converted.withUnsafeMutableBytes { outRaw in
                    var inPtr: UnsafeMutablePointer<CChar>? = inRaw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    var outPtr: UnsafeMutablePointer<CChar>? = outRaw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    while inLeft > 0 {
                        if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                            return errno
                        }
                    }
                    return nil
                }
            }
            try out.write(Array(converted[0..<(converted.count - outLeft)]))
            if let failure {
                // EINVAL: a character cut at the block's end; anything else is a byte GB18030 cannot hold.
                guard failure == EINVAL, n > 0 else {
                    out.abandon()
                    throw CSVError.malformed(path: source, row: 0, reason: "neither UTF-8 nor GB18030")
                }
                carry = Array(chunk[(chunk.count - inLeft)...])
            }
            if n == 0 { break }
        }
        try out.commit()
    }
}
