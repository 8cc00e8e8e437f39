import Foundation
import XCTest
@testable import UnionStats

private extension FigureRoute {
    /// The routes in `FigureRecord.index(of:)` order.
    static let allCasesInRecordOrder: [FigureRoute] = [.monthly, .rate, .cumulative, .undated]
}

final class PartitionSpillTests: XCTestCase {
    func testRecordsComeBackByPartitionInOrderAcrossFlushes() throws {
        let dir = try Tool.temporaryDirectory("spill")
        let spill = try PartitionSpill(parent: dir, name: "t")
        // Enough records to flush several times; partition names that are not file names.
        var expected: [String: [[String]]] = [:]
        for i in 0..<60_000 {
            let partition = ["2020-11", "", "北京市/", "a/b"][i % 4]
            let record = ["\(i)", "朝阳区\(i % 7)", "", "x\u{1F}y\u{1E}z"]
            try spill.add(record, to: partition)
            expected[partition, default: []].append(["\(i)", "朝阳区\(i % 7)", "", "x y z"])
        }
        XCTAssertEqual(Set(spill.partitions), Set(expected.keys))
        for (partition, records) in expected {
            XCTAssertEqual(try spill.take(partition), records, partition)
            XCTAssertEqual(try spill.take(partition), [], "taken once")
        }
        spill.remove()
        XCTAssertFalse(FilePaths.exists(spill.directory))
    }

    /// Records come back the same whether they went to files (a small budget) or stayed
    /// in memory (a large one), encoded or not, and nothing is written while they fit.
    func testTheMemoryBudgetDecidesOnlyWhereRecordsWait() throws {
        let dir = try Tool.temporaryDirectory("spill")
        let small = try PartitionSpill(parent: dir, name: "small", flushSize: 100)
        let large = try PartitionSpill(parent: dir, name: "large", flushSize: 1 << 30)
        for i in 0..<2_000 {
            let record = ["\(i)", i % 3 == 0 ? "monthly" : "rate"]
            var encoded: [UInt8] = []
            PartitionSpill.encode(record, into: &encoded)
            try small.add(record, to: "p\(i % 5)")
            try large.add(encoded: encoded[...], to: "p\(i % 5)")
        }
        XCTAssertGreaterThan(try FilePaths.list(small.directory).count, 0, "a small budget writes files")
        XCTAssertEqual(try FilePaths.list(large.directory), [], "records that fit the budget are not written")
        try small.seal()
        try large.seal()
        for p in (0..<5).map({ "p\($0)" }) {
            XCTAssertEqual(try small.read(p), try large.read(p), p)
            XCTAssertEqual(try small.read(p, whereLastFieldIs: "monthly"), try large.read(p, whereLastFieldIs: "monthly"), p)
            XCTAssertEqual(try large.read(p).count, 400)
        }
    }

    func testReadInPlaceFiltersOnTheLastField() throws {
        let dir = try Tool.temporaryDirectory("spill")
        let spill = try PartitionSpill(parent: dir, name: "r")
        let records = [["a", "monthly"], ["b", "xmonthly"], ["monthly"], ["c", "rate"], ["d", "monthly", "rate"], ["e", "monthly"]]
        for r in records { try spill.add(r, to: "m") }
        try spill.seal()
        XCTAssertEqual(try spill.read("m", whereLastFieldIs: "monthly"), [["a", "monthly"], ["monthly"], ["e", "monthly"]])
        XCTAssertEqual(try spill.read("m"), records, "read leaves the records in place")
        XCTAssertEqual(try spill.take("m"), records)
    }

    func testFiguresComeBackWithoutSentenceAndOrganization() throws {
        let dir = try Tool.temporaryDirectory("spill")
        let spill = try PartitionSpill(parent: dir, name: "f")
        let f = Figure(doc: "+a.txt", article: 2, headline: "=标题", published: "2020-11-20", source: "劳动午报", line: 7,
                       raw: "近2000场", quantity: Quantity(value: Decimal(string: "12.5")!, valueMax: 14, unit: "场", qualifier: .range),
                       metric: "职工沟通会", metricID: "communication_meetings", kind: .flow,
                       region: Region(path: "北京市/朝阳区", code: "110105"), organization: "朝阳区总工会",
                       period: Period(label: "三年来", start: "2017-11", end: "2020-11", month: ""), sentence: "一句话。")
        try spill.add(f, route: .cumulative, to: "2020-11")
        var expected = f
        expected.sentence = ""
        expected.organization = ""
        XCTAssertEqual(try spill.takeFigures("2020-11"), [.cumulative: [expected]])
    }

    private static let sample = Figure(
        doc: "a\u{1F}b.txt", article: -3, headline: "标题\u{1E}", published: "2020-11", source: "", line: Int(Int32.max) + 5,
        raw: "2-4次", quantity: Quantity(value: Decimal(string: "-0.000125")!, valueMax: Decimal(string: "123456789012.5")!, unit: "次",
                                        qualifier: .max, per: "人"),
        metric: "活动", metricID: "", kind: .rate, region: Region(), organization: "",
        period: Period(label: "", start: "", end: "", month: "2020-11"), sentence: "")

    /// Values, counters and enums come back as they went in, and text byte for byte
    /// (the text records' separators too, which text records turn into spaces).
    func testFigureRecordsKeepEveryField() throws {
        XCTAssertTrue(_isPOD(Decimal.self), "values are kept as their bytes")
        var f = PartitionSpillTests.sample
        var bytes: [UInt8] = []
        FigureRecord.encode(f, route: .rate, into: &bytes)
        f.quantity.valueMax = nil
        f.kind = .level
        f.doc = "第二页.txt"
        FigureRecord.encode(f, route: .monthly, into: &bytes)
        var back: [(FigureRoute, Figure)] = []
        try bytes.withUnsafeBytes { try FigureRecord.forEach(in: $0, source: "t") { back.append(($0, $1)) } }
        XCTAssertEqual(back.map(\.0), [.rate, .monthly])
        XCTAssertEqual(back.map(\.1), [PartitionSpillTests.sample, f])
        var monthly: [Figure] = []
        try bytes.withUnsafeBytes { try FigureRecord.forEach(in: $0, route: .monthly, source: "t") { monthly.append($1) } }
        XCTAssertEqual(monthly, [f], "only the route asked for")
        // Every kind, qualifier and route comes back as itself.
        var all: [UInt8] = [], sent: [(FigureRoute, Figure)] = []
        for (k, kind) in MetricKind.allCases.enumerated() {
            for (q, qualifier) in Qualifier.allCases.enumerated() {
                var g = PartitionSpillTests.sample
                g.kind = kind
                g.quantity.qualifier = qualifier
                let route: FigureRoute = [.monthly, .rate, .cumulative, .undated][(k + q) % 4]
                FigureRecord.encode(g, route: route, into: &all)
                sent.append((route, g))
            }
        }
        var got: [(FigureRoute, Figure)] = []
        try all.withUnsafeBytes { try FigureRecord.forEach(in: $0, source: "t") { got.append(($0, $1)) } }
        XCTAssertEqual(got.map(\.0), sent.map(\.0))
        XCTAssertEqual(got.map(\.1), sent.map(\.1))
    }

    /// A month reads its figures (`forEachFigure`, gathered by route) without `raw`, which no
    /// table or report shows; with `keepingRaw` they come back whole. Every other field is the same either way, in the
    /// file's chunks (flushed) and in the buffer alike.
    func testReadFiguresLeavesOutOnlyRaw() throws {
        let dir = try Tool.temporaryDirectory("spill")
        let spill = try PartitionSpill(parent: dir, name: "raw", flushSize: 300)
        var sent: [FigureRoute: [Figure]] = [:]
        for i in 0..<40 {
            var f = PartitionSpillTests.sample
            f.raw = "\(i)次"
            f.line = i
            let route: FigureRoute = [.monthly, .rate, .cumulative, .undated][i % 3]
            try spill.add(f, route: route, to: "2020-11")
            sent[route, default: []].append(f)
        }
        try spill.seal()
        XCTAssertGreaterThan(try FilePaths.list(spill.directory).count, 0, "some records went to the file")
        XCTAssertEqual(try spill.readFigures("2020-11", keepingRaw: true), sent)
        let withoutRaw = sent.mapValues { $0.map { f -> Figure in var f = f; f.raw = ""; return f } }
        XCTAssertEqual(try spill.readFigures("2020-11", keepingRaw: false), withoutRaw)
        XCTAssertEqual(try spill.readFigures("2020-11", route: .rate, keepingRaw: false), [.rate: withoutRaw[.rate]!])
        XCTAssertEqual(try spill.readFigures("2020-11"), sent, "raw is kept unless left out")
    }

    /// Figures lent one at a time as read (`forEachFigure`) are the figures added, in
    /// the order they were added: from the file's chunks and the buffer, with each text changing
    /// from record to record or not (kept from the record before), written out or left out
    /// (`sameAsBefore`). `start` is told the counts by route first; a partition without records
    /// lends nothing.
    func testFiguresLentAreTheFiguresRead() throws {
        let dir = try Tool.temporaryDirectory("spill")
        let spill = try PartitionSpill(parent: dir, name: "lent", flushSize: 700)
        let routes: [FigureRoute] = [.monthly, .rate, .monthly, .cumulative, .undated, .monthly]
        var sent: [(FigureRoute, Figure)] = []
        var previous: Figure? = nil
        for i in 0..<60 {
            var f = PartitionSpillTests.sample
            f.raw = "\(i)次"
            f.line = i
            f.doc = i % 5 < 3 ? "一个不短于十五个字节的文件名.txt" : "b\(i / 5).txt"
            f.quantity.unit = ["人", "万元", "人"][i % 3]
            f.quantity.valueMax = i % 4 == 0 ? nil : Decimal(i)
            f.metric = i % 7 == 0 ? "职工沟通会" : "活动"
            f.region = Region(path: i % 2 == 0 ? "北京市/朝阳区" : "", code: i % 2 == 0 ? "110105" : "")
            f.period.end = i % 6 == 0 ? "" : "2020-11-3\(i % 2)"
            f.kind = [.flow, .level, .rate][i % 3]
            let route = routes[i % routes.count]
            // Every other record is written after the one before, leaving out the texts it shares.
            var bytes: [UInt8] = []
            if i % 2 == 1, let previous {
                withUnsafePointer(to: previous) { FigureRecord.encode(f, route: route, after: $0, into: &bytes) }
            } else {
                FigureRecord.encode(f, route: route, into: &bytes)
            }
            try spill.add(encoded: bytes[...], to: "2020-11")
            sent.append((route, f))
            previous = f
        }
        try spill.seal()
        XCTAssertGreaterThan(try FilePaths.list(spill.directory).count, 0, "some records went to the file")
        for keepingRaw in [true, false] {
            var counts: [Int] = []
            var lent: [(FigureRoute, Figure)] = []
            try spill.forEachFigure("2020-11", keepingRaw: keepingRaw, start: { counts = $0 }) { route, f in
                XCTAssertEqual(counts.reduce(0, +), sent.count, "counted before the first figure")
                lent.append((route, copy f))
            }
            let expected = sent.map { route, f -> (FigureRoute, Figure) in
                var f = f
                if !keepingRaw { f.raw = "" }
                return (route, f)
            }
            XCTAssertEqual(lent.map(\.0), expected.map(\.0))
            XCTAssertEqual(lent.map(\.1), expected.map(\.1), "keepingRaw \(keepingRaw)")
            XCTAssertEqual(counts, FigureRoute.allCasesInRecordOrder.map { r in sent.filter { $0.0 == r }.count })
            var byRoute: [FigureRoute: [Figure]] = [:]
            for (route, f) in lent { byRoute[route, default: []].append(f) }
            XCTAssertEqual(try spill.readFigures("2020-11", keepingRaw: keepingRaw), byRoute)
        }
        var started: [Int]? = nil
        try spill.forEachFigure("1999-01", start: { started = $0 }) { _, _ in XCTFail("no figures") }
        XCTAssertEqual(started, [0, 0, 0, 0])
    }

    /// A reader's tables of texts go to the next reader, unless the texts' table has grown past
    /// the limit (it starts again) or the reader has handed them on already.
    func testTextsGoToTheNextReaderWithinTheLimit() {
        let texts = FigureRecord.Reader.Texts()
        var (interner, short) = texts.take()
        XCTAssertEqual(interner.count, 0)
        for i in 0..<10 { _ = Array("一个不短于十五个字节的文本\(i)".utf8).withUnsafeBytes { interner.string($0) } }
        texts.give((interner, short))
        (interner, short) = texts.take()
        XCTAssertEqual(interner.count, 10, "kept")
        for i in 0...FigureRecord.Reader.Texts.limit { _ = Array("一个不短于十五个字节的文本\(i)".utf8).withUnsafeBytes { interner.string($0) } }
        XCTAssertGreaterThan(interner.count, FigureRecord.Reader.Texts.limit)
        texts.give((interner, short))
        (interner, short) = texts.take()
        XCTAssertEqual(interner.count, 0, "grown past the limit: started again")
        texts.give((TextInterner(), .placeholder))
        XCTAssertFalse(texts.take().1.isPlaceholder, "a placeholder is not handed on")
    }

    /// A record written after another (`encode(after:)`) leaves out the texts that are the same
    /// String as that one's and reads back whole; texts changed, or equal but made apart, are
    /// written out. Reading by route reads the records in between too.
    func testRecordsAfterTheOneBeforeLeaveOutItsTexts() throws {
        let first = PartitionSpillTests.sample
        var second = first
        second.doc = "第二页.txt"
        second.metric = String(decoding: Array("一个不短于十五个字节的指标".utf8), as: UTF8.self)
        var third = second
        third.raw = "5次"
        third.metric = String(decoding: Array("一个不短于十五个字节的指标".utf8), as: UTF8.self)
        XCTAssertFalse(ByteString.sameValue(third.metric, second.metric), "equal bytes, made apart")
        XCTAssertTrue(ByteString.sameValue(third.doc, second.doc))
        XCTAssertFalse(ByteString.sameValue("第二页.txt", "第三页.txt"))
        let sent = [(FigureRoute.rate, first), (.monthly, second), (.rate, third)]
        var full: [UInt8] = [], shared: [UInt8] = []
        for (i, (route, f)) in sent.enumerated() {
            FigureRecord.encode(f, route: route, into: &full)
            if i == 0 {
                FigureRecord.encode(f, route: route, into: &shared)
            } else {
                withUnsafePointer(to: sent[i - 1].1) { FigureRecord.encode(f, route: route, after: $0, into: &shared) }
            }
        }
        // Left out: the second's texts but doc and metric (changed), the third's but raw and metric (made apart).
        let common = { (f: Figure) in [f.headline, f.published, f.source, f.quantity.unit, f.quantity.per, f.metricID,
                                       f.region.path, f.region.code, f.period.label, f.period.start, f.period.end,
                                       f.period.month].reduce(0) { $0 + $1.utf8.count } }
        XCTAssertEqual(full.count - shared.count, common(second) + second.raw.utf8.count + common(third) + third.doc.utf8.count)
        var back: [(FigureRoute, Figure)] = []
        try shared.withUnsafeBytes { try FigureRecord.forEach(in: $0, source: "t") { back.append(($0, $1)) } }
        XCTAssertEqual(back.map(\.0), sent.map(\.0))
        XCTAssertEqual(back.map(\.1), sent.map(\.1))
        var rates: [Figure] = []
        try shared.withUnsafeBytes { try FigureRecord.forEach(in: $0, route: .rate, source: "t") { rates.append($1) } }
        XCTAssertEqual(rates, [first, third], "the monthly record between is read for the rate after it")
        // A record that refers to the one before cannot begin the bytes.
        let firstLength = 4 + Int(shared.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        let alone = Array(shared[firstLength...])
        XCTAssertThrowsError(try alone.withUnsafeBytes { try FigureRecord.forEach(in: $0, source: "s") { _, _ in } })
    }

    /// The records of each route counted from lengths and route bytes, up to what is not a whole record.
    func testRecordsCountedByRoute() {
        var bytes: [UInt8] = []
        for route in [FigureRoute.rate, .monthly, .rate, .undated] { FigureRecord.encode(PartitionSpillTests.sample, route: route, into: &bytes) }
        XCTAssertEqual(bytes.withUnsafeBytes { FigureRecord.countByRoute(in: $0) }, [1, 2, 0, 1])
        let cut = Array(bytes.dropLast())
        XCTAssertEqual(cut.withUnsafeBytes { FigureRecord.countByRoute(in: $0) }, [1, 2, 0, 0], "a cut record is not counted")
        XCTAssertEqual([UInt8]().withUnsafeBytes { FigureRecord.countByRoute(in: $0) }, [0, 0, 0, 0])
    }

    /// A damaged scratch file stops the run with the file named, wherever it was cut.
    func testADamagedFigureRecordIsAnError() throws {
        var bytes: [UInt8] = []
        FigureRecord.encode(PartitionSpillTests.sample, route: .rate, into: &bytes)
        for cut in [1, 4, 10, FigureRecord.fixedSize + 4, bytes.count - 1] {
            let damaged = Array(bytes[0..<cut])
            XCTAssertThrowsError(try damaged.withUnsafeBytes { try FigureRecord.forEach(in: $0, source: "scratch/7") { _, _ in } },
                                 "cut at \(cut)") { error in
                XCTAssertTrue("\(error)".contains("scratch/7"), "\(error)")
            }
        }
        var badRoute = bytes
        badRoute[4] = 9
        XCTAssertThrowsError(try badRoute.withUnsafeBytes { try FigureRecord.forEach(in: $0, source: "s") { _, _ in } })
    }
}

/// The records and figures of a partition gathered into arrays, for the comparisons above.
private extension PartitionSpill {
    func take(_ partition: String) throws -> [[String]] {
        var records: [[String]] = []
        try take(partition) { records.append($0) }
        return records
    }

    func takeFigures(_ partition: String) throws -> [FigureRoute: [Figure]] {
        var lists: [FigureRoute: [Figure]] = [:]
        try takeFigures(partition) { route, f in lists[route, default: []].append(f) }
        return lists
    }
}

private extension PartitionSpill {
    /// The partition's figures by route (of `route` only, if given), gathered from `forEachFigure`
    /// (what the months read) for the tests to compare whole.
    func readFigures(_ partition: String, route: FigureRoute? = nil, keepingRaw: Bool = true) throws -> [FigureRoute: [Figure]] {
        var byRoute: [FigureRoute: [Figure]] = [:]
        try forEachFigure(partition, keepingRaw: keepingRaw, start: { _ in }) { r, f in
            if route == nil || r == route { byRoute[r, default: []].append(copy f) }
        }
        return byRoute
    }
}
