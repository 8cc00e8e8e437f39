import Foundation

/// The seed pages in the package's `input/` folder, found relative to this file.
enum SeedPages {
    static let inputDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("input")

    /// The bytes of the seed page whose name starts with `prefix` (`"000"`), or nil when missing.
    static func bytes(_ prefix: String) -> [UInt8]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: inputDirectory.path),
              let name = names.sorted().first(where: { $0.hasPrefix(prefix + "_") && $0.hasSuffix(".txt") }),
              let data = FileManager.default.contents(atPath: inputDirectory.appendingPathComponent(name).path)
        else { return nil }
        return Array(data)
    }

    static func text(_ prefix: String) -> String? {
        bytes(prefix).map { String(decoding: $0, as: UTF8.self) }
    }
}
