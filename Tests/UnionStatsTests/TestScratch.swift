import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Scratch folders and files for the tests, all under one folder per test
/// process that is removed when the process exits, so `swift test` leaves
/// nothing behind in the temporary directory (a crashed run leaves one folder).
enum TestScratch {
    static let root: String = {
        let dir = NSTemporaryDirectory() + "unionstats-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestScratch.root) }
        return dir
    }()

    /// A new empty folder, named after `label` so a failing test's leftovers are easy to find while it runs.
    static func directory(_ label: String) throws -> String {
        let dir = root + "/\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A path for a new file (not created).
    static func file(_ label: String, extension ext: String) -> String {
        root + "/\(label)-\(UUID().uuidString).\(ext)"
    }
}
