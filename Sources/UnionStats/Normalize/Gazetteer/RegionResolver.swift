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
    private var named: Named

    /// The places an article has named so far, which decide the next: a resolver without its gazetteer, for a
    /// reader that holds one already (a copy of a gazetteer retains and releases each of its tables).
    struct Named {
        /// Entries named so far, with their ancestors (an article names few: arrays beat hashing).
        private var mentioned: [Int] = []
        private var provinces: [Int] = []
        private let defaultProvince: Int?
        private var last: (entry: Int, end: Int, segment: Int)? = nil
        private var previousMatch: (end: Int, segment: Int)? = nil

        /// Borrowing: an initializer's argument is its own (copied by the caller) unless it says so.
        init(gazetteer: borrowing Gazetteer, defaultRegion: Int?) {
            if let d = defaultRegion {
                defaultProvince = gazetteer.province(of: d)
                provinces.append(gazetteer.province(of: d))
            } else {
                defaultProvince = nil
            }
        }
    }

    /// Literal words, not a `Set<String>`: hashing a Chinese name (normalized first) cost more than comparing four.
    static let municipalities = LiteralWords(["北京市", "天津市", "上海市", "重庆市"])

    /// Common surnames (not those that are also everyday words before a place: 在, 和, 车, 全 …).
    /// A bitmap set: a scalar is tested without hashing it.
    static let surnames = ScalarSet(("王李张刘陈杨黄赵周吴徐孙朱马胡郭林何罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜"
        + "魏程吕丁沈任姚卢傅钟姜崔谭廖范汪陆戴贾韦夏邱侯邹熊孟秦阎薛尹段雷史龙陶贺顾毛郝龚邵万钱严赖覃洪莫孔汤"
        + "康施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹耿焦俞左柳祝符舒阮柯纪梅童凌毕裴霍涂苗谷盛翁冉骆蓝靳管柴鲍喻"
        + "祁蒲滕屈饶牟艾尤穆卓缪褚娄窦戚岑费卜冷晏瞿佟臧闵苟邬卞姬栾隋刁巫寇桑郎甄丛仲虞敖巩佘麻苑迟邝").unicodeScalars)

    /// Compared in order: adjacent to the place before, deepest place in context,
    /// in a province in context, in the default province, a municipality's, shallowest.
    typealias Score = (Int, Int, Int, Int, Int, Int)

    /// A resolved place name.
    public struct Place: Equatable {
        public var entry: Int
        /// The name as written when the path should end with it (南法信镇).
        public var written: String?
    }

    public init(gazetteer: Gazetteer, defaultRegion: Int?) {
        self.gazetteer = gazetteer
        named = Named(gazetteer: gazetteer, defaultRegion: defaultRegion)
    }

    /// Resolves one match; `segment` and the match offsets tell whether the
    /// previous place is right before it (山东济宁市金乡县).
    public mutating func resolve(_ match: Gazetteer.Match, in text: [Unicode.Scalar], segment: Int) -> Place? {
        named.resolve(start: match.start, end: match.end, senses: match.senses, in: text, segment: segment, gazetteer)
    }

    /// `resolve` of a name found by `Gazetteer.scanNames`, its senses read from the table.
    mutating func resolve(_ match: Gazetteer.NameMatch, in text: [Unicode.Scalar], segment: Int) -> Place? {
        named.resolve(match, in: text, segment: segment, gazetteer)
    }
}

extension RegionResolver.Named {
    typealias Place = RegionResolver.Place
    typealias Score = RegionResolver.Score

    /// `RegionResolver.resolve` of a name found by `Gazetteer.scanNames` in `g`.
    /// (`surnames` is `RegionResolver.surnames`, read by a caller that resolves many names once for all of them.)
    mutating func resolve(_ match: Gazetteer.NameMatch, in text: [Unicode.Scalar], segment: Int, _ g: Gazetteer,
                          _ surnames: ScalarSet = RegionResolver.surnames) -> Place? {
        resolve(start: match.start, end: match.end, senses: g.senses(inGroup: match.group), in: text, segment: segment, g, surnames)
    }

    mutating func resolve<Senses: Sequence>(start: Int, end: Int, senses: Senses, in text: [Unicode.Scalar],
                                            segment: Int, _ g: Gazetteer,
                                            _ surnames: ScalarSet = RegionResolver.surnames) -> Place? where Senses.Element == Gazetteer.Sense {
        let match = (start: start, end: end)
        defer { previousMatch = (match.end, segment) }
        // 王玉林, 李长春: a two-character short form right after a surname is a person's given name.
        let afterSurname = match.end - match.start == 2 && match.start > 0
            && surnames.contains(text[match.start - 1])
            && !(previousMatch.map { $0.segment == segment && $0.end == match.start } ?? false)
        var best: (score: Score, sense: Gazetteer.Sense)? = nil
        var tied = false
        for sense in senses {
            let e = sense.entry
            // The two fields read, not the entry: a copy of one retains and releases its code and name.
            let level = g.entries[e].level, parent = g.entries[e].parent
            if afterSurname, sense.form == .short, level >= 2 { continue }
            switch sense.scope {
            case .never:
                continue
            case .context:
                if level >= 4 {
                    guard parent >= 0, mentioned.contains(parent) else { continue }
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
            // A tie between equal names (朝阳区 in Beijing and in Changchun) goes to a municipality's.
            let municipal = g.isMunicipality(g.province(of: e)) ? 1 : 0
            let score: Score = (adjacent, deepest, inProvince, inDefault, municipal, -level)
            if let b = best {
                if score < b.score { continue }
                if score == b.score { if b.sense.entry != e { tied = true }; continue }
            }
            best = (score, sense)
            tied = false
        }
        guard let b = best, !tied else { return nil }
        let e = b.sense.entry
        var a = e
        while a >= 0 {
            if !mentioned.contains(a) { mentioned.append(a) }
            a = g.entries[a].parent
        }
        if !provinces.contains(g.province(of: e)) { provinces.append(g.province(of: e)) }
        last = (e, match.end, segment)
        let written = b.sense.asWritten ? String(String.UnicodeScalarView(text[match.start..<match.end])) : nil
        return Place(entry: e, written: written)
    }
}
