import XCTest
@testable import UnionStats

/// A body mention's quantity read from its paragraph's kept scalars is the quantity read
/// from its `before`, `raw` and `after` strings.
final class QuantityWindowTests: XCTestCase {
    /// Pages with figures everywhere in paragraphs short and long: the window clamped at
    /// either end or both, per-unit words, qualifiers and ranges around the numbers.
    static let syntheticPages: [String] = {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let words = ["职工", "工会", "开展", "活动", "每人", "人均", "共", "达", "近", "约", "至少", "最多", "累计", "发放", "慰问金",
                     "北京市", "总工会", "，", "。", "、", "“", "”", "《", "》", "第", "年", "月", "日", "今年", "其中", "比上年增长",
                     "单次", "每户", "困难", " ", "之多", "以上", "左右", "多", "余"]
        let numbers = ["12", "5600", "两百多", "1.5万", "260", "三", "一", "2019", "100", "４５", "0.8", "1000余", "十", "30"]
        let units = ["元", "场", "名", "人次", "%", "个", "万元", "至500元", "户", "年", "次", "家", "项", "", "元/人"]
        var pages: [String] = []
        for _ in 0..<60 {
            var lines: [String] = ["标题\(next(100))"]
            for _ in 0..<(2 + next(6)) {
                var p = ""
                for _ in 0..<(1 + next(30)) {
                    p += next(3) == 0 ? numbers[next(numbers.count)] + units[next(units.count)] : words[next(words.count)]
                }
                lines.append(p + "。")
                lines.append("")
            }
            pages.append(lines.joined(separator: "\n"))
        }
        return pages
    }()

    static func pages() throws -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        for dir in [HeldOutPagesTests.heldout, SeedPagesTests.repo + "/input"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                out.append((name, Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))))
            }
        }
        for (k, p) in syntheticPages.enumerated() { out.append(("synthetic-\(k).txt", Array(p.utf8))) }
        return out
    }

    func testWindowQuantityIsTheStringsQuantity() throws {
        var window: ScalarString = []
        var inPlace = 0, total = 0
        for (doc, bytes) in try QuantityWindowTests.pages() {
            let e = ExtractStage.extract(doc: doc, bytes: bytes)
            for m in e.mentions {
                guard let article = e.articles.first(where: { $0.index == m.article }) else { continue }
                total += 1
                if m.paragraph >= 0, article.paragraphs[m.paragraph].keptScalars != nil { inPlace += 1 }
                XCTAssertEqual(QuantityParser.parse(m, in: article, window: &window), QuantityParser.parse(m), "\(doc) \(m.raw)")
                // Offsets that do not hold the raw text, and a headline mention: the strings are read.
                var moved = m
                moved.start += 1
                moved.end += 1
                XCTAssertEqual(QuantityParser.parse(moved, in: article, window: &window), QuantityParser.parse(moved), "\(doc) \(m.raw)")
                var headline = m
                headline.paragraph = -1
                XCTAssertEqual(QuantityParser.parse(headline, in: article, window: &window), QuantityParser.parse(m), "\(doc) \(m.raw)")
            }
        }
        // Most mentions take the path in place, and there are many of them.
        XCTAssertGreaterThan(total, 1000)
        XCTAssertGreaterThan(inPlace, total * 9 / 10)
    }
}
