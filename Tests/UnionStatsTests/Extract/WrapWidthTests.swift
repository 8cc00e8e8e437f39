import XCTest
@testable import UnionStats

/// `WrapWidth` counts every width past `widest + 1` in one bucket; it must judge pages as the
/// histogram of every width up to 1024 did (kept here as the reference), and give the same
/// wrap width whenever the page is hard-wrapped.
final class WrapWidthTests: XCTestCase {
    /// SplitMix64 as a generator for `random(in:using:)`: the same pages on every run.
    struct Seeded: RandomNumberGenerator {
        var mix: SplitMix64
        init(_ mix: SplitMix64) { self.mix = mix }
        mutating func next() -> UInt64 { mix.next() }
    }

    /// The measure as it was first written.
    static func reference(_ lines: [LineFeatures]) -> (indentation: Bool, hardWrapped: Bool, width: Int) {
        var histogram = [Int](repeating: 0, count: 1025)
        var count = 0, indented = 0
        for l in lines where !l.has(LineFeatures.blank) {
            histogram[min(Int(l.width), 1024)] += 1
            count += 1
            if l.has(LineFeatures.indented) { indented += 1 }
        }
        let indentation = indented * 2 < count
        guard count >= 5 else { return (indentation, false, 0) }
        var seen = 0
        var p80 = 0
        for w in 0...1024 {
            seen += histogram[w]
            if seen * 10 >= count * 8 { p80 = w; break }
        }
        var near = 0
        for w in max(0, p80 - 4)...min(1024, p80 + 1) { near += histogram[w] }
        return (indentation, p80 <= 120 && p80 >= 12 && near * 2 >= count, p80)
    }

    func line(_ width: Int, blank: Bool = false, indented: Bool = false) -> LineFeatures {
        var f = LineFeatures(start: 0, end: 0, width: Int32(width), flags: 0)
        if blank { f.flags |= LineFeatures.blank }
        if indented { f.flags |= LineFeatures.indented }
        return f
    }

    func check(_ lines: [LineFeatures], file: StaticString = #filePath, line: UInt = #line) {
        let got = WrapWidth(lines), want = WrapWidthTests.reference(lines)
        XCTAssertEqual(got.indentationMarksParagraphs, want.indentation, file: file, line: line)
        XCTAssertEqual(got.hardWrapped, want.hardWrapped, "\(lines.map(\.width))", file: file, line: line)
        if want.hardWrapped { XCTAssertEqual(got.width, want.width, file: file, line: line) }
    }

    func testExamples() {
        // A PDF column of 40: hard-wrapped at 40.
        let column = (0..<20).map { line($0 % 5 == 4 ? 17 : 40) }
        XCTAssertTrue(WrapWidth(column).hardWrapped)
        XCTAssertEqual(WrapWidth(column).width, 40)
        check(column)
        // One paragraph a line, most wider than any wrap: not hard-wrapped (the percentile is past the bound).
        let wide = (0..<20).map { line(200 + 37 * $0) }
        XCTAssertFalse(WrapWidth(wide).hardWrapped)
        check(wide)
        // Wrapped at the widest width taken, and just past it.
        check((0..<10).map { line($0 == 0 ? 3 : 120) })
        XCTAssertTrue(WrapWidth((0..<10).map { line($0 == 0 ? 3 : 120) }).hardWrapped)
        check((0..<10).map { line($0 == 0 ? 3 : 121) })
        check((0..<10).map { line($0 == 0 ? 3 : 122) })
        // Too few lines, blank lines, indented lines.
        check((0..<4).map { line(40 + $0) })
        check((0..<12).map { line(40, blank: $0 % 2 == 0, indented: $0 % 3 == 0) })
        check((0..<12).map { line(40, indented: $0 % 4 != 0) })
        check([])
    }

    /// Random pages: widths around a wrap width (some past the bound) or spread wide, as the
    /// reference judges them; both answers must occur, and percentiles past the bound.
    func testMatchesTheFullHistogram() {
        var rng = Seeded(SplitMix64(seed: 41))
        var wrapped = 0, notWrapped = 0, pastBound = 0
        for _ in 0..<5_000 {
            let n = Int.random(in: 0...60, using: &rng)
            let wrap = Int.random(in: 5...140, using: &rng)
            let spread = Int.random(in: 0...3, using: &rng)
            let lines: [LineFeatures] = (0..<n).map { _ in
                let width: Int
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: width = Int.random(in: 0...1500, using: &rng)
                case 1, 2: width = Int.random(in: 0...wrap, using: &rng)
                default: width = max(0, wrap - Int.random(in: 0...(2 + spread * 4), using: &rng))
                }
                return line(width, blank: Int.random(in: 0..<8, using: &rng) == 0, indented: Bool.random(using: &rng))
            }
            check(lines)
            let want = WrapWidthTests.reference(lines)
            if want.hardWrapped { wrapped += 1 } else { notWrapped += 1 }
            if want.width > WrapWidth.widest + 1 { pastBound += 1 }
        }
        XCTAssertGreaterThan(wrapped, 500)
        XCTAssertGreaterThan(notWrapped, 500)
        XCTAssertGreaterThan(pastBound, 50)
    }
}
