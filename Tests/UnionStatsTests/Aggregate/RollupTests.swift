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
}
