import Foundation
import XCTest
@testable import UnionStats

/// The table decoder reads GB18030 exactly as Foundation does, and leaves to Foundation what it cannot read.
final class GB18030Tests: XCTestCase {
    func foundation(_ bytes: [UInt8]) -> String? { String(data: Data(bytes), encoding: TextDecoder.gb18030) }

    func testEveryTwoByteCharacterAndASCIIByteReadsAsFoundationReadsIt() {
        var all: [UInt8] = Array(0..<0x80)
        for l in GB18030.leads { for t in GB18030.trails where t != 0x7F { all += [l, t] } }
        XCTAssertEqual(GB18030.decode(all[...]), foundation(all))
        XCTAssertNotNil(GB18030.decode(all[...]))
    }

    func testMixedTextReadsAsFoundationReadsIt() {
        var rng = SplitMix64(seed: 7)
        let pairs: [[UInt8]] = GB18030.leads.flatMap { l in GB18030.trails.filter { $0 != 0x7F }.map { [l, $0] } }
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 80) {
                bytes += rng.next() % 3 == 0 ? [UInt8(rng.next() % 0x80)] : pairs[Int(rng.next() % UInt64(pairs.count))]
            }
            XCTAssertEqual(GB18030.decode(bytes[...]), foundation(bytes), "\(bytes)")
        }
        let page = Array("本报讯 （记者 马超） 延庆123户困难职工家庭解困脱困，脱困解困率87%。\r\n近2000场。".data(using: TextDecoder.gb18030)!)
        XCTAssertEqual(GB18030.decode(page[...]), foundation(page))
    }

    func testWhatTheTableCannotReadIsLeftToFoundation() {
        let text = Array("职工".data(using: TextDecoder.gb18030)!)
        for odd: [UInt8] in [[0x80], [0xFF], [0x81], [0x81, 0x30, 0x81, 0x30], [0x84, 0x31, 0x95, 0x33], [0x81, 0x20], [0xB0, 0x7F]] {
            XCTAssertNil(GB18030.decode((text + odd + text)[...]), "\(odd)")
        }
        // A page with a four-byte character and a euro sign still decodes, through Foundation.
        let line = Array(String(repeating: "职工之家建设", count: 20).data(using: TextDecoder.gb18030)!)
        let bytes = line + [0x81, 0x30, 0x81, 0x30, 0x80] + line
        XCTAssertEqual(try TextDecoder.decodeRaw(bytes).0, foundation(bytes))
        XCTAssertEqual(try TextDecoder.decodeRaw(bytes).1, "gb18030")
    }
}
