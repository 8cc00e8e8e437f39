import XCTest
@testable import UnionStats

/// The word lists of the figure rules are tested against a scalar or two before their words are
/// compared; the quick tests must never say no where comparing every word finds one.
final class WordListLookupTests: XCTestCase {
    /// Scalars of the lists' words and others, so that random texts hit and miss them.
    static let alphabet: [Unicode.Scalar] = {
        var a = Set("左右上下以内有余之简称为手班一二三两四五个人次场名项目标民才员部门期间对象双方副主本市单位元旦起来面向只有升级米面".unicodeScalars)
        for w in NotAFigure.setPhrases { a.formUnion(w.unicodeScalars) }
        return a.sorted { $0.value < $1.value } + ["，", "。", "1", "2"]
    }()

    static func texts(_ count: Int, seed: UInt64) -> [[Unicode.Scalar]] {
        var rng = SplitMix64(seed: seed)
        var out: [[Unicode.Scalar]] = NotAFigure.setPhrases.map { $0.scalarArray }
        for _ in 0..<count { out.append((0..<Int(1 + rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }) }
        return out
    }

    func testSuffixesAsByComparingEveryWord() {
        for s in Self.texts(20_000, seed: 1) {
            for k in 0...s.count {
                var expected: (end: Int, qualifier: Qualifier)?
                for x in QualifierWords.suffixes where s.matches(x.word, at: k) {
                    let e = k + x.word.count
                    if e < s.count, x.notBefore.contains(s[e]) { continue }
                    expected = (e, x.qualifier)
                    break
                }
                let got = QualifierWords.suffix(s, at: k)
                XCTAssertEqual(got?.end, expected?.end)
                XCTAssertEqual(got?.qualifier, expected?.qualifier)
            }
        }
    }

    func testCompoundsAsByComparingEveryWord() {
        let entries = ["人", "项", "次", "双", "本", "元", "升", "米", "名", "场"].compactMap { MeasureWords.match([$0], at: 0) }
        XCTAssertEqual(entries.count, 10)
        for s in Self.texts(3_000, seed: 2) {
            for e in entries {
                for k in 0...s.count {
                    let expected = !e.exceptions.contains(where: { s.matches($0, at: k) }) && e.compounds.contains { s.matches($0, at: k) }
                    XCTAssertEqual(MeasureWords.isCompound(e, s, after: k), expected, "\(String(String.UnicodeScalarView(s))) \(k)")
                }
            }
        }
    }

    func testSetPhrasesAsByComparingEveryPhrase() {
        let phrases = NotAFigure.setPhrases.map { $0.scalarArray }
        var found = 0
        for s in Self.texts(3_000, seed: 3) {
            for i in 0..<s.count {
                for e in (i + 1)...min(s.count, i + 3) {
                    var expected = false
                    for k in i..<e where ChineseNumeral.isNumeral(s[k]) {
                        for p in phrases {
                            for (o, c) in p.enumerated() where c == s[k] && s.matches(p, at: k - o) { expected = true }
                        }
                    }
                    XCTAssertEqual(NotAFigure.isSetPhrase(s, numberStart: i, numberEnd: e), expected, "\(String(String.UnicodeScalarView(s))) \(i)..<\(e)")
                    if expected { found += 1 }
                }
            }
        }
        XCTAssertGreaterThan(found, 100)
    }
}
