import XCTest
@testable import UnionStats

final class ChineseNumeralTests: XCTestCase {
    private func parse(_ s: String) -> (Int, Int?)? {
        ChineseNumeral.parse(ArraySlice(Array(s.unicodeScalars))).map { ($0.low, $0.high) }
    }

    func testStandardNumerals() {
        let cases: [(String, Int)] = [
            ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105),
            ("三千二百", 3200), ("百", 100), ("千", 1000), ("万", 10_000), ("两万", 20_000), ("十二万", 120_000),
            ("一千二", 1200), ("三万五", 35_000), ("一百五", 150), ("一亿二千万", 120_000_000), ("二〇一九", 2019),
            ("三千零八十", 3080),
            // Traditional and financial forms.
            ("兩萬", 20_000), ("壹佰", 100), ("貳拾", 20), ("叁仟", 3000), ("一億", 100_000_000),
        ]
        for (text, value) in cases {
            guard let r = parse(text) else { XCTFail("\(text) did not parse"); continue }
            XCTAssertEqual(r.0, value, text)
            XCTAssertNil(r.1, text)
        }
    }

    func testLooseRanges() {
        let cases: [(String, Int, Int)] = [("两三", 2, 3), ("三四十", 30, 40), ("三五", 3, 5), ("一两", 1, 2), ("七八百", 700, 800)]
        for (text, low, high) in cases {
            guard let r = parse(text) else { XCTFail("\(text) did not parse"); continue }
            XCTAssertEqual(r.0, low, text)
            XCTAssertEqual(r.1, high, text)
        }
    }

    /// Runs of numerals that are names and slogans, not numbers.
    func testMalformedRunsAreRejected() {
        for text in ["十十", "五一", "十二五", "一一", "百千"] {
            XCTAssertNil(parse(text), text)
        }
    }

    /// `parse` reads the numeral in place, by offsets from the slice's start. Held to values stated
    /// independently of it: a table of written numerals (places 十百千万亿, 零, 两, loose ranges,
    /// positional digits, plain and financial digits mixed, malformed runs) and numerals written from
    /// random values by `written`, each parsed alone and cut from the middle of a longer array (and
    /// of a slice of it). Then, for every run of up to three numeral scalars (and some other scalars)
    /// and random longer runs, the run cut from a text parses as the run alone, malformed ones included.
    func testParseInPlaceOfSlicesFromAnywhere() {
        var rng = SplitMix64(seed: 9)
        let filler = Array("第年名个人元点的".unicodeScalars)
        /// `parse` of `run` alone, and cut from arrays where it starts mid-array: all must be `expected`.
        func check(_ run: [Unicode.Scalar], _ expected: (Int, Int?)?) {
            let label = String(String.UnicodeScalarView(run))
            let before = (0..<rng.int(1...6)).map { _ in rng.pick(filler) }
            let after = (0..<rng.int(0...3)).map { _ in rng.pick(filler) }
            let text = before + run + after
            let cut = text[before.count..<(before.count + run.count)]
            // A slice of a slice: its indices are the outer array's, far from zero.
            let outer = text[1...]
            for slice in [run[...], cut, outer[before.count..<(before.count + run.count)]] {
                let r = ChineseNumeral.parse(slice)
                XCTAssertEqual(r?.low, expected?.0, label)
                XCTAssertEqual(r?.high, expected?.1, label)
                XCTAssertEqual(r == nil, expected == nil, label)
            }
        }
        let stated: [(String, (Int, Int?)?)] = [
            ("零", (0, nil)), ("五", (5, nil)), ("两", (2, nil)), ("十", (10, nil)), ("十二", (12, nil)), ("一十二", (12, nil)),
            ("二十", (20, nil)), ("百", (100, nil)), ("一百一十二", (112, nil)), ("一百零五", (105, nil)), ("两百", (200, nil)),
            ("三千零八十", (3080, nil)), ("两千零一十九", (2019, nil)), ("一千二", (1200, nil)), ("一百五", (150, nil)),
            ("万", (10_000, nil)), ("两万", (20_000, nil)), ("三万五", (35_000, nil)), ("十万零二百", (100_200, nil)),
            ("一万零五", (10_005, nil)), ("十二万", (120_000, nil)), ("一亿", (100_000_000, nil)), ("一亿零五", (100_000_005, nil)),
            ("一亿二千万", (120_000_000, nil)), ("三亿零五万", (300_050_000, nil)), ("九千九百亿", (990_000_000_000, nil)),
            // Positional digits: three or more, or with a zero.
            ("二〇一九", (2019, nil)), ("一九九八", (1998, nil)), ("二〇〇〇", (2000, nil)), ("一〇", (10, nil)),
            // Plain and financial digits and places mixed.
            ("壹佰贰拾", (120, nil)), ("兩萬", (20_000, nil)), ("叁仟零伍", (3005, nil)), ("一佰二拾三", (123, nil)),
            ("貳億陆仟萬", (260_000_000, nil)),
            // Loose ranges.
            ("两三", (2, 3)), ("一两", (1, 2)), ("三五", (3, 5)), ("三四十", (30, 40)), ("七八百", (700, 800)),
            ("两三千", (2000, 3000)), ("三五万", (30_000, 50_000)),
            // Names, slogans and codes, not numbers.
            ("十十", nil), ("五一", nil), ("十二五", nil), ("一一", nil), ("百千", nil), ("二二", nil), ("一亿一亿", nil),
            ("一万二万", nil), ("3万", nil), ("一点五", nil), ("一二三四五六七八九一二三", nil),
        ]
        for (text, value) in stated { check(Array(text.unicodeScalars), value) }
        for _ in 0..<20_000 {
            let v = rng.chance(0.3) ? rng.int(0...99_999) : rng.int(0...999_999_999_999)
            check(ChineseNumeralTests.written(v, &rng), (v, nil))
        }

        let alphabet = Array("零〇一壹二贰貳两兩三叁四五六七八九玖十拾百佰千仟万萬亿億点个".unicodeScalars)
        func same(_ run: [Unicode.Scalar]) {
            let alone = ChineseNumeral.parse(run[...])
            let text: [Unicode.Scalar] = ["第"] + run + ["名"]
            let inText = ChineseNumeral.parse(text[1..<(1 + run.count)])
            XCTAssertEqual(alone?.low, inText?.low, String(String.UnicodeScalarView(run)))
            XCTAssertEqual(alone?.high, inText?.high, String(String.UnicodeScalarView(run)))
            XCTAssertEqual(alone == nil, inText == nil, String(String.UnicodeScalarView(run)))
        }
        for x in alphabet {
            same([x])
            for y in alphabet {
                same([x, y])
                for z in alphabet { same([x, y, z]) }
            }
        }
        for _ in 0..<20_000 {
            let n = 1 + Int(rng.next() % 14)
            same((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count - 2))] })
        }
    }

    /// `v` (0 ≤ v < 10¹²) written as a Chinese numeral is commonly written, independently of `parse`:
    /// groups of 亿, 万 and units, each digit with its place, one 零 for skipped places before a digit,
    /// 十 or 一十 at the start, 两 or 二 before 百, 千 and a lone 万 or 亿 digit, plain or financial forms at random.
    static func written(_ v: Int, _ rng: inout SplitMix64) -> [Unicode.Scalar] {
        guard v > 0 else { return ["零"] }
        let digits: [[Unicode.Scalar]] = [["零"], ["一", "壹"], ["二", "贰", "貳"], ["三", "叁"], ["四", "肆"], ["五", "伍"],
                                          ["六", "陆", "陸"], ["七", "柒"], ["八", "捌"], ["九", "玖"]]
        let places: [Int: [Unicode.Scalar]] = [10: ["十", "拾"], 100: ["百", "佰"], 1000: ["千", "仟"]]
        let groups: [(value: Int, mark: [Unicode.Scalar])] = [(v / 100_000_000, ["亿", "億"]), (v / 10_000 % 10_000, ["万", "萬"]),
                                                              (v % 10_000, [])]
        var out: [Unicode.Scalar] = []
        var zero = false  // a place was skipped: 零 before the next digit
        for g in groups {
            guard g.value > 0 else { if !out.isEmpty { zero = true }; continue }
            for place in [1000, 100, 10, 1] {
                let d = g.value / place % 10
                guard d > 0 else { if !out.isEmpty { zero = true }; continue }
                if zero { out.append("零"); zero = false }
                if place == 10, d == 1, out.isEmpty, rng.chance(0.5) { out.append(rng.pick(places[10]!)); continue }
                let lone = place == 1 && g.value < 10 && !g.mark.isEmpty
                out.append(d == 2 && (place >= 100 || lone) && rng.chance(0.5) ? rng.pick(["两", "兩"]) : rng.pick(digits[d]))
                if place > 1 { out.append(rng.pick(places[place]!)) }
            }
            if !g.mark.isEmpty { out.append(rng.pick(g.mark)) }
        }
        return out
    }
}
