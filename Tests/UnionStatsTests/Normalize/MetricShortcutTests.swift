import XCTest
@testable import UnionStats

/// The metric finder reads the noun before a figure only when the noun after it may not decide:
/// on varied sentences, the same metric as reading both.
final class MetricShortcutTests: XCTestCase {
    typealias S = Unicode.Scalar

    /// A sentence of random words from the finder's own lists and common nouns, with figures (a number
    /// and a unit) among them; returns the text and each figure's offsets and unit.
    static func sentence(_ rng: inout SplitMix64) -> (text: [S], figures: [(raw: Range<Int>, unit: String)]) {
        let words = MetricFinder.afterStops.all + MetricFinder.linkers.all + MetricFinder.beforeStops.all
            + MetricFinder.purposeVerbs.all + MetricFinder.leadingVerbs.all + MetricFinder.trailingWords.all
            + MetricFinder.gapQualifiers.all + MetricFinder.scopeWords.all
            + ["职工", "困难职工", "慰问金", "助学金", "会员人数", "北京市", "人数", "数量", "同比增长", "比上年", "职工书屋", "经费",
               "总工会", "兰州市总工会", "金奖", "选手", "2019年", "今年", "每人", "每份", "各类"].map { Array($0.unicodeScalars) }
        let marks = ["，", "。", "、", "“", "”", " ", "的", "（", "）"].map { Array($0.unicodeScalars) }
        let numbers = ["12", "4.1万", "三", "1853", "80万", "6.8", "300余", "两"].map { Array($0.unicodeScalars) }
        let units = ["元", "%", "％", "人", "名", "个", "场", "家", "万元", "次", ""]
        var text: [S] = [], figures: [(raw: Range<Int>, unit: String)] = []
        for _ in 0..<rng.int(2...14) {
            switch rng.int(0...9) {
            case 0, 1:
                let unit = rng.pick(units), start = text.count
                text += rng.pick(numbers) + Array(unit.unicodeScalars)
                figures.append((start..<text.count, unit))
            case 2, 3: text += rng.pick(marks)
            default: text += rng.pick(words)
            }
        }
        return (text, figures)
    }

    /// `pair` is `TextClasses.has` of the two scalars, at every offset, the last one and past the end included.
    func testPairIsHasOfTwoScalars() {
        let t = Array("100人左右，以上之多上下左".unicodeScalars)
        var matched = 0
        for (a, b) in [("左", "右"), ("以", "上"), ("上", "下"), ("之", "多"), ("下", "左")] as [(S, S)] {
            for i in 0...(t.count + 1) {
                if TextClasses.has(t, i, [a, b]) { matched += 1 }
                XCTAssertEqual(MetricFinder.pair(t, i, a, b), TextClasses.has(t, i, [a, b]), "\(a)\(b) at \(i)")
            }
        }
        XCTAssertEqual(matched, 5)  // 左右, 以上, 之多, 上下 and 下左
    }

    /// The noun after a figure skips 左右, 以上, 上下, 之多 in that order, each where the one before left off:
    /// 左右 after 以上 is not skipped (and, a stop word, leaves no noun).
    func testNounAfterSkipsApproximationsInOrder() {
        func after(_ s: String) -> String? {
            let t = Array(s.unicodeScalars)
            return MetricFinder.nounAfter(t, 3, []).map(\.text)
        }
        XCTAssertEqual(after("12间职工倾听室"), "职工倾听室")
        XCTAssertEqual(after("12间左右职工倾听室"), "职工倾听室")
        XCTAssertEqual(after("12间左右以上职工倾听室"), "职工倾听室")
        XCTAssertEqual(after("12间以上之多职工倾听室"), "职工倾听室")
        XCTAssertEqual(after("12间上下职工倾听室"), "职工倾听室")
        XCTAssertNil(after("12间以上左右职工倾听室"))
        XCTAssertNil(after("12间之多以上职工倾听室"))
    }

    /// The organization-name test on a span's scalars answers as on its text: plain, spaced and combining.
    func testOrganizationNameFromScalarsIsTheStringsTest() {
        var rng = SplitMix64(seed: 0x4F52_474E)
        let pieces = MetricFinder.organizationEnds.words + ["兰州市", "职工", "工", "会", "公", "司", " ", "\u{3000}", "“", "”", "e\u{301}",
                                                           "会\u{301}", "😀", "Ａ"]
        var names = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<rng.int(1...5) { text += rng.pick(pieces) }
            let t = text.scalars
            let a = rng.int(0...(t.count - 1)), b = rng.int((a + 1)...t.count)
            guard let span = MetricFinder.trimmed(t, a, b) else { continue }
            let full = MetricFinder.isOrganizationName(span.text)
            if full { names += 1 }
            XCTAssertEqual(MetricFinder.isOrganizationName(span, in: t), full, text)
        }
        XCTAssertGreaterThan(names, 1_000)
    }

    func testSkippingTheNounBeforeChangesNothing() {
        var rng = SplitMix64(seed: 0x4D45_5452)
        var figures = 0, decidedAfter = 0
        for _ in 0..<20_000 {
            let (t, found) = MetricShortcutTests.sentence(&rng)
            let times = TimePhraseFinder.find(in: t).map { $0.start..<$0.end }
            let placeName = Array("北京市".unicodeScalars)
            let placeSpans = t.indices.filter { TextClasses.has(t, $0, placeName) }.map { $0..<($0 + placeName.count) }
            var previous: MetricSpan? = nil
            for f in found {
                let places = rng.chance(0.3) ? [] : placeSpans
                let quick = MetricFinder.find(in: t, raw: f.raw, unit: f.unit, times: times, previous: previous, places: places,
                                              previousInSentence: previous)
                let full = MetricFinder.byEveryRule(in: t, raw: f.raw, unit: f.unit,
                                                    after: MetricFinder.nounAfter(t, f.raw.upperBound, times),
                                                    percent: f.unit == "%" || f.unit == "％", times: times, previous: previous,
                                                    places: places, previousInSentence: previous)
                XCTAssertEqual(quick, full, TextClasses.string(t))
                figures += 1
                if MetricFinder.nounAfter(t, f.raw.upperBound, times) != nil { decidedAfter += 1 }
                previous = full
            }
        }
        // Both ways are tried often: figures with a noun after them, and without.
        XCTAssertGreaterThan(decidedAfter, 5_000)
        XCTAssertGreaterThan(figures - decidedAfter, 5_000)
    }
}
