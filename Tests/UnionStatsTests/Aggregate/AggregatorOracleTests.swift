import XCTest
@testable import UnionStats

/// The aggregator against a plain statement of its rules (a dictionary of cells keyed by
/// strings, sample lists of the texts themselves), on figures whose pages, sources, metrics,
/// regions, kinds and qualifiers interleave: the aggregator numbers texts and remembers the
/// figure before, and neither may change a row.
final class AggregatorOracleTests: XCTestCase {
    private struct Cell {
        var code: String, metricID: String
        var wordings: [(String, Int)] = []
        var value: Decimal = 0, figures = 0, qualifiers: Set<Qualifier> = []
        var docs = SampleList<String>(limit: Aggregator.docLimit, by: { TableSort.less($0, $1) })
        var sources = SampleList<SourceRef>(limit: Aggregator.sourceLimit, by: { $0 < $1 })
        var direct = false
        var latest: (String, String, String, Int)?
    }

    private func oracle(_ figures: [Figure], rollup: Bool) -> [String: [String]] {
        var cells: [MonthlyKey: Cell] = [:]
        for f in figures where FigureRoute.of(f) == .monthly {
            var places = Rollup.chain(path: f.region.path, code: f.region.code)
            if places.isEmpty { places = [RegionRow(path: "", code: "", level: .province)] }
            for (i, place) in places.enumerated() where i == places.count - 1 || (rollup && f.kind != .level) {
                let key = MonthlyKey(month: f.period.month, region: place.path, level: f.region.path.isEmpty ? nil : place.level,
                                     metric: f.metricID.isEmpty ? f.metric : f.metricID, unit: f.quantity.unit, kind: f.kind)
                var c = cells[key] ?? Cell(code: place.code, metricID: f.metricID)
                if c.code.isEmpty { c.code = place.code }
                if let k = c.wordings.firstIndex(where: { $0.0 == f.metric }) { c.wordings[k].1 += 1 } else { c.wordings.append((f.metric, 1)) }
                c.figures += 1
                c.docs.insert(f.doc)
                c.sources.insert(SourceRef(f))
                c.direct = c.direct || i == places.count - 1
                if f.kind == .level {
                    let stamp = (f.period.end, f.published, f.doc, f.line)
                    if c.latest == nil || Aggregator.later(stamp, than: c.latest!) {
                        c.latest = stamp
                        c.value = f.quantity.value
                        c.qualifiers = [f.quantity.qualifier]
                    }
                } else {
                    c.value += f.quantity.value
                    c.qualifiers.insert(f.quantity.qualifier)
                }
                cells[key] = c
            }
        }
        var rows: [String: [String]] = [:]
        for (key, c) in cells {
            let top = c.wordings.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : TableSort.less($0.0, $1.0) }.first!.0
            rows[[key.month, key.region, key.level?.rawValue ?? "", key.metric, key.unit, key.kind.rawValue].joined(separator: "|")] =
                [c.code, c.metricID, c.value.plain, String(c.figures), c.qualifiers.map(\.rawValue).sorted().joined(separator: ";"),
                 c.docs.items.joined(separator: ";"), String(c.docs.count), c.sources.items.map(\.doc).joined(separator: ";"),
                 c.sources.items.map(\.headline).joined(separator: ";"), String(c.sources.count), String(c.direct), top]
        }
        return rows
    }

    func testRowsFollowTheRulesWhateverTheOrderOfPagesAndSources() {
        var rng = SplitMix64(seed: 11)
        let regions = [("北京市/朝阳区", "110105"), ("北京市/朝阳区/三里屯街道", "110105004"), ("陕西省/汉中市", "6107"),
                       ("陕西省/汉中市/镇巴县", ""), ("", ""), ("四川省", "51"),
                       // A path with no segment (a row without a region, but with a level) and one past the street level.
                       ("/", ""), ("陕西省/汉中市/镇巴县/黎坝镇/某村", "")]
        let metrics = [("职工沟通会", "m.talks"), ("沟通会", "m.talks"), ("慰问金", ""), ("困难职工", "")]
        for rollup in [true, false] {
            var figures: [Figure] = []
            for page in 0..<60 {
                let doc = String(format: "%03d.txt", Int(rng.next() % 25)), headline = ["甲", "乙", ""][page % 3]
                for k in 0..<rng.int(1...6) {
                    let (region, code) = regions[rng.int(0...regions.count - 1)]
                    let (metric, id) = metrics[rng.int(0...metrics.count - 1)]
                    var f = TestFixtures.figure(Decimal(rng.int(1...500)), ["场", "元"][rng.int(0...1)], metric: metric, metricID: id,
                                                kind: [.flow, .flow, .level][rng.int(0...2)], month: ["2020-11", "2020-12"][rng.int(0...1)],
                                                region: region, code: code, qualifier: Qualifier.allCases[rng.int(0...5)],
                                                doc: doc, line: k + 1, published: "2020-11-\(10 + page % 9)", end: ["", "2020-11-30"][rng.int(0...1)])
                    f.headline = headline
                    f.source = ["劳动午报", "工人日报"][page % 2]
                    figures.append(f)
                }
            }
            var a = Aggregator(rollup: rollup, alsoDirect: true)
            for f in figures { a.add(f) }
            if rollup {
                // The totals folded beside the rollups are those of an aggregator without them.
                var plain = Aggregator(rollup: false)
                for f in figures { plain.add(f) }
                XCTAssertEqual(a.directRows().map(\.fields), plain.rows().map(\.fields))
                XCTAssertFalse(a.directRows().isEmpty)
                // Both sorted once are each sorted alone.
                let both = a.rowsAndDirectRows()
                XCTAssertEqual(both.rows.map(\.fields), a.rows().map(\.fields))
                XCTAssertEqual(both.direct.map(\.fields), a.directRows().map(\.fields))
                // Both kinds of direct rows are here: a cell's own figures alone (its row shared) and with its parts'.
                let figuresOf = Dictionary(both.rows.map { ($0.key.region + "|" + $0.key.metric + "|" + $0.key.unit + "|" + $0.key.kind.rawValue + "|" + $0.key.month, $0.figures) },
                                           uniquingKeysWith: { a, _ in a })
                let shared = both.direct.filter { figuresOf[$0.key.region + "|" + $0.key.metric + "|" + $0.key.unit + "|" + $0.key.kind.rawValue + "|" + $0.key.month] == $0.figures }
                XCTAssertGreaterThan(shared.count, 0)
                XCTAssertLessThan(shared.count, both.direct.count)
            }
            var got: [String: [String]] = [:]
            for r in a.rows() {
                let key = [r.key.month, r.key.region, r.key.level?.rawValue ?? "", r.key.metric, r.key.unit, r.key.kind.rawValue].joined(separator: "|")
                let top = r.metric.split(separator: "、").first.map(String.init) ?? r.metric
                got[key] = [r.regionCode, r.metricID, r.value.plain, String(r.figures), r.qualifiers.map(\.rawValue).joined(separator: ";"),
                            r.docs.joined(separator: ";"), String(r.docCount), r.sources.map(\.doc).joined(separator: ";"),
                            r.sources.map(\.headline).joined(separator: ";"), String(r.sourceCount), String(r.direct), top]
            }
            let want = oracle(figures, rollup: rollup)
            XCTAssertEqual(got.count, want.count, "rollup \(rollup)")
            for (key, row) in want { XCTAssertEqual(got[key], row, "\(key), rollup \(rollup)") }
        }
    }
}
