import XCTest
@testable import UnionStats

/// The repair decodes a line and scans it in one loop written for Chinese text; it must give
/// the scalars of the line and the scan that scanning those scalars one by one gives.
final class LineScanTests: XCTestCase {
    static let pieces = ["职", "工", "备", "会", "。", "，", "、", "；", ":", "：", "©", "C", "c", "/", "(", "（", "【", "[", "１", "2", " ",
                         "\u{3000}", "\u{A0}", "\t", "\r", "\u{FEFF}", "\u{200B}", "𠀀", "😀", "e\u{301}", "ß", "Ω", "—", "…", "·", "□",
                         "Ａ", "㐀", "豈", "한", "a", "!", "?"]

    func check(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
        var copy = line
        copy.withUTF8 { bytes in
            let out = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: max(1, bytes.count))
            defer { out.deallocate() }
            var scan = LineScan()
            let n = LineScan.decode(bytes, 0..<bytes.count, into: out, scan: &scan)
            let decoded = Array(UnsafeBufferPointer(start: out, count: n))
            let expected = Array(line.unicodeScalars)
            XCTAssertEqual(decoded, expected, line, file: file, line: lineNumber)
            let slow = expected.withUnsafeBufferPointer { LineScan($0) }
            XCTAssertEqual(scan.width, slow.width, line, file: file, line: lineNumber)
            XCTAssertEqual(scan.digits, slow.digits, line, file: file, line: lineNumber)
            XCTAssertEqual(scan.spaceCount, slow.spaceCount, line, file: file, line: lineNumber)
            XCTAssertEqual(scan.clauses, slow.clauses, line, file: file, line: lineNumber)
            XCTAssertEqual([scan.clause, scan.slash, scan.fullStop, scan.comma, scan.colon, scan.jumpOpener],
                           [slow.clause, slow.slash, slow.fullStop, slow.comma, slow.colon, slow.jumpOpener], line, file: file, line: lineNumber)
        }
    }

    func testDecodingScanEqualsScanningTheScalars() {
        check("")
        check("本报讯 （记者 马超） 延庆123户困难职工家庭解困脱困，脱困解困率87%。")
        check("设备：ICP备12345号 © Copyright")
        var rng = SplitMix64(seed: 3)
        for _ in 0..<500 {
            var line = ""
            for _ in 0..<Int(rng.next() % 40) { line += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            check(line)
        }
    }

    func testTrimmedSpacesLeaveTheScanOfTheRest() {
        let line = Array("　 职工，备 ".unicodeScalars)
        var scan = line.withUnsafeBufferPointer { LineScan($0) }
        scan.remove(space: line[0])
        scan.remove(space: line[1])
        scan.remove(space: line[6])
        let trimmed = Array(line[2..<6]).withUnsafeBufferPointer { LineScan($0) }
        XCTAssertEqual(scan.width, trimmed.width)
        XCTAssertEqual(scan.spaceCount, trimmed.spaceCount)
        XCTAssertEqual(scan.colon, trimmed.colon)
    }
}

/// The scan of a scalar read from the table equals the scan computed test by test, for every
/// scalar (those past the plane are computed either way).
final class LineScanTableTests: XCTestCase {
    func testTableScanEqualsComputedScan() {
        let table = LineScan.table
        var flagged = 0, wide = 0
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            var read = LineScan(), computed = LineScan()
            read.addOther(s, table)
            computed.addComputed(s)
            if read.width != computed.width || read.digits != computed.digits || read.spaceCount != computed.spaceCount
                || read.clauses != computed.clauses
                || [read.slash, read.fullStop, read.comma, read.colon, read.jumpOpener]
                    != [computed.slash, computed.fullStop, computed.comma, computed.colon, computed.jumpOpener] {
                XCTFail(String(v, radix: 16))
            }
            if computed.slash || computed.fullStop || computed.comma || computed.colon || computed.jumpOpener { flagged += 1 }
            if computed.width == 2 { wide += 1 }
        }
        XCTAssertEqual(flagged, 12, "/ 。 ， : ： © C c ( （ 【 [ (备 is the ideograph path's)")
        XCTAssertGreaterThan(wide, 1000)
    }
}
