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

    /// `parse` as it was written before it read the numeral in place: an array of its scalars and
    /// one of their digits, then the same rules.
    static func parseWithArrays(_ cs: ArraySlice<Unicode.Scalar>) -> (low: Int, high: Int?)? {
        typealias N = ChineseNumeral
        guard !cs.isEmpty else { return nil }
        if cs.count == 1, let d = N.digit(cs[cs.startIndex]) { return (d, nil) }
        let c = Array(cs)
        let digits = c.map { N.digit($0) }
        if c.count >= 2, let a = digits[0], let b = digits[1], N.isRangePair(a, b) || (a == 1 && b == 2 && (c[1] == "两" || c[1] == "兩")) {
            var mult = 1
            for x in c.dropFirst(2) {
                guard let p = N.place(x), mult <= 100_000_000 else { return nil }
                mult *= p
            }
            return (a * mult, b * mult)
        }
        if digits.allSatisfy({ $0 != nil }) {
            if c.count == 1 { return (digits[0]!, nil) }
            guard c.count >= 3 || digits.contains(0) else { return nil }
            guard c.count <= 12 else { return nil }
            return (digits.reduce(0) { $0 * 10 + $1! }, nil)
        }
        var total = 0, section = 0, num = -1, lastSmall = 100_000, lastPlace = 0
        var sawZero = false, prevDigit = false
        for (k, x) in c.enumerated() {
            if let d = digits[k] {
                if d == 0 { sawZero = true; prevDigit = false; continue }
                if prevDigit { return nil }
                num = d
                prevDigit = true
            } else if let p = N.place(x) {
                prevDigit = false
                if p >= 10_000 {
                    var part = section + max(num, 0)
                    if part == 0 {
                        if total == 0 { part = 1 } else { return nil }
                    }
                    if p == 100_000_000 {
                        guard total < 100_000_000 else { return nil }
                        total = (total + part) * p
                    } else {
                        guard total % 100_000_000 == 0 else { return nil }
                        total += part * p
                    }
                    section = 0; num = -1; lastSmall = 100_000; sawZero = false
                } else {
                    guard p < lastSmall else { return nil }
                    let n: Int
                    if num >= 0 { n = num } else if p == 10 || (section == 0 && total == 0) { n = 1 } else { return nil }
                    section += n * p
                    num = -1
                    lastSmall = p
                }
                lastPlace = p
            } else {
                return nil
            }
        }
        if num >= 0 {
            if !sawZero && lastPlace >= 100 && (c.count >= 2 && N.place(c[c.count - 2]) != nil) { num *= lastPlace / 10 }
            section += num
        }
        return (total + section, nil)
    }

    /// Reading the numeral in place gives what the arrays gave: every run of up to three numeral
    /// scalars (and some other scalars), random longer runs, and slices that do not start at 0.
    func testInPlaceParseEqualsArrayParse() {
        let alphabet = Array("零〇一壹二贰貳两兩三叁四五六七八九玖十拾百佰千仟万萬亿億点个".unicodeScalars)
        func same(_ cs: ArraySlice<Unicode.Scalar>) {
            let a = ChineseNumeral.parse(cs), b = Self.parseWithArrays(cs)
            XCTAssertEqual(a?.low, b?.low, String(String.UnicodeScalarView(cs)))
            XCTAssertEqual(a?.high, b?.high, String(String.UnicodeScalarView(cs)))
            XCTAssertEqual(a == nil, b == nil, String(String.UnicodeScalarView(cs)))
        }
        for x in alphabet {
            same([x])
            for y in alphabet {
                same([x, y])
                for z in alphabet { same([x, y, z]); same((["第", x, y, z] as [Unicode.Scalar])[1...]) }
            }
        }
        var rng = SplitMix64(seed: 9)
        for _ in 0..<20_000 {
            let n = 1 + Int(rng.next() % 14)
            same(ArraySlice((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count - 2))] }))
        }
    }
}

