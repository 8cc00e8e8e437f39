import XCTest
@testable import UnionStats

/// The finders' shortcuts skip only positions where the full reading finds nothing:
/// with and without them, the same results on varied text.
final class ScanShortcutTests: XCTestCase {
    /// Scalars the finders react to (numerals, date units, keyword and name parts, marks), and some they do not.
    static let alphabet = Array(("0123456789１２〇零一二两三四五六七八九十百千万几年月日号份度底末初中上下旬多余个来以至今到-—～~、，。；“”《》"
        + "截止自从近这连续期间前后当天今去明全半季每春节两五国庆元旦目现在如眼成立疫情十三四暑假"
        + "北京市朝阳区总工会委员会公司集团中心工作室街道县政府的了在与和各级基层职工人元名家户场次路号")
        .unicodeScalars)

    /// Deterministic texts: random mixes of `alphabet`, and every keyword with random text around it.
    static let texts: [[Unicode.Scalar]] = {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func random(_ length: Int) -> [Unicode.Scalar] { (0..<length).map { _ in alphabet[next(alphabet.count)] } }
        var out: [[Unicode.Scalar]] = (0..<4000).map { _ in random(1 + next(40)) }
        for k in TimePhraseFinder.keywords { out.append(random(next(4)) + k.word + random(next(6))) }
        // Pieces of dates, spans and durations run together with random text between them.
        let pieces = ["2019年", "二〇二〇年", "12月", "十一月", "3日", "21日", "三年来", "30多年来", "10个月来", "1—11月", "1-10月份", "今年",
                      "去年", "截至", "自", "从", "以来", "至今", "底", "上旬", "“两节”期间", "连续5年", "近两年来", "一季度", "1000名", "一线",
                      // Numerals before 个, 多, 余: durations (10多个月来) and not (3个人, 100多名, 20余家).
                      "3个", "个月", "个人", "100多", "20余", "多年", "余年来", "多个月来", "两个", "几个月来", "十多年来", "五"]
            .map { Array($0.unicodeScalars) }
        for _ in 0..<2000 {
            var t: [Unicode.Scalar] = []
            for _ in 0..<(1 + next(4)) { t += random(next(3)) + pieces[next(pieces.count)] }
            out.append(t + random(next(3)))
        }
        return out
    }()

    /// Names found with their senses read in place (`scanNames`) resolve as names found with their copy (`scan`).
    func testPlacesResolveTheSameFromTheTable() {
        let g = PipelineFixture.dictionaries.gazetteer
        let texts = ScanShortcutTests.texts + ["山东济宁市金乡县某公司", "河北沽源县的南法信镇和朝阳区、东城区", "王玉林在中山路与广西、西宁"].map(\.scalars)
        for defaultRegion in [nil, g.entry(path: "北京市"), g.entry(path: "陕西省")] {
            var a = RegionResolver(gazetteer: g, defaultRegion: defaultRegion), b = a
            for (s, t) in texts.enumerated() {
                let names = g.scanNames(t), matches = g.scan(t)
                // (`scan` is `scanNames` with the senses copied: its offsets are the same by construction.)
                XCTAssertEqual(names.count, matches.count)
                for (n, m) in zip(names, matches) {
                    XCTAssertEqual(Array(g.senses(inGroup: n.group)), m.senses)
                    // The group found while scanning is the written name's, as looked up by its string.
                    XCTAssertEqual(Array(g.senses(inGroup: n.group)), g.senses(of: TextClasses.string(t[n.start..<n.end])), TextClasses.string(t))
                    XCTAssertEqual(a.resolve(n, in: t, segment: s % 3), b.resolve(m, in: t, segment: s % 3), TextClasses.string(t))
                }
            }
        }
    }

    /// `nextMayStart` stops at the first position where `mayStart` holds, and there are many.
    func testNextMayStartIsTheFirstMayStart() {
        let lists = [OrganizationFinder.suffixes, OrganizationFinder.boundaryWords, TimePhraseFinder.keywordWords, TextClasses.words(["会"])]
        var stops = 0
        for words in lists {
            for t in ScanShortcutTests.texts {
                for i in 0...t.count {
                    let first = (i..<t.count).first { words.mayStart(t, $0) } ?? t.count
                    if first < t.count { stops += 1 }
                    XCTAssertEqual(words.nextMayStart(t, from: i), first, TextClasses.string(t))
                }
            }
        }
        XCTAssertGreaterThan(stops, 10_000)
    }

    /// `firstMember` stops at the first scalar the set contains, astral scalars included.
    func testFirstMemberIsTheFirstContained() {
        let sets = [TimePhraseFinder.startScalars, OrganizationFinder.suffixes.firsts, ScalarSet("𠀀年😀".unicodeScalars)]
        let texts = ScanShortcutTests.texts + ["𠀀", "a😀年", "😃𠀁𠀀", ""].map(\.scalars)
        for set in sets {
            for t in texts {
                t.withUnsafeBufferPointer { p in
                    for i in 0...t.count {
                        XCTAssertEqual(set.firstMember(p, from: i), (i..<t.count).first { set.contains(t[$0]) } ?? t.count)
                    }
                }
            }
        }
    }

    /// `lastMember` stops at the last scalar the set contains before the end, astral scalars included.
    func testLastMemberIsTheLastContained() {
        let sets = [TextClasses.sentenceEnd, TextClasses.clauseEnd, ScalarSet("𠀀年😀".unicodeScalars)]
        let texts = ScanShortcutTests.texts + ["𠀀", "a😀年", "😃𠀁𠀀", "", "。", "a，b。c"].map(\.scalars)
        var found = 0
        for set in sets {
            for t in texts {
                t.withUnsafeBufferPointer { p in
                    for end in 0...t.count {
                        let last = (0..<end).last { set.contains(t[$0]) } ?? -1
                        if last >= 0 { found += 1 }
                        XCTAssertEqual(set.lastMember(p, before: end), last)
                    }
                }
            }
        }
        XCTAssertGreaterThan(found, 1000)
    }

    /// Sentence and clause starts (read by pointer) are where reading back scalar by scalar stops,
    /// at every offset, before the text and past its end too.
    func testSentenceAndClauseStartsReadBack() {
        func readBack(_ t: [Unicode.Scalar], _ i: Int, _ ends: ScalarSet) -> Int {
            var k = min(i, t.count) - 1
            while k >= 0, !ends.contains(t[k]) { k -= 1 }
            return k + 1
        }
        let texts = ScanShortcutTests.texts + ["", "。", "，", "近日，职工。😀；今年", "𠀀，"].map(\.scalars)
        var inside = 0
        for t in texts {
            for i in -2...(t.count + 2) {
                let s = readBack(t, i, TextClasses.sentenceEnd), c = readBack(t, i, TextClasses.clauseEnd)
                if s > 0 && s < i { inside += 1 }
                XCTAssertEqual(TextClasses.sentenceStart(t, i), s, TextClasses.string(t))
                XCTAssertEqual(TextClasses.clauseStart(t, i), c, TextClasses.string(t))
            }
        }
        XCTAssertGreaterThan(inside, 100)
    }

    /// The keyword filter of first scalars and pairs passes every keyword the full lookup finds.
    func testKeywordFilterChangesNothing() {
        var found = 0
        for t in ScanShortcutTests.texts {
            for i in t.indices {
                let full = TimePhraseFinder.keywordIndex(at: i, in: t)
                if full != nil { found += 1 }
                XCTAssertEqual(TimePhraseFinder.keyword(at: i, in: t)?.word, full.map { TimePhraseFinder.keywords[$0].word },
                               TextClasses.string(t))
            }
        }
        XCTAssertGreaterThan(found, 1000)
    }

    /// The time scan's table of scalar classes says of every scalar what the sets say (each class met),
    /// and past U+FFFF the sets answer.
    func testTimeScalarClassesAreTheSets() {
        var met = [Int](repeating: 0, count: 4)
        for v in UInt32(0)..<0x11_0000 {
            guard let c = Unicode.Scalar(v) else { continue }
            let bits = TimePhraseFinder.scalarClass(c, TimePhraseFinder.scalarClasses)
            XCTAssertEqual(bits & TimePhraseFinder.startBit != 0, TimePhraseFinder.startScalars.contains(c), "\(v)")
            XCTAssertEqual(bits & TimePhraseFinder.otherBit != 0, TimePhraseFinder.otherStarts.contains(c), "\(v)")
            XCTAssertEqual(bits & TimePhraseFinder.numeralBit != 0, TimePhraseFinder.numerals.contains(c), "\(v)")
            XCTAssertEqual(bits & TimePhraseFinder.afterNumeralsBit != 0, TimePhraseFinder.afterNumerals.contains(c), "\(v)")
            for k in 0..<4 where bits & (1 << k) != 0 { met[k] += 1 }
        }
        XCTAssertTrue(met.allSatisfy { $0 > 3 }, "\(met)")
        // The members a bitmap lists are the set's below U+10000.
        let set = ScalarSet("𠀀年月０9\u{FFFF}\u{0}😀".unicodeScalars)
        XCTAssertEqual(set.bmpMembers, [0, 0x39, 0x5E74, 0x6708, 0xFF10, 0xFFFF])  // \0 9 年 月 ０ U+FFFF
    }

    /// At every start scalar, what `opening` tells is what `phrase(at:)` reads: nothing where it says
    /// none, and the keyword's phrase where it names a keyword; each answer is met many times.
    func testOpeningIsWhatThePhraseReads() {
        var none = 0, keyword = 0, unknown = 0
        for t in ScanShortcutTests.texts {
            for i in t.indices where TimePhraseFinder.startScalars.contains(t[i]) {
                let full = TimePhraseFinder.phrase(at: i, in: t)
                switch TimePhraseFinder.opening(t, i) {
                case .none:
                    none += 1
                    XCTAssertNil(full, TextClasses.string(t))
                case .keyword(let k):
                    keyword += 1
                    XCTAssertEqual(TimePhraseFinder.keywordPhrase(k, at: i, in: t), full, TextClasses.string(t))
                case .unknown:
                    unknown += 1
                }
            }
        }
        XCTAssertGreaterThan(none, 1000)
        XCTAssertGreaterThan(keyword, 1000)
        XCTAssertGreaterThan(unknown, 1000)
    }

    /// `isLead` (which segments' time phrases are read without a figure) holds the segments
    /// `leadSegments` lists: body paragraphs 0 and 1 and the headline block, whatever the body's length.
    func testIsLeadIsTheLeadSegments() {
        XCTAssertEqual(ArticleContext.leadSegments(bodyCount: 5), [0, 1, 5, 6])
        XCTAssertEqual(ArticleContext.leadSegments(bodyCount: 1), [0, 1, 2])
        XCTAssertEqual(ArticleContext.leadSegments(bodyCount: 0), [0, 1])
        for bodyCount in 0...8 {
            let segments = 0..<(bodyCount + 2)
            XCTAssertEqual(segments.filter { ArticleContext.isLead($0, bodyCount: bodyCount) },
                           ArticleContext.leadSegments(bodyCount: bodyCount).sorted(), "\(bodyCount)")
        }
    }

    /// A phrase whose label is a same-day word (当天, 当日 …) is labelled with its text.
    func testSameDayLabelsAreTheirText() {
        var sameDay = 0
        for t in ScanShortcutTests.texts + ["3月5日举办，当天有412人", "当日", "同一天", "e\u{301}当天"].map(\.scalars) {
            for p in TimePhraseFinder.find(in: t) where ArticleContext.sameDayWords.contains(p.label) {
                sameDay += 1
                XCTAssertEqual(p.label, TextClasses.string(t[p.start..<p.end]))
            }
        }
        XCTAssertGreaterThan(sameDay, 10)
    }

    func testTimePhraseShortcutChangesNothing() {
        // The texts hold phrases of every kind, not only text without any.
        XCTAssertGreaterThan(ScanShortcutTests.texts.filter { !TimePhraseFinder.findReadingEveryStart(in: $0).isEmpty }.count, 1500)
        for t in ScanShortcutTests.texts {
            XCTAssertEqual(TimePhraseFinder.find(in: t), TimePhraseFinder.findReadingEveryStart(in: t),
                           TextClasses.string(t))
        }
    }
}
