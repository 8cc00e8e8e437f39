import XCTest
@testable import UnionStats

/// Pages that are not plain UTF-8: UTF-16 is transcoded straight to UTF-8, and the UTF-8 scan
/// stops once a page can no longer pass for UTF-8. These hold the first to the standard library's
/// decoding and the second to the scan counting the whole page.
final class FallbackDecodeTests: XCTestCase {
    /// What `decodeUTF16` must give, from the standard library's own decoding of the units after
    /// the byte-order mark (`String(decoding:as:)`, each ill-formed unit one U+FFFD) and the rule it
    /// refuses a page by: control characters more than eight and more than 2% of the units
    /// ("binary"), else ill-formed units more than 1% ("undecodable").
    static func decodeUTF16ByTheStandardLibrary(_ bytes: [UInt8], little: Bool) throws -> String {
        let units = stride(from: 2, to: bytes.count - 1, by: 2).map { i -> UInt16 in
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            return little ? a | b << 8 : a << 8 | b
        }
        let text = String(decoding: units, as: UTF16.self)
        let controls = text.unicodeScalars.filter { $0.value == 0 || ($0.value < 0x20 && !"\n\r\t\u{0C}".unicodeScalars.contains($0)) }.count
        // Every U+FFFD that no unit 0xFFFD accounts for replaced an ill-formed unit.
        let bad = text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count - units.filter { $0 == 0xFFFD }.count
        let n = max(units.count, 1)
        if controls * 100 > n * 2 && controls > 8 { throw PageProblem(code: "binary", reason: "") }
        if bad * 100 > n { throw PageProblem(code: "undecodable", reason: "") }
        return text
    }

    func testUTF16AsByTheStandardLibrary() {
        var rng = SplitMix64(seed: 16)
        let units: [UInt16] = [0x41, 0x0A, 0x0D, 0x09, 0x00, 0x01, 0x7F, 0x80, 0xE9, 0x4E00, 0x5DE5, 0x3002, 0xFF0C, 0xFEFF, 0xFFFD, 0xFFFF,
                               0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDE00, 0xD840, 0xDC01]
        for k in 0..<4000 {
            let little = k % 2 == 0
            var bytes: [UInt8] = little ? [0xFF, 0xFE] : [0xFE, 0xFF]
            // Mostly text, some pages with many lone surrogates or controls, some with an odd byte at the end.
            let weird = k % 7 == 0
            for _ in 0..<Int(rng.next() % 300) {
                let u = weird || rng.next() % 10 == 0 ? units[Int(rng.next() % UInt64(units.count))] : UInt16(0x4E00 + rng.next() % 0x5000)
                bytes += little ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)]
            }
            if k % 5 == 0 { bytes.append(0x41) }
            let expected = Result { try Self.decodeUTF16ByTheStandardLibrary(bytes, little: little) }
            let got = Result { try TextDecoder.decodeUTF16(bytes, little: little) }
            switch (expected, got) {
            case (.success(let a), .success(let b)):
                XCTAssertEqual(Array(a.utf8), Array(b.utf8))
                XCTAssertEqual(a.utf8Span.isKnownASCII, b.utf8Span.isKnownASCII)
            case (.failure(let a as PageProblem), .failure(let b as PageProblem)):
                XCTAssertEqual(a.code, b.code)
            default:
                XCTFail("\(bytes): \(expected) but \(got)")
            }
        }
    }

    /// What `decodeRaw` reads from a scan.
    static func verdict(_ scan: TextDecoder.UTF8Scan, count n: Int) -> [Bool] {
        [scan.invalid == 0, scan.firstInvalid >= n - 3 && scan.invalid == 1 && scan.truncatedAtEnd,
         scan.multibyte >= 20 && scan.invalid * 50 <= scan.multibyte]
    }

    func testUTF8ScanStopsOnlyWhenNothingCanChange() {
        var rng = SplitMix64(seed: 8)
        let good = Array("职工会，。1a ".utf8)
        for k in 0..<3000 {
            var bytes: [UInt8] = []
            let badShare = [0, 1, 2, 5, 50, 500][k % 6]
            for _ in 0..<Int(rng.next() % 2000) {
                if badShare > 0 && Int(rng.next() % 1000) < badShare {
                    bytes.append(UInt8(truncatingIfNeeded: rng.next()))
                } else {
                    bytes.append(good[Int(rng.next() % UInt64(good.count))])
                }
            }
            if k % 4 == 0 { bytes += [0xE5, 0xB7] }   // cut in the last character
            if k % 9 == 0 { bytes = Array(TextDecoderTests.gb18030(String(decoding: bytes, as: UTF8.self))) }
            XCTAssertEqual(Self.verdict(TextDecoder.UTF8Scan(bytes[...]), count: bytes.count),
                           Self.verdict(TextDecoder.UTF8Scan(bytes[...], stoppingEarly: false), count: bytes.count), "page \(k)")
        }
    }
}
