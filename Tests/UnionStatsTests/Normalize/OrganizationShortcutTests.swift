import XCTest
@testable import UnionStats

/// The organization finder's shortcuts answer as the full tests do.
final class OrganizationShortcutTests: XCTestCase {
    /// A name without 各 is not a place's unions when it is plain, and is tested in full otherwise.
    func testEachLevelsIsTheFullTest() {
        var rng = SplitMix64(seed: 0x4F52_4731)
        let pieces = ["各级工会", "各级工会组织", "各", "级", "工会", "组织", "基层", "某", "北京市", "朝阳区", "e\u{301}", "各\u{301}", "😀", "公司"]
        var placeUnions = 0, withoutEach = 0
        for _ in 0..<20_000 {
            var name = ""
            for _ in 0..<rng.int(1...5) { name += rng.pick(pieces) }
            let core = TextTest(name.scalars[...])
            let each = core.contains(OrganizationFinder.each)
            // Stated on the name as a string, not with the finder's own scalar constants and tests.
            let full = name.contains("各级工会") || name.hasSuffix("各级工会组织")
            XCTAssertEqual(OrganizationFinder.eachLevels(core, each: each), full, name)
            if full { placeUnions += 1 }
            if !each { withoutEach += 1 }
        }
        XCTAssertGreaterThan(placeUnions, 1_000)
        XCTAssertGreaterThan(withoutEach, 1_000)
    }
}
