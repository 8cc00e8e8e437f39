import XCTest
@testable import UnionStats

/// The binary check skips runs of multi-byte characters sixteen and eight bytes at a time; it
/// must judge every page as reading it byte by byte does.
final class BinaryCheckTests: XCTestCase {
    static func verdictByteByByte(_ bytes: [UInt8]) -> String? {
        let sample = bytes.prefix(1 << 20)
        var controls = 0
        for b in sample {
            if b == 0 { return "binary" }
            if (b < 0x20 && b != 0x0A && b != 0x0D && b != 0x09 && b != 0x0C) || b == 0x7F { controls += 1 }
        }
        return controls > 8 && controls * 100 > sample.count * 2 ? "binary" : nil
    }

    func testSkippingJudgesAsByteByByte() {
        var rng = SplitMix64(seed: 33)
        let text = Array("工会职工，。".utf8)
        let odd: [UInt8] = [0x00, 0x01, 0x08, 0x0B, 0x1F, 0x7F, 0x0A, 0x0D, 0x09, 0x0C, 0x20, 0x41, 0x80, 0xFF]
        var binary = 0
        for k in 0..<3000 {
            var bytes: [UInt8] = []
            let share = [0, 1, 5, 30, 200][k % 5]
            for _ in 0..<Int(rng.next() % 3000) {
                // Half the pages without NUL bytes, so that the count of control bytes decides.
                let pick = k % 2 == 0 ? 1 + Int(rng.next() % UInt64(odd.count - 1)) : Int(rng.next() % UInt64(odd.count))
                bytes.append(Int(rng.next() % 1000) < share ? odd[pick] : text[Int(rng.next() % UInt64(text.count))])
            }
            var got: String? = nil
            do { try TextDecoder.rejectBinary(bytes[...]) } catch { got = (error as? PageProblem)?.code }
            XCTAssertEqual(got, Self.verdictByteByByte(bytes), "page \(k)")
            if got != nil && !bytes.contains(0) { binary += 1 }
        }
        XCTAssertGreaterThan(binary, 100, "pages judged by their control bytes")
    }

    /// A page that is not UTF-8 (GBK) is checked once, by `decode`: the repair's first pass, which makes
    /// the check of a UTF-8 page, stops at its first byte that is not UTF-8 and leaves it to `decode`. The
    /// check must still reject a binary file whose bytes read like GBK.
    func testGBKLikeBinaryIsRejectedOnce() throws {
        let text = "工会组织共开展了职工沟通会近2000场，进行工会会员信息采集13323人次。\n"
        let gbk = TextDecoderTests.gb18030(String(repeating: text, count: 4))
        // Control bytes (no NUL) between the GBK characters: a binary file by their share.
        var binary: [UInt8] = []
        for (k, b) in gbk.enumerated() {
            binary.append(b)
            if k % 10 == 9 { binary += [0x01, 0x1B] }
        }
        XCTAssertNil(String(validating: gbk, as: UTF8.self), "GBK bytes are no UTF-8: they go on to `decode`")
        XCTAssertNil(String(validating: binary, as: UTF8.self))
        XCTAssertNil(Self.verdictByteByByte(gbk))
        XCTAssertEqual(Self.verdictByteByByte(binary), "binary")

        // The text page: `plainUTF8` takes it, the repair leaves it to `decode`, which reads it as GB18030.
        let gbkBody = try XCTUnwrap(TextDecoder.plainUTF8(gbk)).body
        XCTAssertNil(try TextRepair.paragraphs(fromUTF8: gbkBody))
        XCTAssertEqual(try TextDecoder.decode(gbk, binaryChecked: true).encoding, "gb18030")
        XCTAssertEqual(ExtractStage.extract(doc: "gbk.txt", bytes: gbk).page.encoding, "gb18030")

        // The binary file: the repair leaves it to `decode` too, and the whole extract rejects it.
        let binaryBody = try XCTUnwrap(TextDecoder.plainUTF8(binary)).body
        XCTAssertNil(try TextRepair.paragraphs(fromUTF8: binaryBody))
        XCTAssertEqual(ExtractStage.extract(doc: "binary.txt", bytes: binary).problem?.code, "binary")
        // `decode` checks unless told the check was made; told so, it reads the bytes as text.
        XCTAssertThrowsError(try TextDecoder.decode(binary)) { XCTAssertEqual(($0 as? PageProblem)?.code, "binary") }
        XCTAssertThrowsError(try TextDecoder.decode(binary, binaryChecked: true)) { XCTAssertNotEqual(($0 as? PageProblem)?.code, "binary") }
    }
}
