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

    /// `of(utf8:)` reads 汉字 from the lead byte (E5–E9, or E4 from B8 on) without decoding;
    /// every other character is decoded and measured as a scalar. Both give the scalars' sum.
    func testTheLeadByteShortcutMatchesTheScalarWidths() {
        let texts = [
            "一丁", "\u{4E00}\u{4DFF}\u{4DB5}\u{4FFF}\u{5000}\u{9FFF}",   // E4 B8 (taken), E4 B7 and E4 B6 (not taken: decoded), E4 BF, E5, E9
            "\u{A000}\u{3400}\u{3041}", "，。、《》\u{3000}", "“—”…·█", "ａ１ｶ", "abc \t\u{7F}", "e\u{301}\u{200B}",
            "😀𠀀é", "北京市/朝阳区 1,853场 2020-11-03 《职工之家》",
        ]
        for text in texts {
            let scalars = text.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
            var copy = text
            XCTAssertEqual(copy.withUTF8 { DisplayWidth.of(utf8: $0) }, scalars, text.debugDescription)
        }
        XCTAssertEqual(DisplayWidth.of("\u{4DB5}"), 2, "CJK extension A (E4 lead, below B8) is wide by the table")
        XCTAssertEqual(DisplayWidth.of("\u{4DFF}"), 1, "a Yijing hexagram (E4 B7) is narrow: not taken for 汉字")
        XCTAssertEqual(DisplayWidth.of("\u{A4D0}"), 1, "Lisu (EA lead) is narrow: the shortcut stops at E9")
    }

    func testPaddingReachesTheDisplayWidth() {
        XCTAssertEqual(DisplayWidth.padLeft("1,853", to: 8), "   1,853")
        XCTAssertEqual(DisplayWidth.padRight("会议", to: 6), "会议  ")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.padRight("职工咨询", to: 12)), 12)
        XCTAssertEqual(DisplayWidth.padLeft("太长了", to: 2), "太长了", "never truncates")
        XCTAssertEqual(DisplayWidth.padRight("", to: 3), "   ")
    }
}
