import Foundation
import XCTest
@testable import UnionStats

/// Outputs put in place on their own thread: every one whole, in order, errors not lost.
final class BackgroundCommitsTests: XCTestCase {
    private func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    func testEveryOutputIsInPlaceWithItsBytesAfterFinish() throws {
        let dir = try TestScratch.directory("commits")
        let commits = BackgroundCommits(limit: 2)
        var expected: [String: [UInt8]] = [:]
        var rng = SplitMix64(seed: 7)
        for i in 0..<40 {
            let path = dir + "/out-\(i).txt"
            // Sizes from empty to a few hundred kilobytes, so some wait behind others.
            let size = Int(rng.next() % 300_000) * (i % 5 == 0 ? 0 : 1)
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
            expected[path] = bytes
            try commits.replace(path, with: bytes)
        }
        try commits.finish()
        for (path, bytes) in expected { XCTAssertEqual(contents(path), bytes, path) }
        // Nothing but the outputs: no temporary file is left beside them.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        XCTAssertEqual(names.count, expected.count, "\(names.filter { $0.hasPrefix(".") })")
    }

    /// The bytes held (queued or being written) stay under `byteLimit`; an output larger than it
    /// waits alone. Forty outputs of 300 KB come far faster than they are synced: without the
    /// bound all 12 MB would wait.
    func testTheBytesWaitingStayUnderTheirBound() throws {
        let dir = try TestScratch.directory("commits-bytes")
        let commits = BackgroundCommits(limit: 1_000, byteLimit: 1 << 20)
        var expected: [String: [UInt8]] = [:]
        for i in 0..<40 {
            let bytes = [UInt8](repeating: UInt8(i), count: 300_000)
            expected[dir + "/out-\(i).txt"] = bytes
            try commits.replace(dir + "/out-\(i).txt", with: bytes)
        }
        XCTAssertLessThanOrEqual(commits.mostBytesWaiting, 1 << 20)
        let big = [UInt8](repeating: 7, count: 3 << 20)
        expected[dir + "/big.txt"] = big
        try commits.replace(dir + "/big.txt", with: big)
        try commits.finish()
        XCTAssertEqual(commits.mostBytesWaiting, 3 << 20, "the large output waited alone")
        for (path, bytes) in expected { XCTAssertEqual(contents(path), bytes, path) }
    }

    func testALaterOutputOfTheSamePathWins() throws {
        let dir = try TestScratch.directory("commits-order")
        let commits = BackgroundCommits(limit: 3)
        for i in 0..<25 { try commits.replace(dir + "/same.txt", with: Array("version \(i)\n".utf8)) }
        try commits.finish()
        XCTAssertEqual(contents(dir + "/same.txt"), Array("version 24\n".utf8))
    }

    func testAFailedOutputIsReportedAndStopsTheOnesAfterIt() throws {
        let dir = try TestScratch.directory("commits-fail")
        let commits = BackgroundCommits(limit: 1)
        try commits.replace(dir + "/first.txt", with: [1, 2, 3])
        // A folder that does not exist: its temporary file cannot be made.
        var thrown: Error? = nil
        do {
            try commits.replace(dir + "/missing/second.txt", with: [4])
            for i in 0..<50 { try commits.replace(dir + "/after-\(i).txt", with: [5]) }
            try commits.finish()
        } catch {
            thrown = error
        }
        let message = thrown.map { String(describing: $0) } ?? ""
        XCTAssertTrue(message.contains("missing/second.txt"), "the error names the output: \(message)")
        XCTAssertEqual(contents(dir + "/first.txt"), [1, 2, 3])
        // Outputs are taken in order, so none queued after the failed one is written: those
        // waiting are dropped when it fails and later ones are refused.
        let after = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("after-") }
        XCTAssertEqual(after, [])
        XCTAssertThrowsError(try commits.finish())
    }

    func testAbandonLeavesNoTemporaryFile() throws {
        let dir = try TestScratch.directory("commits-abandon")
        let commits = BackgroundCommits(limit: 8)
        for i in 0..<8 { try commits.replace(dir + "/out-\(i).txt", with: Array(repeating: UInt8(i), count: 100_000)) }
        commits.abandon()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        XCTAssertTrue(names.allSatisfy { !$0.hasPrefix(".") }, "\(names)")
        // Whatever was written is whole.
        for name in names {
            let i = Int(name.dropFirst(4).dropLast(4))!
            XCTAssertEqual(contents(dir + "/" + name), Array(repeating: UInt8(i), count: 100_000))
        }
    }
}

/// A large output asks the kernel to write its first megabytes while the rest is still
/// coming (`OutputFile.writeBackStep`); what is put in place is still every byte, once.
final class OutputFileWriteBackTests: XCTestCase {
    func testALargeOutputWrittenInPiecesComesOutWhole() throws {
        let path = TestScratch.file("large", extension: "bin")
        let out = try OutputFile(path: path)
        var expected: [UInt8] = []
        var rng = SplitMix64(seed: 11)
        // Pieces of uneven sizes, past several write-back steps.
        while expected.count < 3 * OutputFile.writeBackStep + 12_345 {
            let piece = (0..<Int(rng.next() % 900_000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            expected += piece
            try out.write(piece)
        }
        XCTAssertTrue(try out.commit())
        XCTAssertEqual(FileManager.default.contents(atPath: path).map { Array($0) }, expected)
    }
}
