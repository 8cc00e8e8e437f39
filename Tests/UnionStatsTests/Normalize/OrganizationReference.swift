@testable import UnionStats

/// `OrganizationFinder.find` as it was before its scan and its name tests were made cheaper (fe767aa): every
/// organization word collected first, `insideBookTitle` read back from each, the words returned as arrays, and
/// each name's tests asked of `TextTest`s. The finder must find what this finds, field for field.
enum OrganizationReference {
    typealias S = Unicode.Scalar
    typealias F = OrganizationFinder

    static let objectWords = Set(F.objectWordList.all)

    static func find(in t: [S], covered: [Bool]) -> [OrgMention] {
        let hits = hits(in: t)
        var out: [OrgMention] = []
        var h = 0
        while h < hits.count {
            var (sStart, end) = hits[h]
            while h + 1 < hits.count, hits[h + 1].0 - end <= 8, F.noBoundary(t, covered, end, hits[h + 1].0),
                  WordScan.longest(t, hits[h + 1].1, F.attributiveWords) == nil {
                h += 1
                end = hits[h].1
            }
            h += 1
            let (start, preceder, counted) = phraseStart(t, covered, before: sStart)
            var m = OrgMention(start: start, end: end, bare: false, usable: true, placeUnions: false, location: false)
            if TextClasses.has(t, end, ["、"]), TextTest(t[start..<end]).hasSuffix(["委"]),
               let g = F.governments.first(where: { TextClasses.has(t, end + 1, $0) }) {
                m.end = end + 1 + g.count
                if h < hits.count, hits[h].0 < m.end { h += 1 }
            }
            let name = TextTest(t[start..<m.end])
            var bodyStart = start
            if let r = WordScan.longest(t[start..<m.end], start, F.referringStarts), m.end - start > r.count { bodyStart += r.count }
            let core = TextTest(t[bodyStart..<m.end])
            if core.isOne(of: F.bareWords, F.bareNames) { m.bare = true }
            if start == sStart { m.bare = true }
            if name.hasSuffix(F.unionWord), WordScan.longest(t, m.end, F.attributiveWords) != nil { m.usable = false }
            let each = core.contains(F.each)
            if F.eachLevels(core, each: each) {
                m.placeUnions = start < covered.count && covered[start]
                m.usable = m.placeUnions
            } else if core.isOne(of: F.nationalWords, F.nationalUnions) {
            } else if WordScan.longest(core.scalars, bodyStart, F.genericStarts) != nil || each || core.contains(["某"])
                        || core.contains(["基", "层"]) {
                m.usable = false
            }
            if counted { m.usable = false }
            if let p = preceder, objectWords.contains(p) {
                m.usable = false
                if p == ["在"] || p == ["到"] || p == ["来", "到"] { m.location = true }
            }
            if m.end < t.count, F.listOrAffiliationMarks.contains(t[m.end]) { m.usable = false }
            if WordScan.longest(t, m.end, F.eventWords) != nil { m.usable = false }
            if start > 0, t[start - 1] == "、" { m.usable = false }
            out.append(m)
        }
        return out
    }

    /// The organization words, left to right, without overlaps: every position read, and each word
    /// found asked `insideBookTitle`.
    static func hits(in t: [S]) -> [(Int, Int)] {
        var hits: [(Int, Int)] = []
        var i = 0
        while i < t.count {
            if let w = WordScan.longest(t, i, F.suffixes), !TextClasses.insideBookTitle(t, i),
               !(w.last == "会" && i + w.count < t.count && t[i + w.count] == "员") {
                hits.append((i, i + w.count))
                i += w.count
            } else {
                i += 1
            }
        }
        return hits
    }

    static func phraseStart(_ t: [S], _ covered: [Bool], before: Int) -> (Int, [S]?, Bool) {
        var k = before
        while k > 0, before - k < 16 {
            let c = t[k - 1]
            if TextClasses.punctuation.contains(c) || TextClasses.isDigit(c) { return (k, nil, false) }
            if F.measureWords.contains(c), k >= 2, TextClasses.isNumeral(t[k - 2]) { return (k, nil, true) }
            if F.dateUnits.contains(c), k >= 2, TextClasses.isNumeral(t[k - 2]) { return (k, nil, false) }
            if !covered[k - 1], let w = WordScan.longest(t, before: k, F.boundaryWords), !F.protectedAt(t, k - 1) { return (k, w, false) }
            k -= 1
        }
        return (k, nil, false)
    }
}
