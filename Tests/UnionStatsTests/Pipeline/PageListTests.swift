import XCTest
@testable import UnionStats

final class PageListTests: XCTestCase {
    /// Every file but the manifest and dot files, by the bytes of the names (not by any
    /// locale), so every machine processes pages in the same order.
    func testPagesAreTheFolderByteOrderedWithoutManifestAndDotFiles() throws {
        let dir = try Tool.temporaryDirectory("pagelist")
        let names = ["b.txt", "a b.txt", "劳动午报 第5版.txt", "2020-11-20_劳动午报_05.txt", "Z.txt", "a", "ab", "=SUM(A1).txt", "é.txt"]
        for n in names + ["manifest.csv", ".hidden", ".a.tmp123"] { try Tool.write([0x31], to: dir + "/" + n) }
        let list = try PageList(folder: dir)
        let expected = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        XCTAssertEqual((0..<list.count).map(list.name), expected)
        XCTAssertEqual(Array(list), expected.map { dir + "/" + $0 })
        XCTAssertEqual(try FilePaths.list(dir).filter { $0 != "manifest.csv" }, expected, "the same order as FilePaths.list")
        XCTAssertThrowsError(try PageList(folder: dir + "/none"))
    }
}
