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
        reader.startChunk()
        var at = 0
        var number = 0
        while at < chunk.count {
            number += 1
            guard chunk.count - at >= 4 else { throw damaged(source, number) }
            let length = Int(chunk.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            let start = at + 4
            at = start + length
            guard length >= fixedSize, at <= chunk.count else { throw damaged(source, number) }
            let codes = (chunk[start], chunk[start + 1], chunk[start + 2], chunk[start + 3])
            guard Int(codes.0) < routes.count, Int(codes.1) < kinds.count, Int(codes.2) < qualifiers.count else {
                throw damaged(source, number)
            }
            let route = routes[Int(codes.0)]
            let record = UnsafeRawBufferPointer(rebasing: chunk[start..<at])
            // Read even when not wanted: the next record's texts may be this one's (`sameAsBefore`).
            guard let f = reader.figure(record, kind: kinds[Int(codes.1)], qualifier: qualifiers[Int(codes.2)],
                                        hasMax: codes.3 != 0) else { throw damaged(source, number) }
            if let wanted, route != wanted { continue }
            try body(route, f)
        }
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
    /// strings are reused; other texts are made once per reader (`TextInterner`).
    struct Reader {
        private var previous = [String](repeating: "", count: Slot.allCases.count)
        private var previousBytes = [UnsafeRawBufferPointer](repeating: UnsafeRawBufferPointer(start: nil, count: 0), count: Slot.allCases.count)
        private var interner = TextInterner()
        /// Whether `raw` is made; a month's tables and report never show it, and it is the one
        /// text that differs in every record (a String made per figure for nothing).
        private let keepsRaw: Bool
        /// Whether a record of this chunk was read (what `sameAsBefore` refers to).
        private var hasPrevious = false

        init(keepsRaw: Bool = true) { self.keepsRaw = keepsRaw }

        /// Forgets the previous record's bytes, which belong to the chunk before (an empty
        /// text is still the previous one's: "").
        mutating func startChunk() {
            hasPrevious = false
            for slot in previousBytes.indices { previousBytes[slot] = UnsafeRawBufferPointer(start: nil, count: 0) }
            for slot in previous.indices { previous[slot] = "" }
        }

        mutating func figure(_ r: UnsafeRawBufferPointer, kind: MetricKind, qualifier: Qualifier, hasMax: Bool) -> Figure? {
            var at = 4
            let article = r.loadUnaligned(fromByteOffset: at, as: Int64.self); at += 8
            let line = r.loadUnaligned(fromByteOffset: at, as: Int64.self); at += 8
            let value = FigureRecord.decimal(r, at); at += FigureRecord.decimalSize
            let valueMax = hasMax ? FigureRecord.decimal(r, at) : nil; at += FigureRecord.decimalSize
            for slot in 0..<Slot.allCases.count {
                guard r.count - at >= 4 else { return nil }
                let length = r.loadUnaligned(fromByteOffset: at, as: UInt32.self)
                at += 4
                if length == FigureRecord.sameAsBefore {
                    guard hasPrevious else { return nil }
                    continue
                }
                let n = Int(length)
                guard r.count - at >= n else { return nil }
                let bytes = UnsafeRawBufferPointer(rebasing: r[at..<(at + n)])
                at += n
                if !keepsRaw && slot == Slot.raw.rawValue { continue }
                let before = previousBytes[slot]
                // After the loop `previous` holds this record's texts.
                if before.count != n || (n > 0 && memcmp(before.baseAddress!, bytes.baseAddress!, n) != 0) {
                    previous[slot] = interner.string(bytes)
                    previousBytes[slot] = bytes
                }
            }
            guard at == r.count else { return nil }
            hasPrevious = true
            let t = previous
            return Figure(doc: t[0], article: Int(article), headline: t[1], published: t[2], source: t[3], line: Int(line),
                          raw: t[4], quantity: Quantity(value: value, valueMax: valueMax, unit: t[5], qualifier: qualifier, per: t[6]),
                          metric: t[7], metricID: t[8], kind: kind, region: Region(path: t[9], code: t[10]), organization: "",
                          period: Period(label: t[11], start: t[12], end: t[13], month: t[14]), sentence: "")
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

    /// The partition's figures by route (of `route` only, if given), leaving them in place (after `seal`);
    /// without `raw` unless `keepingRaw` (no month's table or report shows it).
    func readFigures(_ partition: String, route: FigureRoute? = nil, keepingRaw: Bool = true) throws -> [FigureRoute: [Figure]] {
        // Gathered by the route's place in `FigureRecord`'s list, then keyed once.
        var lists: [[Figure]] = Array(repeating: [], count: FigureRecord.routeCount)
        var reader = FigureRecord.Reader(keepsRaw: keepingRaw)
        try readBytes(partition) { chunk in
            // Room for the chunk's figures first: a list grown by doubling moved every figure made so far.
            let counts = FigureRecord.countByRoute(in: chunk)
            for i in lists.indices where counts[i] > 0 && (route == nil || FigureRecord.route(at: i) == route) {
                lists[i].reserveCapacity(lists[i].count + counts[i])
            }
            try FigureRecord.forEach(in: chunk, route: route, source: directory, reader: &reader) { r, f in
                lists[FigureRecord.index(of: r)].append(f)
            }
        }
        var byRoute: [FigureRoute: [Figure]] = [:]
        for (i, list) in lists.enumerated() where !list.isEmpty { byRoute[FigureRecord.route(at: i)] = list }
        return byRoute
    }
}
