import Foundation
import XCTest
@testable import UnionStats
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `unionstats` executable (and make, and scripts) the way a
/// user or cron does. The executable is the one built beside this test
/// bundle (`make test` builds it first: `swift build --product unionstats`).
enum Tool {
    static let repo: String = {
        // Tests/UnionStatsTests/Robustness/Tool.swift -> the package root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let binary: String? = {
        var candidates: [String] = []
        if let exe = Bundle.main.executablePath { candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().path) }
        candidates.append(URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent().path)
        candidates.append(Bundle.main.bundlePath)
        for c in Bundle.allBundles.map(\.bundlePath) { candidates.append(URL(fileURLWithPath: c).deletingLastPathComponent().path) }
        candidates.append(repo + "/.build/debug")
        for dir in candidates {
            let p = dir + "/unionstats"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    /// The executable, or a failed test saying how to build it.
    static func program(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        guard let b = binary else {
            XCTFail("unionstats executable not found beside the test bundle; run `make test` (it builds it) or `swift build --product unionstats`", file: file, line: line)
            throw XCTSkip("no executable")
        }
        return b
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts a process; stdout and stderr go to files so a killed child cannot block on a full pipe.
    final class Running {
        let process = Process()
        let out: URL
        let err: URL
        init(_ executable: String, _ args: [String], cwd: String? = nil, env: [String: String] = [:]) throws {
            out = URL(fileURLWithPath: TestScratch.file("process", extension: "out"))
            err = URL(fileURLWithPath: TestScratch.file("process", extension: "err"))
            // A file not made here makes FileHandle(forWritingTo:) below throw.
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = args
            if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
            var e = ProcessInfo.processInfo.environment
            for (k, v) in env { e[k] = v }
            e.removeValue(forKey: "MAKEFLAGS")
            e.removeValue(forKey: "MAKELEVEL")
            process.environment = e
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        var pid: Int32 { process.processIdentifier }
        func wait() -> Result {
            process.waitUntilExit()
            let r = Result(status: process.terminationStatus,
                           stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                           stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
            return r
        }
    }

    /// `unionstats ARGS`; `run` gets the package's pipeline/ unless ARGS name one.
    @discardableResult
    static func run(_ args: [String], env: [String: String] = [:]) throws -> Result {
        try Running(try program(), withPipeline(args), env: env).wait()
    }

    static func withPipeline(_ args: [String]) -> [String] {
        guard args.first == "run", !args.contains("--pipeline") else { return args }
        return args + ["--pipeline", repo + "/pipeline"]
    }

    /// make in the package root with the test's executable (never builds).
    @discardableResult
    static func make(_ args: [String]) throws -> Result {
        try Running("/usr/bin/env", ["make", "-s", "--no-print-directory", "-C", repo, "UNIONSTATS_BIN=\(try program())"] + args).wait()
    }

    // MARK: fixtures

    static func temporaryDirectory(_ label: String) throws -> String {
        try TestScratch.directory(label)
    }

    /// The shipped sample pages (input/ of the package), without the manifest.
    static var samplePages: [String] {
        ((try? FilePaths.list(repo + "/input")) ?? []).filter { $0 != "manifest.csv" }
    }

    static func sampleText(_ name: String) throws -> String {
        try String(contentsOfFile: repo + "/input/" + name, encoding: .utf8)
    }

    /// A folder with the sample pages and their manifest.
    static func sampleInput() throws -> String {
        let dir = try temporaryDirectory("in")
        for name in samplePages + ["manifest.csv"] {
            try FileManager.default.copyItem(atPath: repo + "/input/" + name, toPath: dir + "/" + name)
        }
        return dir
    }

    /// A bigger folder: the sample pages `copies` times under other names, each copy with a changed figure
    /// (so that a run takes long enough to be killed in the middle).
    static func bulkInput(copies: Int, salt: String = "") throws -> String {
        let dir = try temporaryDirectory("bulk")
        let pages = samplePages
        for c in 0..<copies {
            for (i, name) in pages.enumerated() {
                let text = try sampleText(name) + "\n本报讯 近日，第\(c)区总工会为职工发放慰问金\(1000 + c * 7 + i)\(salt)元。\n"
                try Data(text.utf8).write(to: URL(fileURLWithPath: String(format: "%@/copy%04d_%@", dir, c, name)))
            }
        }
        return dir
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    // MARK: outputs

    /// Every output file of a folder (not dot files, not .work), relative path -> bytes.
    static func outputs(_ dir: String) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir) else { return files }
        while let rel = e.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if (e.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { e.skipDescendants() }
                continue
            }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = FileManager.default.contents(atPath: dir + "/" + rel)
            }
        }
        return files
    }

    /// Temporary files (`.name.tmpPID`) anywhere under `dir`.
    static func temporaries(_ dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var found: [String] = []
        while let rel = e.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix("."), name.contains(".tmp") { found.append(rel) }
        }
        return found
    }

    static func records(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> [CSVRecord] {
        do { return try CSVReader(path: path).readRecords() } catch {
            XCTFail("cannot read \(path): \(error)", file: file, line: line)
            return []
        }
    }

    static var isRoot: Bool { getuid() == 0 }
}
