import XCTest
@testable import UnionStats

/// The repeat finder's hash index (open addressing over one table of slots held by pointer)
/// must answer as a Dictionary does, through growth and through keys that share a slot.
final class HashIndexTests: XCTestCase {
    func testAnswersAsADictionary() {
        var rng = SplitMix64(seed: 41)
        for round in 0..<6 {
            let index = HashIndex()
            var reference: [Int: Int] = [:]
            // Few distinct keys in some rounds (many replacements), many in others (growth past 64 slots many times).
            let spread = [8, 100, 5_000, 1 << 40, 3, 70][round]
            for step in 0..<20_000 {
                // Keys alike in their low bits as well as random ones: slots collide and probe on.
                let key = step % 3 == 0 ? Int(rng.next() % UInt64(spread)) << 32 : Int(truncatingIfNeeded: rng.next() % UInt64(spread))
                if rng.next() % 2 == 0 {
                    let value = Int(rng.next() % 1000)
                    index.set(key, value)
                    reference[key] = value
                }
                let probe = Int(truncatingIfNeeded: rng.next() % UInt64(spread))
                XCTAssertEqual(index[probe], reference[probe], "round \(round) step \(step)")
                XCTAssertEqual(index[key], reference[key], "round \(round) step \(step)")
            }
            if round == 2 { XCTAssertGreaterThan(reference.count, 1000, "grown well past its first table") }
        }
    }
}
