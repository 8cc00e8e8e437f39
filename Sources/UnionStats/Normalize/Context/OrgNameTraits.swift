/// What an organization name's own text says of it (`OrganizationFinder.find`): the name is
/// `t[start..<end]`, its body `t[body..<end]` (without a leading 该/本/其…).
struct OrgNameTraits: Equatable {
    typealias S = Unicode.Scalar
    /// The body is only a level and an organization word (区总工会): a short reference.
    var isBareWord: Bool
    /// The name ends in 工会.
    var endsInUnion: Bool
    /// The body says 各级工会 or ends in 各级工会组织 (`OrganizationFinder.eachLevels`).
    var eachLevels: Bool
    /// The body is the national federation's name.
    var isNational: Bool
    /// The body is a generic group: a generic start (各, 全, 基层 …), or 各, 某 or 基层 anywhere.
    var isGeneric: Bool

    /// The traits, read from the scalars in one pass when the name is plain, else from the text.
    static func read(_ t: [S], start: Int, body: Int, end: Int, _ l: OrganizationFinder.Lists = OrganizationFinder.lists) -> OrgNameTraits {
        ofPlain(t, start: start, body: body, end: end, l) ?? byText(t, start: start, body: body, end: end)
    }

    /// The traits of a plain name (`TextClasses.isPlain`), else nil: for plain text String's tests are
    /// the scalars', so one pass over the body finds 各, 某 and 基层, and the word lists are matched in place.
    static func ofPlain(_ t: [S], start: Int, body: Int, end: Int,
                        _ l: OrganizationFinder.Lists = OrganizationFinder.lists) -> OrgNameTraits? {
        var each = false, some = false, grassroots = false
        var k = start
        while k < end {
            let c = t[k]
            guard TextClasses.isPlain(c) else { return nil }
            if k >= body {
                if c == "各" { each = true } else if c == "某" { some = true } else if c == "基", k + 1 < end, t[k + 1] == "层" { grassroots = true }
            }
            k += 1
        }
        // 各级工会 and 各级工会组织 hold 各: without it, neither is read for.
        let levels = each && (TextClasses.occurs(l.allLevels, in: t[body..<end]) || TextTest.ends(t[body..<end], with: l.allLevelUnions))
        return OrgNameTraits(isBareWord: l.bareWords.isWord(t, body, end),
                             endsInUnion: end - start >= 2 && t[end - 2] == "工" && t[end - 1] == "会",
                             eachLevels: levels, isNational: l.nationalWords.isWord(t, body, end),
                             isGeneric: each || some || grassroots || l.genericStarts.length(at: body, in: t, limit: end) > 0)
    }

    /// The traits as the name's text tells them (`TextTest`: strings compared as String does when not plain).
    static func byText(_ t: [S], start: Int, body: Int, end: Int) -> OrgNameTraits {
        typealias F = OrganizationFinder
        let name = TextTest(t[start..<end]), core = TextTest(t[body..<end])
        // 各级工会 and 各级工会组织 hold 各: in plain text, a name without it holds neither (`eachLevels`).
        let each = core.contains(F.each)
        return OrgNameTraits(isBareWord: core.isOne(of: F.bareWords, F.bareNames), endsInUnion: name.hasSuffix(F.unionWord),
                             eachLevels: F.eachLevels(core, each: each), isNational: core.isOne(of: F.nationalWords, F.nationalUnions),
                             isGeneric: F.genericStarts.length(at: body, in: core.scalars) > 0 || each || core.contains(["某"])
                                 || core.contains(["基", "层"]))
    }
}
