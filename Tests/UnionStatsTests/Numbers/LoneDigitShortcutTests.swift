import XCTest
@testable import UnionStats

/// `FigureRecognizer.recognize` skips a Chinese digit whose next scalar can neither go on with
/// the number nor start a measure word (`mayGoOn`) without reading it: held to the full path
/// (`judge`) for every scalar of the Basic Multilingual Plane after each kind of digit, on random
/// texts at every offset, and on every offset of the real and seed pages.
final class LoneDigitShortcutTests: XCTestCase {
    private let lists = FigureRecognizer.lists

    private func check(_ s: ScalarString, at i: Int, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let fast = FigureRecognizer.recognize(s, at: i, lists), full = FigureRecognizer.judge(s, at: i, lists)
        XCTAssertEqual(fast, full, "\(String(String.UnicodeScalarView(s))) at \(i)", file: file, line: line)
        return i + 1 < s.count && ChineseNumeral.digit(s[i]) != nil && !FigureRecognizer.mayGoOn(afterDigit: s[i + 1], lists)
    }

    /// Each digit kind, alone and after words that change its reading (前, 共, 每), before every
    /// scalar of the plane, with a measure word after it, and with a digit and a measure word (一点五元).
    func testEveryNextScalar() {
        var shortcut = 0, figures = 0
        for d: Unicode.Scalar in ["一", "两", "〇", "壹"] {
            for v in 0..<0x10000 {
                guard let c = Unicode.Scalar(UInt32(v)) else { continue }
                for s: ScalarString in [[d, c], ["共", d, c, "名"], ["前", d, c], ["每", d, c, "元"], [d, c, "五", "元"]] {
                    let i = s.firstIndex(of: d)!
                    if check(s, at: i) { shortcut += 1 }
                    if case .figure = FigureRecognizer.judge(s, at: i, lists) { figures += 1 }
                }
            }
        }
        XCTAssertGreaterThan(shortcut, 100_000)
        XCTAssertGreaterThan(figures, 100)
    }

    func testRandomTexts() {
        let tokens = ["一", "两", "十", "百", "千", "万", "三", "零", "〇", "点", "五", "余", "多", "至", "-", "~", " ", "\u{3000}", "名", "元", "个",
                      "月", "人次", "%", "分之", "线", "起", "步", "统", "第", "前", "共", "，", "。", "“", "”", "《", "》", "12", "3.5", "ABC"]
        var rng = SplitMix64(seed: 0x10E)
        var shortcut = 0, full = 0
        for _ in 0..<6000 {
            let s = ScalarString((0..<rng.int(1...12)).map { _ in rng.pick(tokens) }.joined().unicodeScalars)
            for i in 0...s.count { if check(s, at: i) { shortcut += 1 } else { full += 1 } }
        }
        XCTAssertGreaterThan(shortcut, 1000)
        XCTAssertGreaterThan(full, 1000)
    }

    func testRealPages() throws {
        var shortcut = 0
        for (doc, bytes) in try QuantityWindowTests.pages() {
            for article in ExtractStage.extract(doc: doc, bytes: bytes).articles {
                for s in [article.headline.scalars] + article.paragraphs.map(\.scalars) {
                    for i in s.indices where NumberReader.mayStart(s[i]) { if check(s, at: i) { shortcut += 1 } }
                }
            }
        }
        XCTAssertGreaterThan(shortcut, 100)
    }
}
