import XCTest
@testable import UnionStats

/// Shortcuts of `Headlines`: the label test counts a line before it copies it, and an article's
/// single headline line is picked without the general rules.
final class HeadlineShortcutTests: XCTestCase {
    private let pool: [Unicode.Scalar] = ["工", "会", "动", "态", "要", "闻", "图", "说", "职", "工", "之", "声", "总",
                                          " ", "\u{3000}", "G", "a", "7", "，", "—", "-", "、", "新", "特", "写"]

    private func lines() -> [[Unicode.Scalar]] {
        var rng = SplitMix64(seed: 11)
        var out: [[Unicode.Scalar]] = ["工会动态", "G 新闻特写", "A1 要闻", " 图 说 ", "工会动态工会动态", "安康市总工会",
                                       "—记者手记", "对口帮扶暖人心,圆贫困学子上学梦", "ab12", ""].map { Array($0.unicodeScalars) }
        for _ in 0..<4000 { out.append((0..<rng.int(0...12)).map { _ in rng.pick(pool) }) }
        // Labels with spaces and letters put in, so that the copying test says yes often.
        for label in ["工会动态", "要闻", "图说", "职工之声", "新闻特写"] {
            for _ in 0..<40 {
                var l: [Unicode.Scalar] = []
                if rng.int(0...1) == 1 { l.append(rng.pick(["G", "a", "7", " "])) }
                for x in label.unicodeScalars { l.append(x); if rng.int(0...3) == 0 { l.append(" ") } }
                out.append(l)
            }
        }
        return out
    }

    func testLabelLengthIsTheCopysLength() {
        var labels = 0, short = 0, long = 0
        for l in lines() {
            var c = Scalars.withoutSpaces(l)
            while let f = c.first, Scalars.isASCIILetter(f) || Scalars.isASCIIDigit(f) { c.removeFirst() }
            XCTAssertEqual(Headlines.labelLength(l), c.count, "\(l)")
            XCTAssertEqual(Headlines.isLabel(l), Headlines.isLabelCopying(l), "\(l)")
            if Headlines.isLabel(l) { labels += 1 }
            if c.count <= 6 { short += 1 } else { long += 1 }
        }
        XCTAssertGreaterThan(labels, 100)
        XCTAssertGreaterThan(short, 500)
        XCTAssertGreaterThan(long, 500)
    }

    func testOneHeadlineLineIsPickedAsTheGeneralRulesPickIt() {
        var none = 0, secondary = 0, plain = 0
        for l in lines() {
            XCTAssertEqual(Headlines.mainIndex([l]), Headlines.mainIndexOfSeveral([l]), "\(l)")
            if Headlines.mainIndex([l]) < 0 { none += 1 } else if Headlines.isSecondary(l) { secondary += 1 } else { plain += 1 }
        }
        XCTAssertGreaterThan(none, 100)
        XCTAssertGreaterThan(secondary, 100)
        XCTAssertGreaterThan(plain, 100)
        // Several lines still take the general rules.
        let block = ["守住职业安全底线,保障职工合法权益", "广西工会助力困难职工圆梦"].map { Array($0.unicodeScalars) }
        XCTAssertEqual(Headlines.mainIndex(block), 1)
        XCTAssertEqual(Headlines.mainIndex([]), -1)
    }
}

/// The copy-free tests of `Headlines` agree with the tests on a compact copy.
final class HeadlineCompactTests: XCTestCase {
    func testSecondaryAndKickerTestsReadTheLineAsTheCopy() {
        let pool: [Unicode.Scalar] = ["工", "会", "总", "市", "安", "康", " ", "\u{3000}", "—", "-", "－", "，", ",", "、", "；",
                                      ";", "a", "1", "动", "态"]
        var rng = SplitMix64(seed: 5)
        var secondary = 0, plain = 0, kicker = 0, longKicker = 0
        for _ in 0..<6000 {
            var l = (0..<rng.int(0...16)).map { _ in rng.pick(pool) }
            if rng.int(0...3) == 0 { l += ["工", "会"] + (rng.int(0...1) == 0 ? [" "] : []) }
            let c = Scalars.withoutSpaces(l)
            XCTAssertEqual(Headlines.compactCount(l), c.count, "\(l)")
            XCTAssertEqual(Headlines.isSecondary(l), Headlines.isSecondaryCopying(l), "\(l)")
            XCTAssertEqual(Headlines.isOrganizationKicker(l), c.count <= 12 && Bylines.hasSuffix(c, Headlines.union), "\(l)")
            if Headlines.isSecondary(l) { secondary += 1 } else { plain += 1 }
            if Headlines.isOrganizationKicker(l) { kicker += 1 }
            if c.count > 12 && Bylines.hasSuffix(c, Headlines.union) { longKicker += 1 }
        }
        XCTAssertGreaterThan(secondary, 500)
        XCTAssertGreaterThan(plain, 500)
        XCTAssertGreaterThan(kicker, 20)
        XCTAssertGreaterThan(longKicker, 5)
    }
}
