import Foundation
import XCTest
@testable import UnionStats

final class TextDecoderTests: XCTestCase {
    static let sample = "本报讯 （记者 马超） 延庆123户困难职工家庭解困脱困，脱困解困率87%。\n第二行：近2000场。\n"

    static func utf16(_ s: String, little: Bool) -> [UInt8] {
        var out: [UInt8] = little ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for u in s.utf16 { out += little ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)] }
        return out
    }

    static func gb18030(_ s: String) -> [UInt8] {
        Array(s.data(using: TextDecoder.gb18030)!)
    }

    func testEachEncodingDecodesToTheSameText() throws {
        let s = Self.sample
        let cases: [(String, [UInt8], String)] = [
            ("utf-8", Array(s.utf8), "utf-8"),
            ("utf-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(s.utf8), "utf-8-bom"),
            ("utf-16le", Self.utf16(s, little: true), "utf-16le"),
            ("utf-16be", Self.utf16(s, little: false), "utf-16be"),
            ("gb18030", Self.gb18030(s), "gb18030"),
        ]
        for (name, bytes, encoding) in cases {
            let (text, used) = try TextDecoder.decode(bytes)
            XCTAssertEqual(used, encoding, name)
            XCTAssertEqual(text, s, name)
        }
    }

    func testGBKBytesAreNotTakenForUTF8() throws {
        // GBK bytes of common Chinese are invalid UTF-8: strict UTF-8 must fail and GB18030 win.
        let bytes = Self.gb18030("工会组织共开展了职工沟通会近2000场，进行工会会员信息采集13323人次。")
        XCTAssertNil(String(validating: bytes, as: UTF8.self))
        XCTAssertEqual(try TextDecoder.decode(bytes).encoding, "gb18030")
    }

    func testLineEndsBecomeLF() throws {
        let (text, _) = try TextDecoder.decode(Array("一行\r\n二行\r三行\n".utf8))
        XCTAssertEqual(text, "一行\n二行\n三行\n")
        let (t16, _) = try TextDecoder.decode(Self.utf16("甲\r\n乙", little: true))
        XCTAssertEqual(t16, "甲\n乙")
    }

    func testTruncatedUTF8TailKeepsTheValidPart() throws {
        let full = Array("职工沟通会近2000场".utf8)
        let cut = Array(full.dropLast(2))  // the last character 场 loses two of its three bytes
        let (text, encoding) = try TextDecoder.decode(cut)
        XCTAssertEqual(encoding, "utf-8")
        XCTAssertEqual(text, "职工沟通会近2000")
    }

    func testRejections() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<200).map { UInt8(($0 * 37) % 256) }
        var noise: [UInt8] = []
        var x: UInt32 = 12345
        for _ in 0..<400 { x = x &* 1103515245 &+ 12345; noise.append(UInt8(0x80 | ((x >> 16) & 0x7F))) }
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "empty"),
            ("only whitespace", Array(" \n\t\r\n　\n".utf8), "empty"),
            ("BOM only", [0xEF, 0xBB, 0xBF], "empty"),
            ("NUL bytes", Array("正文".utf8) + [0, 0, 1] + Array("正文".utf8), "binary"),
            ("PNG image", png, "binary"),
            ("ELF program", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 50), "binary"),
            ("random high bytes", noise, "undecodable"),
            ("Latin-1 text", Array("Café crème, déjà vu à côté, naïve façade. ".data(using: .isoLatin1)!), "undecodable"),
        ]
        for (name, bytes, code) in cases {
            XCTAssertThrowsError(try TextDecoder.decode(bytes), name) { error in
                guard let problem = error as? PageProblem else { return XCTFail("\(name): \(error)") }
                XCTAssertEqual(problem.code, code, name)
                XCTAssertFalse(problem.reason.isEmpty, name)
                XCTAssertFalse(problem.reason.contains("\n"), "\(name): one-line reason")
            }
        }
    }

    func testSeedPagesAreUTF8() throws {
        for prefix in ["000", "001", "002", "003", "004"] {
            guard let bytes = SeedPages.bytes(prefix) else { throw XCTSkip("seed page \(prefix) not found") }
            XCTAssertEqual(try TextDecoder.decode(bytes).encoding, "utf-8", prefix)
        }
    }
}
