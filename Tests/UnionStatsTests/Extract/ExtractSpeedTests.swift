import Foundation
import XCTest
@testable import UnionStats

/// Times repair and splitting on a large page named by UNIONSTATS_SPEED_PAGE (skipped otherwise):
/// `UNIONSTATS_SPEED_PAGE=/tmp/big.txt swift test -c release --filter ExtractSpeedTests`.
final class ExtractSpeedTests: XCTestCase {
    func testRepairAndSplitSpeed() throws {
        guard let path = ProcessInfo.processInfo.environment["UNIONSTATS_SPEED_PAGE"],
              let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("set UNIONSTATS_SPEED_PAGE to time a large page") }
        let bytes = Array(data)
        let r0 = residentMB()
        let t0 = Date()
        let (text, _) = try TextDecoder.decode(bytes)
        let t1 = Date()
        let r1 = residentMB()
        let paragraphs = TextRepair.paragraphs(from: text)
        let t2 = Date()
        let r2 = residentMB()
        let articles = ArticleSplitter.articles(from: paragraphs)
        let t3 = Date()
        let r3 = residentMB()
        print("resident MB: start \(r0), decoded \(r1), repaired \(r2), split \(r3)")
        let mb = Double(bytes.count) / 1_000_000
        print(String(format: "speed: %.1f MB, decode %.2fs, repair %.2fs (%.0f MB/s), split %.2fs (%.0f MB/s); %d paragraphs, %d articles",
                     mb, t1.timeIntervalSince(t0), t2.timeIntervalSince(t1), mb / t2.timeIntervalSince(t1),
                     t3.timeIntervalSince(t2), mb / t3.timeIntervalSince(t2), paragraphs.count, articles.count))
        XCTAssertFalse(articles.isEmpty)
    }

    /// Resident set size from /proc/self/statm (pages of 4 KiB), in MB.
    func residentMB() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return -1 }
        let fields = s.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 / 1_000_000 : -1
    }
}
