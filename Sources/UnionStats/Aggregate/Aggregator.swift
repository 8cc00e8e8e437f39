import Foundation

/// Folds figures into monthly totals, one figure at a time, keeping only the
/// totals (memory grows with months × regions × metrics, not with figures).
///
/// - flows with a month are summed per month × region × metric × unit, and
///   (with `rollup`) also into every parent region's row;
/// - levels keep the latest value in the month (by the figure's period end,
///   publication date, doc and line) and are not rolled up: adding up the
///   latest counts of different places taken on different days is not a
///   count of the parent, and a parent's own figure would be counted twice;
/// - a range (2-4次) counts its low end; any qualifier other than exact
///   (近, 余, 不足, 最高, a range) makes the total approximate, in its own column;
/// - rates, per-unit amounts, cumulative and undated figures are not folded
///   here at all (see `FigureRoute`); the caller lists them.
public struct Aggregator {
    public let rollup: Bool
    /// With `rollup`, also the totals `Aggregator(rollup: false)` gives (`directRows`), folded in
    /// the same pass: a figure's own region's cell has the key its direct cell has.
    public let alsoDirect: Bool
    /// The direct cells, and which of them each cell's own figures go to (-1: none yet).
    private var directCells: [Cell] = []
    private var directOf: [Int32] = []
    /// The cells and their keys, numbered by `cellNumbers` (a key's bytes, `ByteKey.Builder`).
    private var keys: [MonthlyKey] = []
    private var cells: [Cell] = []
    private var cellNumbers: ByteKeyTable
    private let keyBytes = ByteKey.Builder()
    /// Docs, sources and metric wordings as small numbers, each text once (`Names`): a cell
    /// compares numbers where it compared four strings of every figure at every rollup level.
    private let names = Names()
    /// The last figure's page (its `SourceRef`'s texts) and wording, and their numbers, reused by the
    /// next figure of its page. Kept field by field: a tuple of them (with a `SourceRef`) was copied
    /// out, compared by bytes and replaced, five texts retained and released, for every figure.
    private var hasLast = false
    private var lastDoc = "", lastHeadline = "", lastPublished = "", lastSource = "", lastMetricText = ""
    private var lastNumbers: (doc: Int32, source: Int32, metric: Int32) = (-1, -1, -1)

    /// Texts numbered as they are first met, and the order of those numbers' texts (byte order).
    final class Names: @unchecked Sendable {
        private(set) var docs: [String] = []
        private var docNumbers = ByteKeyTable()
        private(set) var sources: [SourceRef] = []
        private var sourceNumbers = ByteKeyTable()
        private(set) var metrics: [String] = []
        private var metricNumbers = ByteKeyTable()
        private let key = ByteKey.Builder()
        /// Names of lists of wordings, made (`joinedName`).
        var joinedNames: [[Int32]: String] = [:]
        var joinedPairs: [UInt64: String] = [:]

        func doc(_ text: String) -> Int32 {
            Names.number(text, in: &docNumbers, &docs, key: key) { $0.add(text) }
        }

        func source(_ ref: SourceRef) -> Int32 {
            Names.number(ref, in: &sourceNumbers, &sources, key: key) {
                $0.add(ref.published); $0.add(ref.source); $0.add(ref.doc); $0.add(ref.headline)
            }
        }

        func metric(_ text: String) -> Int32 {
            Names.number(text, in: &metricNumbers, &metrics, key: key) { $0.add(text) }
        }

        private static func number<T>(_ value: T, in table: inout ByteKeyTable, _ values: inout [T], key: ByteKey.Builder,
                                      _ layout: (ByteKey.Builder) -> Void) -> Int32 {
            key.clear()
            layout(key)
            let (n, isNew) = table.number(of: key)
            if isNew { values.append(value) }
            return Int32(n)
        }

        func docLess(_ a: Int32, _ b: Int32) -> Bool { TableSort.less(docs[Int(a)], docs[Int(b)]) }
        func sourceLess(_ a: Int32, _ b: Int32) -> Bool { sources[Int(a)] < sources[Int(b)] }
    }

    /// A metric's wordings (as `Names.metrics` numbers) and how often each was seen (a few per cell, so a list).
    /// The first is kept apart: most cells have one wording, and a list of it was an allocation per cell.
    struct Wordings {
        private var first: Int32 = -1
        private var firstCount = 0
        private var others: [(text: Int32, count: Int)] = []

        mutating func add(_ text: Int32) {
            if first == text || first < 0 {
                first = text
                firstCount += 1
            } else if let i = others.firstIndex(where: { $0.text == text }) {
                others[i].count += 1
            } else {
                others.append((text, 1))
            }
        }

        /// The one wording, when there is only one.
        var single: Int32? { first >= 0 && others.isEmpty ? first : nil }

        /// The two wordings and their counts, in the order first seen, when there are two.
        var pair: (a: (text: Int32, count: Int), b: (text: Int32, count: Int))? {
            guard others.count == 1 else { return nil }
            return (a: (text: first, count: firstCount), b: others[0])
        }

        /// Each wording and its count, in the order first seen.
        var counts: [(text: Int32, count: Int)] { first < 0 ? [] : [(first, firstCount)] + others }
    }

    struct Cell {
        var regionCode: String
        var metricTexts = Wordings()
        var metricID: String
        var value: Decimal = 0
        var figures = 0
        /// Qualifiers seen, one bit each (`Qualifier.allCases` order): a set per cell cost an allocation.
        var qualifiers: UInt8 = 0
        var docs: SampleList<Int32>
        var sources: SampleList<Int32>
        var direct = false
        /// For levels: the ordering stamp of the figure whose value is kept.
        var latest: (String, String, String, Int)? = nil
    }

    /// Docs named in a row's `sources` cell, and sources kept for the report; the rest are counted.
    public static let docLimit = 20
    public static let sourceLimit = 3

    /// `cells`: about how many rows to expect (the month before's count, say), so the table
    /// of cells is not grown and rehashed step by step.
    public init(rollup: Bool = true, cells expected: Int = 0, alsoDirect: Bool = false) {
        self.rollup = rollup
        self.alsoDirect = alsoDirect && rollup
        cellNumbers = ByteKeyTable(capacity: expected)
        keys.reserveCapacity(expected)
        cells.reserveCapacity(expected)
        // A figure's own cell has at most one direct cell: grown from empty, the list of cells
        // (large: texts, samples, stamps) was copied at every doubling.
        if self.alsoDirect {
            directCells.reserveCapacity(expected)
            directOf.reserveCapacity(expected)
        }
    }

    /// Adds a figure; returns where it belongs. Only `.monthly` figures are folded.
    @discardableResult
    public mutating func add(_ f: Figure) -> FigureRoute {
        let route = FigureRoute.of(f)
        guard route == .monthly else { return route }
        let metricKey = f.metricID.isEmpty ? f.metric : f.metricID
        var places = RollupChains.shared.chain(path: f.region.path, code: f.region.code, key: keyBytes)
        if places.isEmpty {
            places = [RegionRow(path: "", code: "", level: .province)]
        }
        // A page's figures come together: their doc and source are the figure before's.
        if hasLast && ByteString.equal(lastDoc, f.doc) && ByteString.equal(lastHeadline, f.headline)
            && ByteString.equal(lastPublished, f.published) && ByteString.equal(lastSource, f.source) {
            if !ByteString.equal(lastMetricText, f.metric) {
                lastNumbers.metric = names.metric(f.metric)
                lastMetricText = f.metric
            }
        } else {
            if !hasLast || !ByteString.equal(lastDoc, f.doc) { lastNumbers.doc = names.doc(f.doc) }
            lastNumbers.source = names.source(SourceRef(f))
            lastNumbers.metric = names.metric(f.metric)
            (lastDoc, lastHeadline, lastPublished, lastSource, lastMetricText) = (f.doc, f.headline, f.published, f.source, f.metric)
            hasLast = true
        }
        let numbers = lastNumbers
        let own = places.count - 1
        for (i, place) in places.enumerated() {
            if i != own && (!rollup || f.kind == .level) { continue }
            let level: RegionLevel? = f.region.path.isEmpty ? nil : place.level
            keyBytes.clear()
            keyBytes.add(f.period.month)
            MonthlyKey.layOut(region: place.path, level: level, metric: metricKey, unit: f.quantity.unit, kind: f.kind, into: keyBytes)
            let (index, isNew) = cellNumbers.number(of: keyBytes)
            if isNew {
                keys.append(MonthlyKey(month: f.period.month, region: place.path, level: level, metric: metricKey,
                                       unit: f.quantity.unit, kind: f.kind))
                // The first figure names the cell's code and metric id.
                cells.append(newCell(code: place.code, metricID: f.metricID))
                if alsoDirect { directOf.append(-1) }
            }
            Aggregator.fold(f, numbers, into: &cells[index], code: place.code, direct: i == own, names: names)
            if alsoDirect && i == own {
                if directOf[index] < 0 {
                    directOf[index] = Int32(directCells.count)
                    directCells.append(newCell(code: place.code, metricID: f.metricID))
                }
                Aggregator.fold(f, numbers, into: &directCells[Int(directOf[index])], code: place.code, direct: true, names: names)
            }
        }
        return route
    }

    private func newCell(code: String, metricID: String) -> Cell {
        Cell(regionCode: code, metricID: metricID,
             docs: SampleList(limit: Aggregator.docLimit), sources: SampleList(limit: Aggregator.sourceLimit))
    }

    private static func fold(_ f: Figure, _ numbers: (doc: Int32, source: Int32, metric: Int32), into cell: inout Cell,
                             code: String, direct: Bool, names: Names) {
        if cell.regionCode.isEmpty { cell.regionCode = code }
        cell.metricTexts.add(numbers.metric)
        cell.figures += 1
        cell.docs.insert(numbers.doc) { names.docLess($0, $1) }
        cell.sources.insert(numbers.source) { names.sourceLess($0, $1) }
        cell.direct = cell.direct || direct
        switch f.kind {
        case .level:
            let stamp = (f.period.end, f.published, f.doc, f.line)
            if let old = cell.latest, !Aggregator.later(stamp, than: old) {
                break
            }
            cell.latest = stamp
            cell.value = f.quantity.value
            // The kept value's own qualifier is what describes it; an earlier value read
            // later (an older page after a newer one) describes nothing in the row.
            cell.qualifiers = Aggregator.bit(f.quantity.qualifier)
        case .flow, .rate:
            cell.value = DecimalText.sum(cell.value, f.quantity.value)
            cell.qualifiers |= Aggregator.bit(f.quantity.qualifier)
        }
    }

    /// The qualifiers of each set of `bit`s, in raw-value order (as rows list them), made once.
    static let qualifierLists: [[Qualifier]] = (0..<64).map { bits in
        Qualifier.allCases.filter { UInt8(bits) & Aggregator.bit($0) != 0 }.sorted { $0.rawValue < $1.rawValue }
    }

    @inline(__always)
    static func bit(_ q: Qualifier) -> UInt8 {
        switch q {
        case .exact: return 1
        case .approx: return 2
        case .over: return 4
        case .under: return 8
        case .range: return 16
        case .max: return 32
        }
    }

    static func later(_ a: (String, String, String, Int), than b: (String, String, String, Int)) -> Bool {
        var c = ByteString.compare(a.0, b.0)
        if c == 0 { c = ByteString.compare(a.1, b.1) }
        if c == 0 { c = ByteString.compare(a.2, b.2) }
        return c != 0 ? c > 0 : a.3 > b.3
    }

    /// The rows, sorted by month, region path, level, metric, unit, kind.
    public func rows() -> [MonthlyRow] {
        rows(of: cells, keys: cells.indices.map { $0 })
    }

    /// With `alsoDirect`, the rows `Aggregator(rollup: false)` of the same figures gives:
    /// each region's own figures only.
    public func directRows() -> [MonthlyRow] {
        precondition(alsoDirect, "directRows of an aggregator without alsoDirect")
        var keyOf = [Int](repeating: 0, count: directCells.count)
        for (cell, direct) in directOf.enumerated() where direct >= 0 { keyOf[Int(direct)] = cell }
        return rows(of: directCells, keys: keyOf)
    }

    /// `(rows(), directRows())`, sorted once: a direct cell has the key of its cell, so the direct
    /// rows' order is the order of all rows without those that have no direct cell. A cell whose
    /// figures are all its own (as many as its direct cell's: the same figures folded the same way,
    /// every level, most places without parts named) gives its direct row as well: the row is
    /// shared, not made again (two lists allocated and every doc and source retained).
    public func rowsAndDirectRows() -> (rows: [MonthlyRow], direct: [MonthlyRow]) {
        precondition(alsoDirect, "rowsAndDirectRows of an aggregator without alsoDirect")
        let order = keys.withUnsafeBufferPointer { keys in MonthlyRow.tableOrder(cells.count) { keys[$0] } }
        let rows = order.map { makeRow(of: cells, $0, key: $0) }
        var direct: [MonthlyRow] = []
        direct.reserveCapacity(directCells.count)
        for (k, i) in order.enumerated() where directOf[i] >= 0 {
            let d = Int(directOf[i])
            if directCells[d].figures == cells[i].figures {
                direct.append(rows[k])
            } else {
                direct.append(makeRow(of: directCells, d, key: i))
            }
        }
        return (rows, direct)
    }

    /// The rows of `cells`, whose keys are `keys[keyOf[i]]`, sorted by month, region path, level, metric, unit, kind.
    private func rows(of cells: [Cell], keys keyOf: [Int]) -> [MonthlyRow] {
        // The order is found from the keys, and the rows made in it (moving made rows costs a retain per field).
        let order = keys.withUnsafeBufferPointer { keys in MonthlyRow.tableOrder(cells.count) { keys[keyOf[$0]] } }
        return order.map { makeRow(of: cells, $0, key: keyOf[$0]) }
    }

    /// The row of `cells[i]` with the key `keys[key]`.
    @inline(__always)
    private func makeRow(of cells: [Cell], _ i: Int, key: Int) -> MonthlyRow {
        // Fields read from the arrays in place: a cell or key bound to a local was a copy of all its fields.
        MonthlyRow(key: keys[key], regionCode: cells[i].regionCode,
                   metric: metricName(cells[i].metricTexts, keyMetric: keys[key].metric), metricID: cells[i].metricID,
                   value: cells[i].value, figures: cells[i].figures,
                   qualifiers: Aggregator.qualifierLists[Int(cells[i].qualifiers)],
                   docs: cells[i].docs.map { names.docs[Int($0)] }, docCount: cells[i].docs.count,
                   sources: cells[i].sources.map { names.sources[Int($0)] }, sourceCount: cells[i].sources.count,
                   direct: cells[i].direct)
    }

    /// A row's metric name: its wordings, most frequent first (ties by byte order), so a
    /// total of 金奖 and 优秀奖 under one metric id is not labelled as either alone.
    private func metricName(_ texts: Wordings, keyMetric: String) -> String {
        if let single = texts.single { return names.metrics[Int(single)] }   // most cells: one wording, which names the row
        // Most of the rest: two, ordered and named without a list of counts, its sorted copy and its map.
        if let (a, b) = texts.pair { return names.joinedName(Aggregator.pairOrder(a, b, metrics: names.metrics)) }
        let order = Aggregator.wordingOrder(texts.counts, metrics: names.metrics)
        guard !order.isEmpty else { return keyMetric }
        return names.joinedName(order)
    }

    /// Wordings most frequent first, ties by byte order of their texts (`metrics`).
    static func wordingOrder(_ counts: [(text: Int32, count: Int)], metrics: [String]) -> [Int32] {
        counts.sorted { a, b in
            a.count != b.count ? a.count > b.count : TableSort.less(metrics[Int(a.text)], metrics[Int(b.text)])
        }.map(\.text)
    }

    /// `wordingOrder` of two distinct wordings.
    static func pairOrder(_ a: (text: Int32, count: Int), _ b: (text: Int32, count: Int), metrics: [String]) -> (Int32, Int32) {
        let aFirst = a.count != b.count ? a.count > b.count : TableSort.less(metrics[Int(a.text)], metrics[Int(b.text)])
        return aFirst ? (a.text, b.text) : (b.text, a.text)
    }
}

extension Aggregator.Names {
    /// The name of the wordings `order` (`Names.metrics` numbers, most frequent first), made once
    /// per list: a region's own cell (`alsoDirect`) and its parents' often have the same wordings.
    /// `joinedName([x, y])`, kept by the pair (a number, not a list, to hash).
    func joinedName(_ pair: (Int32, Int32)) -> String {
        let key = UInt64(UInt32(bitPattern: pair.0)) << 32 | UInt64(UInt32(bitPattern: pair.1))
        if let known = joinedPairs[key] { return known }
        let name = joinedName([pair.0, pair.1])
        joinedPairs[key] = name
        return name
    }

    func joinedName(_ order: [Int32]) -> String {
        if let known = joinedNames[order] { return known }
        let name = Aggregator.Names.joinedName(order.map { metrics[Int($0)] })
        joinedNames[order] = name
        return name
    }

    /// Wordings (not empty), most frequent first, as one name: the first three that are not
    /// a wording of another joined by 、, 等 after more.
    static func joinedName(_ wordings: [String]) -> String {
        // 沟通会 is a wording of 职工沟通会; 金奖 and 优秀奖 are two things.
        var distinct: [String] = []
        for w in wordings where !distinct.contains(where: { TextClasses.contains($0, w) || TextClasses.contains(w, $0) }) {
            distinct.append(w)
        }
        // The first three joined by 、 (appended: `joined` of a slice cost thousands of instructions), 等 after more.
        var name = distinct[0]
        for w in distinct[1..<min(3, distinct.count)] {
            name += "、"
            name += w
        }
        return distinct.count > 3 ? name + "等" : name
    }
}

extension MonthlyRow {
    /// The indices of `rows` in table order (`sortLess`). Each key is laid out once as
    /// bytes that sort in that order (fields ended by 0x00, the level as one byte), so a
    /// comparison is one memcmp instead of five string compares; a key with a NUL byte
    /// in a field (which would break that layout) sorts all of them with `sortLess`.
    static func tableOrder(_ rows: [MonthlyRow]) -> [Int] {
        rows.withUnsafeBufferPointer { buf in tableOrder(buf.count) { buf[$0].key } }
    }

    /// `tableOrder` of `count` keys, the `i`-th given by `key(i)` (read in place, not copied out).
    static func tableOrder(_ count: Int, _ key: (Int) -> MonthlyKey) -> [Int] {
        var keys = ByteSortKeys(count: count, bytesPerKey: 48)
        for i in 0..<count {
            key(i).layOutSortKey(into: &keys)
            keys.endKey()
        }
        guard keys.laidOut else { return (0..<count).sorted { sortLess(key($0), key($1)) } }
        return keys.order()
    }

    /// Table order: month, region, level (none first, then province to street),
    /// metric, unit, kind; text in byte order.
    static func sortLess(_ a: borrowing MonthlyKey, _ b: borrowing MonthlyKey) -> Bool {
        var c = ByteString.compare(a.month, b.month)
        if c != 0 { return c < 0 }
        c = ByteString.compare(a.region, b.region)
        if c != 0 { return c < 0 }
        let la = a.level?.rank ?? -1, lb = b.level?.rank ?? -1
        if la != lb { return la < lb }
        c = ByteString.compare(a.metric, b.metric)
        if c != 0 { return c < 0 }
        c = ByteString.compare(a.unit, b.unit)
        if c != 0 { return c < 0 }
        return TableSort.less(a.kind.rawValue, b.kind.rawValue)
    }
}

/// `Rollup.chain` of the regions any aggregator of the process has met: a month's
/// aggregator (one per month, for the tables and for the reports) meets the same few
/// thousand places as the month before. Bounded: region paths come from the gazetteer.
final class RollupChains: @unchecked Sendable {
    static let shared = RollupChains()
    static let limit = 200_000
    private let lock = NSLock()
    private var numbers = ByteKeyTable(capacity: 1024)
    private var chains: [[RegionRow]] = []

    /// The chain of the region `path` with `code`; `key` is scratch space for its key.
    func chain(path: String, code: String, key: ByteKey.Builder = ByteKey.Builder()) -> [RegionRow] {
        key.clear()
        key.add(path)
        key.add(code)
        lock.lock()
        defer { lock.unlock() }
        if let n = numbers.find(key) { return chains[n] }
        let made = Rollup.chain(path: path, code: code)
        if chains.count < RollupChains.limit {
            _ = numbers.number(of: key)
            chains.append(made)
        }
        return made
    }
}

extension MonthlyKey {
    /// Lays out the key but its month in `builder` (cleared first): rows of two months compared.
    func layOutWithoutMonth(_ builder: ByteKey.Builder) {
        builder.clear()
        MonthlyKey.layOut(region: region, level: level, metric: metric, unit: unit, kind: kind, into: builder)
    }

    /// A key's bytes but its month (`ByteKeyTable`), from its parts.
    @inline(__always)
    static func layOut(region: String, level: RegionLevel?, metric: String, unit: String, kind: MetricKind, into builder: ByteKey.Builder) {
        builder.add(region)
        builder.add(code: level.map { UInt8($0.rank + 1) } ?? 0)
        builder.add(metric)
        builder.add(unit)
        builder.add(code: kind.code)
    }

    /// Lays out the key (`ByteSortKeys`) so that byte order is `MonthlyRow.sortLess`'s: month,
    /// region, the level as one byte (none first), metric, unit, then the kind.
    func layOutSortKey(into keys: inout ByteSortKeys) {
        keys.add(text: month)
        keys.add(text: region)
        keys.add(code: UInt8(truncatingIfNeeded: (level?.rank ?? -1) + 2))
        keys.add(text: metric)
        keys.add(text: unit)
        keys.add(last: kind.rawValue)
    }
}
