import XCTest
@testable import UnionStats

/// Lookups that read scalars or bytes in place answer as the ones that decode strings.
final class LookupShortcutTests: XCTestCase {
    /// A metric given as scalars in the middle of a paragraph matches as the same phrase given as a string.
    func testMetricMatchOnScalarsIsMatchOnTheString() {
        let m = PipelineFixture.dictionaries.metrics
        var phrases = ["职工沟通会", "“八大群体”职工入会率", "在档困难职工人数", "星期", "", "慰问款物价值", "申请入会职工数量"]
        for metric in m.metrics { phrases += [metric.nameZH, "全市" + metric.nameZH, metric.nameZH + "数"] + metric.synonyms }
        for p in phrases {
            let text = Array("近日，".unicodeScalars) + Array(p.unicodeScalars) + Array("12场。".unicodeScalars)
            let slice = text[3..<(3 + p.unicodeScalars.count)]
            XCTAssertEqual(m.match(scalars: slice)?.id, m.match(p)?.id, p)
        }
    }

    /// `metricSpanned` answers as the per-segment list of metric spans it replaced: the spans (start >= 0) of the
    /// segment's figures' metrics; figures of other segments, without a metric or with one taken elsewhere do not count.
    func testMetricSpannedIsTheSegmentsMetricSpans() {
        var rng = SplitMix64(seed: 0x4D53_504E)
        var tested = 0, spanned = 0
        for _ in 0..<2_000 {
            var figures: [ArticleContext.Fig] = []
            for _ in 0..<rng.int(0...6) {
                let start = rng.int(0...20), seg = rng.int(0...2)
                let metric: MetricSpan? = rng.int(0...3) == 0 ? nil
                    : rng.int(0...3) == 0 ? MetricSpan(text: "职工", start: -1, end: -1)
                    : MetricSpan(text: "职工", start: start, end: start + rng.int(1...5))
                figures.append(ArticleContext.Fig(seg: seg, start: 0, end: 1, metric: metric))
            }
            for s in 0...2 {
                let spans = figures.compactMap { f -> Range<Int>? in
                    guard f.seg == s, let m = f.metric, m.start >= 0 else { return nil }
                    return m.start..<m.end
                }
                for k in 0...26 {
                    let full = spans.contains { $0.contains(k) }
                    tested += 1
                    if full { spanned += 1 }
                    XCTAssertEqual(ArticleContext.metricSpanned(figures, s, where: { $0.contains(k) }), full)
                }
            }
        }
        XCTAssertGreaterThan(spanned, 1_000)
        XCTAssertGreaterThan(tested - spanned, 1_000)
    }

    /// A prefix test that first compares first bytes answers as `hasPrefix` on the strings.
    func testAnyPrefixIsTheStringsHasPrefix() {
        var rng = SplitMix64(seed: 0x5052_4546)
        for list in [ContextResolver.stateLabels, ArticleContext.nationalStarts, LiteralWords(["", "a", "ｅ"])] {
            let pieces = list.words + ["当前", "截", "目", "中国", "全", "国", "e\u{301}", "\u{301}", "😀", "a", "，"]
            var prefixed = 0
            for _ in 0..<5_000 {
                var s = ""
                for _ in 0..<rng.int(0...3) { s += rng.pick(pieces) }
                let full = list.words.contains { s.hasPrefix($0) }
                if full { prefixed += 1 }
                XCTAssertEqual(list.anyPrefix(of: s), full, s)
            }
            XCTAssertGreaterThan(prefixed, 500)
        }
    }

    /// An organization's union endings read from its scalars are those of its name as a string.
    func testUnionEndingsFromScalarsAreTheStringsOnes() {
        let names = ["北京市总工会", "顺义区总工会", "公司工会", "工会委员会", "某集团工会联合会", "工会", "总工会", "会", "", "中心",
                     "工会会员", "e\u{301}工会", "工会\u{301}", "\u{600}工会", "市总工会\u{200D}", "总工会委员会"]
        for n in names {
            let flags = ArticleContext.unionFlags(n.scalars[...])
            XCTAssertEqual(flags.union, ArticleContext.isUnion(n), n)
            XCTAssertEqual(flags.general, TextClasses.hasSuffix(n, "总工会"), n)
        }
    }

    /// A short reference's expansion tests a written name on its scalars as on the strings.
    func testWrittenNameExtendsAsTheStrings() {
        let names = ["北京市总工会", "顺义区总工会", "区总工会", "总工会", "公司工会", "该公司工会", "某集团公司工会", "", "会",
                     "e\u{301}总工会", "总工会\u{301}", "区\u{301}总工会", "\u{600}区总工会", "市总工会\u{200D}", "Ａ公司工会"]
        for n in names {
            for c in names + ["工会", "公司", "\u{301}总工会"] {
                XCTAssertEqual(ArticleContext.extends(TextTest(n.scalars[...]), TextTest(c.scalars[...])),
                               TextClasses.hasSuffix(n, c) && n != c, "\(n) \(c)")
            }
        }
    }

    /// A percent unit is `%` or `％` as `==` on the strings tells.
    func testPercentUnitByBytesIsTheWordsTest() {
        let units = ["%", "％", "", "%%", "元", "%\u{301}", "％\u{301}", "\u{301}%", "百分比", "万元", "%元", "﹪", "٪",
                     String(decoding: Array("%".utf8), as: UTF8.self), NSString(string: "％") as String]
        for u in units { XCTAssertEqual(TextClasses.isPercent(u), u == "%" || u == "％", u) }
    }

    /// `LiteralWords.contains`, settled by bytes and first scalars, answers as `==` on the strings: for hits,
    /// misses that share a word's first scalar, text with a non-plain first scalar equal to a plain word
    /// (豈 U+F900 is 豈 U+8C48, the Kelvin sign is K), and non-plain words.
    func testLiteralWordsContainsIsTheStringsEquality() {
        var rng = SplitMix64(seed: 0x4C57_4344)
        let lists = [TextClasses.percentUnits, ArticleContext.sameDayWords, MetricFinder.yuan, ContextResolver.stateLabels,
                     RegionResolver.municipalities, LiteralWords(["", "a", "ｅ", "\u{8C48}天", "K", "é", "e\u{301}x"])]
        let pieces = ["当", "天", "日", "同", "一", "前", "元", "万", "%", "％", "目", "北京", "市", "\u{F900}", "\u{8C48}",
                      "\u{212A}", "K", "a", "ｅ", "e", "\u{301}", "é", "x", "😀", "，"]
        for list in lists {
            var hits = 0, sameFirst = 0, nonPlainFirst = 0
            for n in 0..<6_000 {
                // Every word as it is, then random strings of one to three pieces, some a word with a piece added.
                var s = n < list.words.count ? list.words[n] : ""
                if n >= list.words.count {
                    if rng.int(0...3) == 0 { s = rng.pick(list.words) }
                    for _ in 0..<rng.int(0...3) { s += rng.pick(pieces) }
                }
                let full = list.words.contains { s == $0 }
                if full { hits += 1 }
                if !full, let c = s.unicodeScalars.first, list.words.contains(where: { $0.unicodeScalars.first == c }) { sameFirst += 1 }
                if let c = s.unicodeScalars.first, !TextClasses.isPlain(c) { nonPlainFirst += 1 }
                XCTAssertEqual(list.contains(s), full, s)
            }
            XCTAssertGreaterThan(hits, 50, "\(list.words)")
            XCTAssertGreaterThan(sameFirst, 50, "\(list.words)")
            XCTAssertGreaterThan(nonPlainFirst, 50, "\(list.words)")
        }
        // Canonical equivalents the bytes alone would miss.
        let odd = LiteralWords(["\u{8C48}天", "K", "é"])
        for s in ["\u{F900}天", "\u{212A}", "e\u{301}"] { XCTAssertTrue(odd.contains(s), s) }
    }

    /// Every whitespace scalar is seen by the byte test that lets a figure's raw text skip decoding.
    func testWhitespaceIsAlwaysSuspected() {
        for v in UInt32(0)...0x10FFFF {
            guard let c = Unicode.Scalar(v), c.properties.isWhitespace else { continue }
            XCTAssertTrue(NormalizeStage.mayHoldWhitespace("12" + String(c) + "万元"), String(v, radix: 16))
        }
        XCTAssertFalse(NormalizeStage.mayHoldWhitespace("248万余元"))
    }
}
