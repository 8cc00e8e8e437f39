import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A figure waiting in a scratch file (`PartitionSpill`) for its month, with its
/// route; the sentence and organization are not kept (no table or report shows them).
///
/// Binary, because it never leaves the process: numbers and enums as they are in
/// memory, text as length and bytes. The text records (`PartitionSpill.encode`)
/// formatted both values and both counters on the way in and parsed them on the way
/// out, for every figure twice (tables and reports), and cut a field at 0x1F or 0x1E.
///
/// A record: its length (UInt32, of what follows), then route, kind and qualifier
/// (one byte each), whether there is a high value (one byte), article and line
/// (Int64), value and high value (`Decimal`'s bytes), then the texts (`texts`
/// order), each a UInt32 length and its UTF-8 bytes.
enum FigureRecord {
    /// The texts in record order; `Slot` names them.
    enum Slot: Int, CaseIterable {
        case doc, headline, published, source, raw, unit, per, metric, metricID,
             regionPath, regionCode, periodLabel, periodStart, periodEnd, month
    }

    static let decimalSize = MemoryLayout<Decimal>.size
    /// Bytes from the route byte to the first text.
    static let fixedSize = 4 + 8 + 8 + 2 * decimalSize

    private static let routes: [FigureRoute] = [.monthly, .rate, .cumulative, .undated]
    static var routeCount: Int { routes.count }
    static func index(of route: FigureRoute) -> Int {
        switch route {
        case .monthly: return 0
        case .rate: return 1
        case .cumulative: return 2
        case .undated: return 3
        }
    }

    /// The qualifier's place in `Qualifier.allCases` (`qualifiers`).
    @inline(__always)
    static func code(_ q: Qualifier) -> UInt8 {
        switch q {
        case .exact: return 0
        case .approx: return 1
        case .over: return 2
        case .under: return 3
        case .range: return 4
        case .max: return 5
        }
    }
    static func route(at index: Int) -> FigureRoute { routes[index] }
    private static let kinds: [MetricKind] = MetricKind.allCases
    private static let qualifiers: [Qualifier] = Qualifier.allCases

    /// Calls `body` with the figure's texts in record order.
    @inline(__always)
    private static func forEachText(_ f: Figure, _ body: (String) -> Void) {
        body(f.doc); body(f.headline); body(f.published); body(f.source); body(f.raw)
        body(f.quantity.unit); body(f.quantity.per); body(f.metric); body(f.metricID)
        body(f.region.path); body(f.region.code); body(f.period.label); body(f.period.start); body(f.period.end)
        body(f.period.month)
    }

    /// A text's length that means "the record before's text": a page's figures share their page's
    /// doc, headline, date, source, month…, and writing (and reading back) the same bytes again
    /// cost more than the test for the same String.
    static let sameAsBefore = UInt32.max

    /// Appends the record of `f` going to `route`. `previous`: the figure of the record just
    /// before it in the same bytes, whose equal texts are written as `sameAsBefore` (the
    /// reader must have read that record: the caller keeps them together). A pointer: an optional
    /// `Figure` was a copy, which retained and released its twenty texts.
    static func encode<Sink: ByteAppending>(_ f: Figure, route: FigureRoute, after previous: UnsafePointer<Figure>? = nil,
                                            into bytes: inout Sink) {
        var length = fixedSize
        if let previous {
            length += changedLength(f, after: previous.pointee)
        } else {
            forEachText(f) { length += 4 + $0.utf8.count }
        }
        append(UInt32(length), to: &bytes)
        withUnsafeTemporaryAllocation(byteCount: fixedSize, alignment: 8) { fixed in
            writeFixed(route: route, kind: f.kind, qualifier: f.quantity.qualifier, article: f.article, line: f.line,
                       value: f.quantity.value, valueMax: f.quantity.valueMax, at: fixed.baseAddress!)
            bytes.appendBytes(UnsafeRawBufferPointer(fixed))
        }
        if let previous {
            appendTexts(f, after: previous.pointee, to: &bytes)
        } else {
            forEachText(f) { appendText($0, to: &bytes) }
        }
    }

    /// The fixed part of a figure's record, from the route byte to the high value (`fixedSize`
    /// bytes), written at `p`: the one writer of it for both encoders (`encode`, and
    /// `FigureRowRecord`, which copies the texts from the figure's figures.csv row). The fields
    /// one by one, not the `Figure`: a figure passed from behind a pointer was copied, its
    /// twenty texts retained and released.
    @inline(__always)
    static func writeFixed(route: FigureRoute, kind: MetricKind, qualifier: Qualifier, article: Int, line: Int,
                           value: Decimal, valueMax: Decimal?, at p: UnsafeMutableRawPointer) {
        p.storeBytes(of: UInt8(index(of: route)), as: UInt8.self)
        p.storeBytes(of: kind.code, toByteOffset: 1, as: UInt8.self)
        p.storeBytes(of: code(qualifier), toByteOffset: 2, as: UInt8.self)
        p.storeBytes(of: valueMax == nil ? 0 : 1, toByteOffset: 3, as: UInt8.self)
        p.storeBytes(of: Int64(article), toByteOffset: 4, as: Int64.self)
        p.storeBytes(of: Int64(line), toByteOffset: 12, as: Int64.self)
        withUnsafeBytes(of: value) { (p + 20).copyMemory(from: $0.baseAddress!, byteCount: decimalSize) }
        withUnsafeBytes(of: valueMax ?? Decimal()) { (p + 20 + decimalSize).copyMemory(from: $0.baseAddress!, byteCount: decimalSize) }
    }

    /// The texts' bytes after `g`'s (borrowed: a copy retained and released its texts).
    private static func changedLength(_ f: borrowing Figure, after g: borrowing Figure) -> Int {
        var length = 0
        forEachText(f, g) { t, p in length += 4 + (ByteString.sameValue(t, p) ? 0 : t.utf8.count) }
        return length
    }

    private static func appendTexts<Sink: ByteAppending>(_ f: borrowing Figure, after g: borrowing Figure, to bytes: inout Sink) {
        forEachText(f, g) { t, p in
            if ByteString.sameValue(t, p) { append(sameAsBefore, to: &bytes) } else { appendText(t, to: &bytes) }
        }
    }

    @inline(__always)
    private static func appendText<Sink: ByteAppending>(_ t: String, to bytes: inout Sink) {
        ByteString.withUTF8(t) { b in
            append(UInt32(b.count), to: &bytes)
            bytes.appendBytes(b)
        }
    }

    /// Calls `body` with the texts of two figures, slot by slot.
    @inline(__always)
    private static func forEachText(_ f: borrowing Figure, _ g: borrowing Figure, _ body: (String, String) -> Void) {
        body(f.doc, g.doc); body(f.headline, g.headline); body(f.published, g.published); body(f.source, g.source)
        body(f.raw, g.raw); body(f.quantity.unit, g.quantity.unit); body(f.quantity.per, g.quantity.per)
        body(f.metric, g.metric); body(f.metricID, g.metricID); body(f.region.path, g.region.path)
        body(f.region.code, g.region.code); body(f.period.label, g.period.label); body(f.period.start, g.period.start)
        body(f.period.end, g.period.end); body(f.period.month, g.period.month)
    }

    @inline(__always)
    private static func append<Sink: ByteAppending, T>(_ value: T, to bytes: inout Sink) {
        withUnsafeBytes(of: value) { bytes.appendBytes($0) }
    }

    /// Calls `body` with each record's route and figure, in order; with `route`, only
    /// the records of that route are read. `source` names the bytes in an error: a
    /// record that does not read back means a damaged scratch file, and the run stops
    /// rather than leave a figure out of a total.
    static func forEach(in chunk: UnsafeRawBufferPointer, route wanted: FigureRoute? = nil, source: String,
                        _ body: (FigureRoute, Figure) throws -> Void) throws {
        var reader = Reader()
        try forEach(in: chunk, route: wanted, source: source, reader: &reader) { try body($0, $1) }
    }

    /// `forEach` with a reader kept from chunk to chunk (a partition's file, then its buffer),
    /// so that texts read in one are not made again in the next. `body` owns each figure: a list
    /// keeps it without a copy (a copy retained its twenty texts, and freeing the original released them).
    static func forEach(in chunk: UnsafeRawBufferPointer, route wanted: FigureRoute? = nil, source: String,
                        reader: inout Reader, _ body: (FigureRoute, consuming Figure) throws -> Void) throws {
        // Every record is read, wanted or not: the next record's texts may be this one's (`sameAsBefore`).
        try forEachLent(in: chunk, source: source, reader: &reader) { route, f in
            if let wanted, route != wanted { return }
            try body(route, copy f)
        }
    }

    /// `forEach` of every record, each figure lent to `body` as read (the reader's `current`):
    /// what folds a figure and forgets it takes no copy of its texts (a copy retained each
    /// text, and letting it go released them again).
    static func forEachLent(in chunk: UnsafeRawBufferPointer, source: String, reader: inout Reader,
                            _ body: (FigureRoute, borrowing Figure) throws -> Void) throws {
        reader.startChunk()
        var at = 0
        var number = 0
        while at < chunk.count {
            number += 1
            let route = try read(chunk, at: &at, number: number, source: source, into: &reader)
            try body(route, reader.current)
        }
    }

    /// Reads the record at `at` (the `number`-th of the chunk) into `reader.current`, moves `at`
    /// past it, and returns its route.
    @inline(__always)
    private static func read(_ chunk: UnsafeRawBufferPointer, at: inout Int, number: Int, source: String,
                             into reader: inout Reader) throws -> FigureRoute {
        guard chunk.count - at >= 4 else { throw damaged(source, number) }
        let length = Int(chunk.loadUnaligned(fromByteOffset: at, as: UInt32.self))
        let start = at + 4
        at = start + length
        guard length >= fixedSize, at <= chunk.count else { throw damaged(source, number) }
        let codes = (chunk[start], chunk[start + 1], chunk[start + 2], chunk[start + 3])
        guard Int(codes.0) < routes.count, Int(codes.1) < kinds.count, Int(codes.2) < qualifiers.count else {
            throw damaged(source, number)
        }
        let record = UnsafeRawBufferPointer(rebasing: chunk[start..<at])
        guard reader.read(record, kind: kinds[Int(codes.1)], qualifier: qualifiers[Int(codes.2)], hasMax: codes.3 != 0) else {
            throw damaged(source, number)
        }
        return routes[Int(codes.0)]
    }

    /// How many whole records of each route (`index(of:)`) the chunk holds, from their lengths and
    /// route bytes alone; what does not read as a record is left to `forEach` to report.
    static func countByRoute(in chunk: UnsafeRawBufferPointer) -> [Int] {
        var counts = [Int](repeating: 0, count: routes.count)
        var at = 0
        while chunk.count - at >= 4 {
            let start = at + 4
            at = start + Int(chunk.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            guard at <= chunk.count, at > start else { break }
            let route = Int(chunk[start])
            if route < counts.count { counts[route] += 1 }
        }
        return counts
    }

    private static func damaged(_ source: String, _ number: Int) -> CSVError {
        CSVError.malformed(path: source, row: number, reason: "a scratch record cannot be read back")
    }

    /// Reads records one after the other. A page's figures come together, so most of a
    /// record's texts (doc, date, source, month, unit…) are the previous record's, and their
    /// strings are reused; other texts are made once per reader (`TextInterner`, `ShortTexts`).
    struct Reader {
        /// The figure of the record read last. Its texts stay from record to record and are set
        /// again only where they change (a figure made from a list of them retained every text).
        private(set) var current = Figure(doc: "", article: 0, headline: "", published: "", source: "", line: 0, raw: "",
                                          quantity: Quantity(value: 0, unit: ""), metric: "", metricID: "", kind: .flow,
                                          region: Region(), organization: "", period: Period(), sentence: "")
        private var previousBytes = [UnsafeRawBufferPointer](repeating: UnsafeRawBufferPointer(start: nil, count: 0), count: Slot.allCases.count)
        /// Texts made, by their bytes: short ones (units, dates, codes: most of the texts that change
        /// from record to record) and the others. Handed from reader to reader (`handOn`, `Texts`).
        private var interner: TextInterner
        private var shortTexts: ShortTexts
        /// Whether `raw` is made; a month's tables and report never show it, and it is the one
        /// text that differs in every record (a String made per figure for nothing).
        private let keepsRaw: Bool
        /// Whether a record of this chunk was read (what `sameAsBefore` refers to).
        private var hasPrevious = false

        init(keepsRaw: Bool = true) {
            self.keepsRaw = keepsRaw
            (interner, shortTexts) = Texts.shared.take()
        }

        /// Hands the texts it made on to the next reader (`Texts`); it reads no more.
        mutating func handOn() {
            let tables = (interner, shortTexts)
            (interner, shortTexts) = (TextInterner(), .placeholder)
            Texts.shared.give(tables)
        }

        /// The texts of the readers before: a month's pages, places, metrics and units are mostly
        /// those of the months before it. One pair of tables per reader at a time (two months are
        /// read at once); the texts' table starts again when it has grown past `limit`, so memory
        /// does not grow with the corpus.
        final class Texts: @unchecked Sendable {
            static let shared = Texts()
            static let limit = 1 << 15
            private let lock = NSLock()
            private var tables: [(TextInterner, ShortTexts)] = []

            func take() -> (TextInterner, ShortTexts) {
                lock.lock()
                defer { lock.unlock() }
                return tables.popLast() ?? (TextInterner(), ShortTexts())
            }

            func give(_ t: (TextInterner, ShortTexts)) {
                guard !t.1.isPlaceholder else { return }
                let kept = t.0.count > Texts.limit ? (TextInterner(), t.1) : t
                lock.lock()
                defer { lock.unlock() }
                if tables.count < 4 { tables.append(kept) }
            }
        }

        /// Forgets the previous record's bytes, which belong to the chunk before (an empty
        /// text is still the previous one's: "").
        mutating func startChunk() {
            hasPrevious = false
            for slot in previousBytes.indices {
                previousBytes[slot] = UnsafeRawBufferPointer(start: nil, count: 0)
                set(slot, "")
            }
        }

        /// Reads record `r` into `current`; false if it does not read back.
        mutating func read(_ r: UnsafeRawBufferPointer, kind: MetricKind, qualifier: Qualifier, hasMax: Bool) -> Bool {
            var at = 4
            let article = r.loadUnaligned(fromByteOffset: at, as: Int64.self); at += 8
            let line = r.loadUnaligned(fromByteOffset: at, as: Int64.self); at += 8
            current.quantity.value = FigureRecord.decimal(r, at); at += FigureRecord.decimalSize
            current.quantity.valueMax = hasMax ? FigureRecord.decimal(r, at) : nil; at += FigureRecord.decimalSize
            current.article = Int(article)
            current.line = Int(line)
            current.kind = kind
            current.quantity.qualifier = qualifier
            for slot in 0..<Slot.allCases.count {
                guard r.count - at >= 4 else { return false }
                let length = r.loadUnaligned(fromByteOffset: at, as: UInt32.self)
                at += 4
                if length == FigureRecord.sameAsBefore {
                    guard hasPrevious else { return false }
                    continue
                }
                let n = Int(length)
                guard r.count - at >= n else { return false }
                let bytes = UnsafeRawBufferPointer(rebasing: r[at..<(at + n)])
                at += n
                if !keepsRaw && slot == Slot.raw.rawValue { continue }
                let before = previousBytes[slot]
                // After the loop `current` holds this record's texts.
                if before.count != n || (n > 0 && memcmp(before.baseAddress!, bytes.baseAddress!, n) != 0) {
                    set(slot, n <= ShortTexts.maxLength
                        ? shortTexts.string(at: bytes.baseAddress ?? r.baseAddress!, count: n, canReadSixteen: r.count - (at - n) >= 16)
                        : interner.string(bytes))
                    previousBytes[slot] = bytes
                }
            }
            guard at == r.count else { return false }
            hasPrevious = true
            return true
        }

        /// Sets the text of `slot` (`Slot` order) in `current`.
        @inline(__always)
        private mutating func set(_ slot: Int, _ text: String) {
            switch slot {
            case 0: current.doc = text
            case 1: current.headline = text
            case 2: current.published = text
            case 3: current.source = text
            case 4: current.raw = text
            case 5: current.quantity.unit = text
            case 6: current.quantity.per = text
            case 7: current.metric = text
            case 8: current.metricID = text
            case 9: current.region.path = text
            case 10: current.region.code = text
            case 11: current.period.label = text
            case 12: current.period.start = text
            case 13: current.period.end = text
            default: current.period.month = text
            }
        }
    }

    private static func decimal(_ r: UnsafeRawBufferPointer, _ at: Int) -> Decimal {
        var d = Decimal()
        withUnsafeMutableBytes(of: &d) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: r[at..<(at + decimalSize)])) }
        return d
    }
}

extension PartitionSpill {
    /// Appends a figure with where it goes (`FigureRecord`).
    func add(_ f: Figure, route: FigureRoute, to partition: String) throws {
        try add(to: partition) { FigureRecord.encode(f, route: route, into: &$0) }
    }

    /// The partition's figures with their routes, in the order they were added; its file is removed.
    func takeFigures(_ partition: String, _ body: (FigureRoute, Figure) throws -> Void) throws {
        try takeBytes(partition) { try FigureRecord.forEach(in: $0, source: directory, body) }
    }

    /// The partition's figures in the order they were added, leaving them in place (after `seal`),
    /// each lent to `body` as it is read (`FigureRecord.forEachLent`: no copy of its texts); without
    /// `raw` unless `keepingRaw`. `start` is told first how many figures of each route there are
    /// (by `FigureRecord.index(of:)`), so that what keeps or folds them can make room once.
    func forEachFigure(_ partition: String, keepingRaw: Bool = true, start: ([Int]) throws -> Void,
                       _ body: (FigureRoute, borrowing Figure) throws -> Void) throws {
        var reader = FigureRecord.Reader(keepsRaw: keepingRaw)
        try withBytes(partition) { file, buffer in
            var counts = FigureRecord.countByRoute(in: file)
            for (i, n) in FigureRecord.countByRoute(in: buffer).enumerated() { counts[i] += n }
            try start(counts)
            try FigureRecord.forEachLent(in: file, source: directory, reader: &reader, body)
            try FigureRecord.forEachLent(in: buffer, source: directory, reader: &reader, body)
        }
        reader.handOn()
    }
}
