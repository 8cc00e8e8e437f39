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
        return out
    }()

    func testTimePhraseShortcutChangesNothing() {
        // The texts hold phrases of every kind, not only text without any.
        XCTAssertGreaterThan(ScanShortcutTests.texts.filter { !TimePhraseFinder.find(in: $0, prefiltered: false).isEmpty }.count, 500)
        for t in ScanShortcutTests.texts {
            XCTAssertEqual(TimePhraseFinder.find(in: t, prefiltered: true), TimePhraseFinder.find(in: t, prefiltered: false),
                           TextClasses.string(t))
        }
    }
}
