import XCTest
@testable import UnionStats

/// The class tables read by pointer (`OrganizationFinder.phraseStart`, `MetricFinder.collectBack`)
/// answer as the sets they stand for, at every scalar, astral ones included.
final class ScalarClassesTests: XCTestCase {
    static var everyScalar: [Unicode.Scalar] { (UInt32(0)...0x10_FFFF).compactMap(Unicode.Scalar.init) }

    func testPhraseStartClassesAreTheSets() {
        var counts = [0, 0, 0]
        for c in ScalarClassesTests.everyScalar {
            let bits = OrganizationFinder.phraseClass(c, OrganizationFinder.phraseClasses)
            let stop = TextClasses.punctuation.contains(c) || TextClasses.isDigit(c)
            let measure = OrganizationFinder.measureWords.contains(c), date = OrganizationFinder.dateUnits.contains(c)
            XCTAssertEqual(bits & OrganizationFinder.stopBit != 0, stop, String(c.value, radix: 16))
            XCTAssertEqual(bits & OrganizationFinder.measureBit != 0, measure, String(c.value, radix: 16))
            XCTAssertEqual(bits & OrganizationFinder.dateUnitBit != 0, date, String(c.value, radix: 16))
            if stop { counts[0] += 1 }; if measure { counts[1] += 1 }; if date { counts[2] += 1 }
        }
        XCTAssertEqual(counts[1], 9)
        XCTAssertEqual(counts[2], 4)
        XCTAssertGreaterThan(counts[0], 60)
    }

    func testCollectBackClassesAreTheSets() {
        var counts = [0, 0]
        for c in ScalarClassesTests.everyScalar {
            let bits = MetricFinder.backClass(c, MetricFinder.backClasses)
            let stop = MetricFinder.stopPunctuation.contains(c) || TextClasses.isDigit(c)
            let measure = MetricFinder.measureWords.contains(c)
            XCTAssertEqual(bits & MetricFinder.stopBit != 0, stop, String(c.value, radix: 16))
            XCTAssertEqual(bits & MetricFinder.measureBit != 0, measure, String(c.value, radix: 16))
            if stop { counts[0] += 1 }; if measure { counts[1] += 1 }
        }
        XCTAssertEqual(counts[1], 24)
        XCTAssertGreaterThan(counts[0], 30)
    }

    /// Past U+FFFF the sets are asked: a set with an astral member answers for it.
    func testAstralScalarsAreAskedOfTheSets() {
        let sets: [(ScalarSet, UInt8)] = [(ScalarSet("𠀀年".unicodeScalars), 1), (ScalarSet("😀年".unicodeScalars), 2)]
        let table = ScalarClasses.table(sets)
        XCTAssertEqual(ScalarClasses.bySets("𠀀", sets), 1)
        XCTAssertEqual(ScalarClasses.bySets("😀", sets), 2)
        XCTAssertEqual(ScalarClasses.bySets("𠀁", sets), 0)
        XCTAssertEqual(table[Int(("年" as Unicode.Scalar).value)], 3)
        XCTAssertEqual(table[Int(("月" as Unicode.Scalar).value)], 0)
    }

    /// `TextClasses.numerals` (one set, one lookup) is what `isNumeral` said as two sets and two points, at every scalar.
    func testNumeralsIsDigitsChineseDigitsAndPoints() {
        var members = 0
        for c in ScalarClassesTests.everyScalar {
            let byParts = TextClasses.digits.contains(c) || TextClasses.chineseDigits.contains(c) || c == "." || c == "．"
            XCTAssertEqual(TextClasses.numerals.contains(c), byParts, String(c.value, radix: 16))
            XCTAssertEqual(TextClasses.isNumeral(c), byParts, String(c.value, radix: 16))
            if byParts { members += 1 }
        }
        XCTAssertEqual(members, 20 + 17 + 2)
    }
}
