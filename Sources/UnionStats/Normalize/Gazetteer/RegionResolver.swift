/// Decides which division a place name in an article means, reading the
/// article in order: the newspaper's default province and the places already
/// named set the context.
///
/// - Full names (沽源县, 南法信镇) resolve anywhere; when several divisions share
///   the name, the one under a place already named (or under the default
///   province) wins, and a name that stays ambiguous is left unresolved.
/// - Province and city short forms (广西, 西宁, 成都) resolve anywhere.
/// - County short forms (朝阳, 延庆) resolve only inside a province in context,
///   township short forms (东四) only inside a county already named, so that
///   common words are not taken for places.
public struct RegionResolver {
    public let gazetteer: Gazetteer
    /// Entries named so far, with their ancestors.
    private var mentioned: Set<Int> = []
    private var provinces: Set<Int> = []
    private let defaultProvince: Int?
    private var last: (entry: Int, end: Int, segment: Int)? = nil

    /// A resolved place name.
    public struct Place: Equatable {
        public var entry: Int
        /// The name as written when the path should end with it (南法信镇).
        public var written: String?
    }

    public init(gazetteer: Gazetteer, defaultRegion: Int?) {
        self.gazetteer = gazetteer
        if let d = defaultRegion {
            defaultProvince = gazetteer.province(of: d)
            provinces.insert(gazetteer.province(of: d))
        } else {
            defaultProvince = nil
        }
    }

    /// Resolves one match; `segment` and the match offsets tell whether the
    /// previous place is right before it (山东济宁市金乡县).
    public mutating func resolve(_ match: Gazetteer.Match, in text: [Unicode.Scalar], segment: Int) -> Place? {
        let g = gazetteer
        var best: (score: [Int], sense: Gazetteer.Sense)? = nil
        var tied = false
        for sense in match.senses {
            let e = sense.entry
            let entry = g.entries[e]
            switch sense.scope {
            case .never:
                continue
            case .context:
                if entry.level >= 4 {
                    guard entry.parent >= 0, mentioned.contains(entry.parent) else { continue }
                } else {
                    guard provinces.contains(g.province(of: e)) else { continue }
                }
            case .anywhere:
                break
            }
            var adjacent = 0
            if let l = last, l.segment == segment, match.start - l.end <= 1, g.isAncestor(l.entry, of: e) { adjacent = 1 }
            var deepest = 0
            var a = e
            while a >= 0 {
                if mentioned.contains(a) { deepest = max(deepest, g.entries[a].level) }
                a = g.entries[a].parent
            }
            let inProvince = provinces.contains(g.province(of: e)) ? 1 : 0
            let inDefault = defaultProvince.map { g.province(of: e) == $0 ? 1 : 0 } ?? 0
            let score = [adjacent, deepest, inProvince, inDefault, -entry.level]
            if let b = best {
                if score.lexicographicallyPrecedes(b.score) { continue }
                if score == b.score { if b.sense.entry != e { tied = true }; continue }
            }
            best = (score, sense)
            tied = false
        }
        guard let b = best, !tied else { return nil }
        let e = b.sense.entry
        for a in g.chain(e) { mentioned.insert(a) }
        provinces.insert(g.province(of: e))
        last = (e, match.end, segment)
        let written = b.sense.asWritten ? String(String.UnicodeScalarView(text[match.start..<match.end])) : nil
        return Place(entry: e, written: written)
    }
}
