import Foundation
@testable import UnionStats

/// The scoring of `/work/shared/eval/score.py`, in Swift, so that a test can
/// hold the pipeline to a score: rows match one to one per doc on value, unit
/// and value_max (preferring pairs whose metric is alike, then whose raw is
/// equal); attributes are compared on matched pairs only.
struct GoldScorer {
    typealias Row = [String: String]

    static let attributes = ["qualifier", "per", "metric", "region", "organization", "month"]

    struct Result {
        var gold = 0, predicted = 0, matched = 0
        var precision = 0.0, recall = 0.0, f1 = 0.0
        var attribute: [String: Double] = [:]
        /// `doc raw attr: gold=… got=…` for every attribute difference, to show in a failure.
        var differences: [String] = []
    }

    static func read(_ path: String) throws -> [Row] {
        try CSVReader(path: path).readRecords(required: ["doc", "value", "unit"]).map { r in
            var row: Row = [:]
            for c in ["doc", "raw", "value", "value_max", "unit", "metric"] + attributes where r.has(c) { row[c] = r[c] }
            return row
        }
    }

    static func score(gold: [Row], predicted all: [Row]) -> Result {
        let docs = Set(gold.map { $0["doc", default: ""] })
        let pred = all.filter { docs.contains($0["doc", default: ""]) }
        var pairs: [(Row, Row)] = []
        let predByDoc = Dictionary(grouping: pred, by: { trimmed($0["doc"]) })
        for (doc, gs) in Dictionary(grouping: gold, by: { trimmed($0["doc"]) }).sorted(by: { $0.key < $1.key }) {
            let ps = predByDoc[doc] ?? []
            var cands: [(metric: Bool, raw: Bool, g: Int, p: Int)] = []
            for (gi, g) in gs.enumerated() {
                for (pi, p) in ps.enumerated() where sameKey(g, p) {
                    cands.append((alike(g["metric"], p["metric"]), squash(g["raw"]) == squash(p["raw"]), gi, pi))
                }
            }
            // Best first; equal scores keep their order (Python's stable sort).
            let order = cands.indices.sorted { a, b in
                let x = cands[a], y = cands[b]
                if x.metric != y.metric { return x.metric }
                if x.raw != y.raw { return x.raw }
                return a < b
            }
            var usedG = Set<Int>(), usedP = Set<Int>()
            for k in order {
                let c = cands[k]
                if usedG.contains(c.g) || usedP.contains(c.p) { continue }
                usedG.insert(c.g); usedP.insert(c.p)
                pairs.append((gs[c.g], ps[c.p]))
            }
        }
        var r = Result(gold: gold.count, predicted: pred.count, matched: pairs.count)
        r.precision = pred.isEmpty ? 0 : Double(pairs.count) / Double(pred.count)
        r.recall = gold.isEmpty ? 0 : Double(pairs.count) / Double(gold.count)
        r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0
        for a in attributes {
            let same = pairs.filter { sameAttribute(a, $0.0, $0.1) }.count
            r.attribute[a] = pairs.isEmpty ? 0 : Double(same) / Double(pairs.count)
            for (g, p) in pairs where !sameAttribute(a, g, p) {
                r.differences.append("\(g["doc", default: ""]) \(g["raw", default: ""]) \(a): gold=\(g[a, default: ""]) got=\(p[a, default: ""])")
            }
        }
        return r
    }

    static func sameAttribute(_ a: String, _ g: Row, _ p: Row) -> Bool {
        if a == "metric" || a == "organization" { return alike(g[a], p[a]) }
        return squash(g[a]) == squash(p[a])
    }

    static func sameKey(_ g: Row, _ p: Row) -> Bool {
        sameNumber(number(g["value"]), number(p["value"])) && trimmed(g["unit"]) == trimmed(p["unit"])
            && sameNumber(number(g["value_max"]), number(p["value_max"]))
    }

    enum Number: Equatable { case none, value(Double), bad(String) }

    static func number(_ s: String?) -> Number {
        let t = trimmed(s).replacingOccurrences(of: ",", with: "")
        if t.isEmpty { return .none }
        if let d = Double(t) { return .value(d) }
        return .bad(t)
    }

    static func sameNumber(_ a: Number, _ b: Number) -> Bool {
        if case .value(let x) = a, case .value(let y) = b { return abs(x - y) <= max(1e-6, 1e-9 * max(abs(x), abs(y))) }
        return a == b
    }

    static func trimmed(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    static func squash(_ s: String?) -> [Unicode.Scalar] {
        (s ?? "").unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }
    }

    /// One contains the other, or their character-bigram Dice coefficient is at least 0.5; both empty is alike.
    static func alike(_ a: String?, _ b: String?) -> Bool {
        let x = squash(a), y = squash(b)
        if x.isEmpty || y.isEmpty { return x == y }
        if contains(x, y) || contains(y, x) { return true }
        let bx = bigrams(x), by = bigrams(y)
        var counts: [String: Int] = [:]
        for g in by { counts[g, default: 0] += 1 }
        var common = 0
        for g in bx where counts[g, default: 0] > 0 { common += 1; counts[g]! -= 1 }
        return 2.0 * Double(common) / Double(bx.count + by.count) >= 0.5
    }

    static func contains(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard needle.count <= hay.count else { return false }
        for i in 0...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle { return true }
        return false
    }

    static func bigrams(_ s: [Unicode.Scalar]) -> [String] {
        guard s.count > 1 else { return [String(String.UnicodeScalarView(s))] }
        return (0..<(s.count - 1)).map { String(String.UnicodeScalarView(s[$0...($0 + 1)])) }
    }
}
