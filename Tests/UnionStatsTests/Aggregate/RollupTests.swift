import XCTest
@testable import UnionStats

final class RollupTests: XCTestCase {
    func testChainsByPathAndCode() {
        let cases: [(path: String, code: String, expected: [String])] = [
            ("北京市/朝阳区/三里屯街道", "110105004",
             ["province 北京市 11", "district 北京市/朝阳区 110105", "street 北京市/朝阳区/三里屯街道 110105004"]),
            ("陕西省/汉中市/南郑区", "610703",
             ["province 陕西省 61", "city 陕西省/汉中市 6107", "district 陕西省/汉中市/南郑区 610703"]),
            ("上海市", "31", ["province 上海市 31"]),
            ("河北省/张家口市", "1307", ["province 河北省 13", "city 河北省/张家口市 1307"]),
            // A code that does not fit the path's level is not guessed at.
            ("北京市/朝阳区", "11", ["province 北京市 ", "district 北京市/朝阳区 "]),
            ("北京市/朝阳区", "", ["province 北京市 ", "district 北京市/朝阳区 "]),
            ("", "", []),
        ]
        for c in cases {
            let got = Rollup.chain(path: c.path, code: c.code).map { "\($0.level.rawValue) \($0.path) \($0.code)" }
            XCTAssertEqual(got, c.expected, c.path)
        }
    }

    /// Plain paths are cut at their "/" bytes; the chain is the one splitting by Characters gives,
    /// empty segments, villages past the street level and all. A path with a mark (not plain)
    /// is split by Characters, where a "/" and the mark after it are one Character.
    func testChainByBytesIsTheChainByCharacters() {
        let cases: [(String, String)] = [
            ("北京市/朝阳区/三里屯街道", "110105004"), ("//北京市//朝阳区/", "110105"), ("陕西省/汉中市/镇巴县/黎坝镇/某村/", "610728100"),
            ("北京市/朝阳区/三里屯街道/某社区", "110105004"), ("上海市", "31"), ("/", ""), ("", "11"), ("a/b/c/d/e", "12345678x"),
            ("河北省/张家口市", "1307"), ("北京市/朝阳区", "11"),
            ("a/\u{301}b/c", "1101"), ("e\u{301}/x", ""),
        ]
        for (path, code) in cases {
            let bytes = Rollup.chain(path: path, code: code), characters = Rollup.chainByCharacters(path: path, code: code)
            XCTAssertEqual(bytes, characters, path.debugDescription)
        }
        XCTAssertEqual(Rollup.chain(path: "a/\u{301}b/c", code: "").map(\.path), ["a/\u{301}b", "a/\u{301}b/c"], "\"/\" and the mark are one Character")
    }
}
