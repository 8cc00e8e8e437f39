import Foundation
import XCTest
@testable import UnionStats

/// A page that may be UTF-8 is repaired from its bytes, checked while pass 1 decodes them, and its
/// paragraph texts are copied into Strings without validation. These hold the checks to the
/// standard library's validation, and the paragraphs to those of decoding the page first.
final class UTF8PageTests: XCTestCase {
    static let pieces: [[UInt8]] = {
        var p = ["职", "工", "会", "。", "，", "：", "（", "１", "2", "a", " ", "\u{3000}", "\u{A0}", "\t", "\u{FEFF}", "\u{200B}",
                 "𠀀", "😀", "e\u{301}", "ß", "Ω", "—", "…", "Ａ", "㐀", "豈", "\n", "\n", "\n", "本报讯 ", "近2000场",
                 "1.92亿元", "三千二百名", "工会动态\n", "（上接第1版）", "为为患患病病同同事事\n", "\r\n", "\r"].map { Array($0.utf8) }
        // Bytes that break UTF-8: stray continuations, cut characters, overlong forms, surrogates, past U+10FFFF.
        p += [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE4, 0xB8], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
              [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
              [0xF8, 0x88, 0x80, 0x80], [0xFF], [0xE4, 0x0A, 0xAD], [0xF0, 0x9F, 0x98]]
        return p
    }()

    /// Pieces of valid UTF-8 without a CR, then with CRs, then also invalid bytes.
    static func randomBytes(_ rng: inout SplitMix64, pieces: Int, invalid: Bool, cr: Bool = false) -> [UInt8] {
        let valid = invalid ? Self.pieces.count : cr ? Self.pieces.firstIndex(of: [0x80])! : Self.pieces.firstIndex(of: [0x0D, 0x0A])!
        var out: [UInt8] = []
        for _ in 0..<pieces { out += Self.pieces[Int(rng.next() % UInt64(valid))] }
        return out
    }

    func testValidityIsTheStandardLibrarys() {
        var rng = SplitMix64(seed: 11)
        var cases: [[UInt8]] = [[], [0xEF, 0xBB, 0xBF], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80]]
        for _ in 0..<3000 { cases.append(Self.randomBytes(&rng, pieces: Int(rng.next() % 12), invalid: rng.next() % 2 == 0)) }
        // Every short sequence of some bytes that matter.
        let interesting: [UInt8] = [0x00, 0x0A, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
                                      0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF]
        for a in interesting { for b in interesting { for c in interesting { cases.append([a, b, c]) } } }
        for _ in 0..<3000 { cases.append((0..<Int(rng.next() % 6)).map { _ in interesting[Int(rng.next() % UInt64(interesting.count))] }) }
        for bytes in cases {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            // The decode loop may read three bytes past the range: give it them.
            let padded = bytes + [0, 0, 0]
            padded.withUnsafeBufferPointer { b in
                let out = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: max(1, b.count))
                defer { out.deallocate() }
                var scan = LineScan()
                var controls = ControlBytes()
                let (n, valid) = LineScan.decodeChecking(b, 0..<bytes.count, into: out, scan: &scan, controls: &controls)
                XCTAssertEqual(valid, expected, "\(bytes)")
                if expected { XCTAssertEqual(Array(UnsafeBufferPointer(start: out, count: n)), Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)) }
            }
        }
    }

    /// What extract did before: the page decoded to a String, then repaired.
    static func decodedFirst(_ bytes: [UInt8]) -> Result<([Paragraph], String), PageProblem> {
        do {
            let (text, encoding) = try TextDecoder.decode(bytes)
            return .success((TextRepair.paragraphs(from: text), encoding))
        } catch {
            return .failure(error as! PageProblem)
        }
    }

    func check(_ bytes: [UInt8], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let fast: Result<([Paragraph], String), PageProblem>
        do { fast = .success(try ExtractStage.repaired(bytes)) } catch { fast = .failure(error as! PageProblem) }
        switch (fast, Self.decodedFirst(bytes)) {
        case (.success(let (a, ea)), .success(let (b, eb))):
            XCTAssertEqual(ea, eb, label, file: file, line: line)
            XCTAssertEqual(a, b, label, file: file, line: line)
            guard a.count == b.count else { return }
            for (x, y) in zip(a, b) {
                XCTAssertEqual(x.keptScalars, y.keptScalars, label, file: file, line: line)
                XCTAssertEqual(Array(x.text.utf8), Array(y.text.utf8), label, file: file, line: line)
                // The String's own flags too: an ASCII text is known to be one.
                XCTAssertEqual(x.text.utf8Span.isKnownASCII, y.text.utf8Span.isKnownASCII, label, file: file, line: line)
                XCTAssertEqual(x.text.utf8Span.isKnownASCII, x.text.utf8.allSatisfy { $0 < 0x80 }, label, file: file, line: line)
                XCTAssertEqual(x.text.hashValue, y.text.hashValue, label, file: file, line: line)
            }
        case (.failure(let p), .failure(let q)):
            XCTAssertEqual(p.code, q.code, label, file: file, line: line)
            XCTAssertEqual(p.reason, q.reason, label, file: file, line: line)
        default:
            XCTFail("\(label): \(fast) but decoding first gives \(Self.decodedFirst(bytes))", file: file, line: line)
        }
    }

    func testRepairFromBytesEqualsDecodingFirst() {
        let sample = Array("本报讯 （记者 马超） 延庆123户困难职工家庭解困脱困，脱困解困率87%。\n第二行：近2000场。\nabc def\n".utf8)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        // The check takes valid pages and refuses the others, wherever the bad bytes are.
        XCTAssertNotNil(try TextRepair.paragraphs(fromUTF8: sample[...]))
        XCTAssertNil(try TextRepair.paragraphs(fromUTF8: (sample + [0x80] + sample)[...]))
        XCTAssertNil(try TextRepair.paragraphs(fromUTF8: (sample + [0xE4, 0xB8])[...]))
        XCTAssertNil(try TextRepair.paragraphs(fromUTF8: ([0xED, 0xA0, 0x80] + sample)[...]))
        check([], "empty")
        check(bom, "a BOM alone")
        check(Array(" \u{3000}\n\t\u{A0}\n\u{FEFF}\u{200B}\u{2005}\n".utf8), "only spaces")
        let furniture = Array("3上一版 下一版4\n返回京工网 版面导航\n".utf8)
        XCTAssertEqual(try ExtractStage.repaired(furniture).paragraphs.count, 0, "a valid page that leaves no paragraph")
        check(furniture, "only furniture")
        check(sample, "utf-8")
        check(bom + sample, "utf-8 with BOM")
        check(bom + bom + sample, "two BOMs")
        check(Array("一行\r\n二行\r三行\n".utf8), "CR/LF")
        check(Array("plain ascii line one\nline two.\n".utf8), "ASCII")
        check(sample + [0xE4, 0xB8], "cut in its last character")
        check(sample + [0xE4], "cut after a lead byte")
        check(sample.dropLast() + [0xF0, 0x9F], "cut before its last line end")
        check(TextDecoderTests.utf16(String(decoding: sample, as: UTF8.self), little: true), "utf-16le")
        check(TextDecoderTests.utf16(String(decoding: sample, as: UTF8.self), little: false), "utf-16be")
        check(TextDecoderTests.gb18030(String(decoding: sample, as: UTF8.self)), "gb18030")
        check(Array(repeating: sample, count: 30).joined() + [0x80] + sample, "one stray byte")
        check([0x00, 0x41], "binary")
        check([0x00, 0x0D, 0x0A, 0x41], "binary with a CR")
        check(bom + bom + [0x00, 0x41], "binary after two BOMs")
        var rng = SplitMix64(seed: 5)
        for k in 0..<400 {
            let bytes = Self.randomBytes(&rng, pieces: Int(rng.next() % 200), invalid: k % 3 == 0, cr: k % 5 == 0)
            check(bytes, "random \(k)")
        }
        for prefix in ["000", "001", "002", "003", "004"] {
            guard let bytes = SeedPages.bytes(prefix) else { continue }
            check(bytes, "seed \(prefix)")
            check(TextDecoderTests.gb18030(String(decoding: bytes, as: UTF8.self)), "seed \(prefix) in GB18030")
        }
    }

    /// Pass 1 counts the control bytes of a UTF-8 page as it decodes it, in place of the binary
    /// check's own pass: held to decoding first (which makes that check) on pages with NUL and other
    /// control bytes in every share, valid or not, and on pages whose first `TextDecoder.binarySample`
    /// bytes end inside a line, with the telling bytes just before or just after that limit.
    func testPassOneJudgesBinaryPagesAsTheBinaryCheck() {
        var rng = SplitMix64(seed: 23)
        let controls: [[UInt8]] = [[0x00], [0x01], [0x08], [0x0B], [0x1B], [0x1F], [0x7F], [0x09], [0x0C]]
        var binary = 0, text = 0
        for k in 0..<600 {
            var bytes: [UInt8] = []
            let share = [0, 2, 10, 60][k % 4]
            for _ in 0..<Int(rng.next() % 300) {
                if Int(rng.next() % 100) < share {
                    // Half the pages without NUL, so that the share of control bytes decides.
                    let c = controls[k % 2 == 0 ? 1 + Int(rng.next() % UInt64(controls.count - 1)) : Int(rng.next() % UInt64(controls.count))]
                    bytes += c
                } else {
                    bytes += Self.randomBytes(&rng, pieces: 1, invalid: k % 7 == 0)
                }
            }
            if k % 11 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            check(bytes, "page \(k)")
            if (try? ExtractStage.repaired(bytes)) == nil, case .failure(let p) = Self.decodedFirst(bytes), p.code == "binary" { binary += 1 } else { text += 1 }
        }
        XCTAssertGreaterThan(binary, 100, "binary pages")
        XCTAssertGreaterThan(text, 100, "text pages")

        // A line across the limit: what stands before it counts, what stands after it does not.
        let limit = TextDecoder.binarySample
        let line = Array("工会组织共开展了职工沟通会近2000场，进行工会会员信息采集13323人次。\n".utf8)
        for bom in [false, true] {
            let head: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
            var filler = Array(Array(repeating: line, count: (limit - 64) / line.count).joined())
            filler += Array(repeating: UInt8(ascii: "a"), count: limit - 40 - filler.count)  // the last line runs past the limit
            let tailText = Array(String(repeating: "职工", count: 30).utf8)
            for (offset, byte) in [(-1, UInt8(0x00)), (0, UInt8(0x00)), (-40, UInt8(0x00)), (1, UInt8(0x00)), (-1, UInt8(0x01))] {
                var body = filler + Array(repeating: UInt8(ascii: "b"), count: 80) + tailText + [0x0A] + line
                body[limit + offset] = byte
                let bytes = head + body
                check(bytes, "NUL-or-control at limit \(offset), bom \(bom)")
                let expected = offset < 0 && byte == 0 ? "binary" : nil
                var got: String? = nil
                do { _ = try ExtractStage.repaired(bytes) } catch { got = (error as? PageProblem)?.code }
                XCTAssertEqual(got, expected, "offset \(offset), bom \(bom)")
            }
        }
    }

    /// Pages over `Repairer.cacheLimit` bytes decode and clean their lines again in pass 3
    /// instead of reading them from pass 1's cache: held to the cached paragraphs on varied pages.
    func testUncachedLinesMakeTheCachedParagraphs() {
        func paragraphs(_ bytes: [UInt8], caching: Bool) -> [Paragraph]? {
            bytes.withUnsafeBufferPointer { buffer in
                var repairer = Repairer(buffer, checking: true)
                defer { repairer.deallocate() }
                repairer.caching = caching
                return repairer.run()
            }
        }
        var rng = SplitMix64(seed: 17)
        var pages: [[UInt8]] = (0..<300).map { _ in Self.randomBytes(&rng, pieces: Int(rng.next() % 300), invalid: false) }
        for prefix in ["000", "001", "002", "003", "004"] { if let bytes = SeedPages.bytes(prefix) { pages.append(bytes) } }
        var made = 0
        for (k, bytes) in pages.enumerated() {
            let cached = paragraphs(bytes, caching: true), uncached = paragraphs(bytes, caching: false)
            XCTAssertEqual(cached, uncached, "page \(k)")
            XCTAssertEqual(cached?.map(\.keptScalars), uncached?.map(\.keptScalars), "page \(k)")
            made += cached?.count ?? 0
        }
        XCTAssertGreaterThan(made, 1000)
    }
}
