import XCTest
@testable import UnionStats

/// The organization finder's shortcuts answer as the full tests do.
final class OrganizationShortcutTests: XCTestCase {
    /// A name without 各 is not a place's unions when it is plain, and is tested in full otherwise.
    func testEachLevelsIsTheFullTest() {
        var rng = SplitMix64(seed: 0x4F52_4731)
        let pieces = ["各级工会", "各级工会组织", "各", "级", "工会", "组织", "基层", "某", "北京市", "朝阳区", "e\u{301}", "各\u{301}", "😀", "公司"]
        var placeUnions = 0, withoutEach = 0
        for _ in 0..<20_000 {
            var name = ""
            for _ in 0..<rng.int(1...5) { name += rng.pick(pieces) }
            let core = TextTest(name.scalars[...])
            let each = core.contains(OrganizationFinder.each)
            // Stated on the name as a string, not with the finder's own scalar constants and tests.
            let full = name.contains("各级工会") || name.hasSuffix("各级工会组织")
            XCTAssertEqual(OrganizationFinder.eachLevels(core, each: each), full, name)
            if full { placeUnions += 1 }
            if !each { withoutEach += 1 }
        }
        XCTAssertGreaterThan(placeUnions, 1_000)
        XCTAssertGreaterThan(withoutEach, 1_000)
    }

    /// Pieces of paragraphs: organization words and names, the words around them that the finder reads
    /// (boundaries, protected words, referring starts, generic starts, attributive and event words, counts,
    /// dates, marks and titles), and scalars that are not plain.
    static let pieces = ["北京市总工会", "朝阳区", "总工会", "工会", "公司", "有限公司", "集团", "中心", "服务中心", "工作室", "局", "县委",
                         "汉阴县委", "、", "县政府", "市政府", "各级工会", "各级工会组织", "全国总工会", "中华全国总工会", "全总", "该", "本",
                         "其", "某", "基层", "各", "全", "会员", "组织", "工作", "技能大赛", "的", "等", "在", "到", "来到", "来自", "携手",
                         "与", "和", "和平", "有限", "经济", "19个", "3家", "2019年", "12月", "5日", "，", "。", "《", "》", "〈", "〉",
                         "“", "”", "e\u{301}", "😀", "\u{0600}", "工人", "项目部", "分公司", "厂", "委员会", "联合会", "员", "新", "区",
                         "市", "街道", "职工", "举办", "活动", "鸿运承物业管理", "区总工会", "中心工会", "工委", "发改委", "政府", "汉阴县委、县政府", "市委、市政府"]

    static func paragraphs(_ count: Int, seed: UInt64) -> [(text: [Unicode.Scalar], covered: [Bool])] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var s = ""
            for _ in 0..<rng.int(1...12) { s += rng.pick(pieces) }
            let t = s.scalars
            // Place names here and there: their scalars are never boundaries.
            var covered = [Bool](repeating: false, count: t.count + rng.int(0...3))
            for _ in 0..<rng.int(0...2) where !t.isEmpty {
                let a = rng.int(0...(t.count - 1)), b = min(t.count, a + rng.int(1...4))
                for k in a..<b { covered[k] = true }
            }
            return (t, covered)
        }
    }

    /// The finder (words read one ahead, titles read back only to the last opening, names' tests read from
    /// the scalars when plain, lengths instead of words) finds what the reading without those shortcuts finds.
    func testFindIsTheReadingWithoutShortcuts() {
        var mentions = 0, notPlain = 0, usable = 0, bare = 0, placeUnions = 0, location = 0, governments = 0, titled = 0
        // Also found into one array for all the paragraphs, as an article's segments are: nothing left from the one before.
        var reused: [OrgMention] = []
        for (t, covered) in Self.paragraphs(30_000, seed: 0x4F52_4732) {
            var found: [OrgMention] = []
            OrganizationFinder.find(in: t, covered: covered, into: &found)
            XCTAssertEqual(found, OrganizationReference.find(in: t, covered: covered), TextClasses.string(t))
            OrganizationFinder.find(in: t, covered: covered, into: &reused)
            XCTAssertEqual(reused, found, TextClasses.string(t))
            if t.contains("《") || t.contains("〈") { titled += found.count }
            for m in found {
                mentions += 1
                if !TextClasses.allPlain(t[m.start..<m.end]) { notPlain += 1 }
                if m.usable { usable += 1 }
                if m.bare { bare += 1 }
                if m.placeUnions { placeUnions += 1 }
                if m.location { location += 1 }
                if TextClasses.string(t[m.start..<m.end]).contains("、") { governments += 1 }
            }
        }
        XCTAssertGreaterThan(mentions, 30_000)
        for (what, n) in [("not plain", notPlain), ("usable", usable), ("bare", bare), ("place unions", placeUnions), ("location", location),
                          ("government", governments), ("in titled text", titled)] {
            XCTAssertGreaterThan(n, 200, what)
            XCTAssertLessThan(n, mentions, what)
        }
    }

    /// A plain name's traits read from its scalars are its traits as the text tells them; a name that is
    /// not plain is left to the text.
    func testPlainTraitsAreTheTextTraits() {
        var rng = SplitMix64(seed: 0x4F52_4733)
        var plain = 0, notPlain = 0, counts = [Int](repeating: 0, count: 5)
        for _ in 0..<40_000 {
            var name = ""
            for _ in 0..<rng.int(1...5) { name += rng.pick(Self.pieces) }
            let before = rng.pick(["", "在", "。", "e\u{301}"]), after = rng.pick(["", "会员", "的", "😀"])
            let t = (before + name + after).scalars
            let start = before.scalars.count, end = start + name.scalars.count
            let referring = OrganizationFinder.referringStarts.length(at: start, in: t, limit: end)
            let body = end - start > referring ? start + referring : start
            let text = OrgNameTraits.byText(t, start: start, body: body, end: end)
            XCTAssertEqual(OrgNameTraits.read(t, start: start, body: body, end: end), text, name)
            guard let traits = OrgNameTraits.ofPlain(t, start: start, body: body, end: end) else {
                XCTAssertFalse(TextClasses.allPlain(t[start..<end]), name)
                notPlain += 1
                continue
            }
            plain += 1
            XCTAssertEqual(traits, text, name)
            for (k, b) in [text.isBareWord, text.endsInUnion, text.eachLevels, text.isNational, text.isGeneric].enumerated() where b { counts[k] += 1 }
        }
        XCTAssertGreaterThan(plain, 10_000)
        XCTAssertGreaterThan(notPlain, 1_000)
        for n in counts { XCTAssertGreaterThan(n, 100); XCTAssertLessThan(n, plain) }
    }

    /// The organization scan finds the words that reading every position and asking `insideBookTitle`
    /// of each finds: after no title opening, after one in a title, after one in a closed title or sentence.
    func testHitScanIsEveryPositionRead() {
        var rng = SplitMix64(seed: 0x4F52_4734)
        let pieces = ["《", "》", "〈", "〉", "。", "！", "；", "?", "工会", "公司", "总工会", "工会会员", "局", "的", "，", "a", "职工", "中心"]
        var noOpening = 0, inTitle = 0, afterTitle = 0
        for _ in 0..<10_000 {
            var s = ""
            for _ in 0..<rng.int(0...14) { s += rng.pick(pieces) }
            let t = s.scalars
            var scan = OrganizationFinder.HitScan()
            var hits: [(Int, Int)] = []
            while let h = scan.next(t) { hits.append(h) }
            let full = OrganizationReference.hits(in: t)
            XCTAssertTrue(hits.elementsEqual(full) { $0 == $1 }, s)
            // What each word was: before any opening, inside a title, or after one but outside.
            for i in t.indices where OrganizationFinder.suffixes.length(at: i, in: t) > 0 {
                if !t[..<i].contains(where: TextClasses.bookOpen.contains) {
                    noOpening += 1
                } else if TextClasses.insideBookTitle(t, i) {
                    inTitle += 1
                } else {
                    afterTitle += 1
                }
            }
        }
        XCTAssertGreaterThan(noOpening, 2_000)
        XCTAssertGreaterThan(inTitle, 2_000)
        XCTAssertGreaterThan(afterTitle, 2_000)
    }

    /// The scan passes over an organization word's own scalars without asking whether one opens a title:
    /// none does.
    func testNoOrganizationWordOpensATitle() {
        for w in OrganizationFinder.suffixes.all {
            XCTAssertFalse(w.contains(where: TextClasses.bookOpen.contains), TextClasses.string(w))
        }
        XCTAssertTrue(OrganizationFinder.scanStops.contains("《"))
    }

    /// The word lookups that answer with a length answer as comparing every word of the list does.
    func testWordLengthsAreTheWordsFound() {
        let F = OrganizationFinder.self
        let lists = [F.suffixes, F.boundaryWords, F.protectedWords, F.bareWords, F.nationalWords, F.genericStarts, F.referringStarts,
                     F.attributiveWords, F.eventWords, F.objectWordList, TextClasses.words(["会", "工会", "工"])]
        let texts = ScanShortcutTests.texts.prefix(300) + Self.paragraphs(300, seed: 0x4F52_4735).map(\.text)
        var at = 0, before = 0, words = 0, limited = 0
        // Failures only are reported (an assertion per lookup made the test slow).
        func expect(_ got: Int, _ full: Int, _ t: [Unicode.Scalar], _ what: String) {
            if got != full { XCTFail("\(what) \(TextClasses.string(t)): \(got) != \(full)") }
        }
        for list in lists {
            for t in texts {
                for i in 0..<t.count {
                    for limit in Set([t.count, min(t.count, i + 2)]) {
                        let full = list.all.first { i + $0.count <= limit && TextClasses.has(t, i, $0) }?.count ?? 0
                        expect(list.length(at: i, in: t, limit: limit), full, t, "at \(i) limit \(limit)")
                        if full > 0 { at += 1 }
                        if full > 0, limit < t.count, list.all.first(where: { TextClasses.has(t, i, $0) })!.count > full { limited += 1 }
                    }
                    let end = i + 1
                    let fullBefore = list.all.first { TextClasses.hasBefore(t, end, $0) }?.count ?? 0
                    expect(list.length(before: end, in: t), fullBefore, t, "before \(end)")
                    if fullBefore > 0 { before += 1 }
                    for hi in (i + 1)...min(t.count, i + 6) {
                        let full = list.all.contains { $0.elementsEqual(t[i..<hi]) }
                        expect(list.isWord(t, i, hi) ? 1 : 0, full ? 1 : 0, t, "word \(i)..<\(hi)")
                        if full { words += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(at, 5_000)
        XCTAssertGreaterThan(before, 3_000)
        XCTAssertGreaterThan(words, 3_000)
        XCTAssertGreaterThan(limited, 20)
    }
}
