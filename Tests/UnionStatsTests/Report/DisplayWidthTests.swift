import XCTest
@testable import UnionStats

final class DisplayWidthTests: XCTestCase {
    func testWidthsByCharacterClass() {
        let cases: [(String, Int, String)] = [
            ("", 0, "empty"),
            ("abc 123", 7, "ASCII"),
            ("职工沟通会", 10, "CJK ideographs are wide"),
            ("１２３", 6, "full-width digits"),
            ("，（）％：", 10, "full-width punctuation"),
            ("。、「」", 8, "CJK punctuation"),
            ("ひらがなカタカナ", 16, "kana"),
            ("ｶﾀｶﾅ", 4, "half-width katakana is narrow"),
            ("한글", 4, "Hangul syllables"),
            ("e\u{301}", 1, "combining acute accent takes no column"),
            ("a\u{200B}b", 2, "zero-width space"),
            ("\u{FEFF}x", 1, "BOM as zero-width no-break space"),
            ("·", 1, "ambiguous middle dot counts 1"),
            ("“”", 2, "ambiguous curly quotes count 1 each"),
            ("※", 1, "ambiguous reference mark counts 1"),
            ("°×", 2, "ambiguous degree and times count 1"),
            ("😀", 2, "emoji presentation"),
            ("✅", 2, "emoji presentation in the dingbats block"),
            ("█", 1, "block element used by the bar chart is ambiguous: 1"),
            ("1,853场", 7, "mixed"),
            ("\t", 0, "control character"),
            ("𠀀", 2, "CJK extension B (astral plane)"),
        ]
        for (text, width, why) in cases {
            XCTAssertEqual(DisplayWidth.of(text), width, "\(why): \(text.debugDescription)")
        }
    }

    func testPaddingReachesTheDisplayWidth() {
        XCTAssertEqual(DisplayWidth.padLeft("1,853", to: 8), "   1,853")
        XCTAssertEqual(DisplayWidth.padRight("会议", to: 6), "会议  ")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.padRight("职工咨询", to: 12)), 12)
        XCTAssertEqual(DisplayWidth.padLeft("太长了", to: 2), "太长了", "never truncates")
        XCTAssertEqual(DisplayWidth.padRight("", to: 3), "   ")
    }
}
