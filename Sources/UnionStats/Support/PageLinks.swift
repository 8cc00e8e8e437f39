#if canImport(Glibc)
import Glibc
#endif

/// make cannot name files with spaces, `:`, `%`, `#` or `$` in rules, so it
/// sees each page through a symbolic link with a safe name
/// (`OUTPUT/.work/pages/<safe name>` -> the page), and its pattern rule
/// `extract/%.csv: pages/%` gives one intermediate file per page. This keeps
/// the links in step with the input folder and writes the list of safe names
/// (`pages.mk`) that the Makefile includes.
public enum PageLinks {
    /// A name make can use: ASCII letters, digits, `.`, `_`, `-` and non-ASCII
    /// (UTF-8) bytes kept, every other byte written `+XX` (so `+` too: the
    /// mapping is one to one).
    public static func safeName(_ name: String) -> String {
        var out: [UInt8] = []
        for b in name.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), 0x80...0xFF:
                out.append(b)
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += [UInt8(ascii: "+"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Where a symbolic link points, or nil.
    public static func target(of link: String) -> String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(link, &buf, buf.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Makes `linkDir` hold one link per page of `input` (and nothing else),
    /// and writes `makefile` with `PAGE_IDS := ...` in page order (and
    /// `BROKEN_IDS`, pages whose link leads nowhere). Returns the safe names.
    @discardableResult
    public static func sync(input: String, linkDir: String, makefile: String) throws -> [String] {
        try FilePaths.makeDirectories(linkDir)
        OutputFile.removeStaleTemporaries(in: linkDir)
        let base = absolute(input)
        var ids: [String] = []
        var seen = Set<String>()
        var broken: [String] = []
        for name in try FilePaths.list(input) where name != "manifest.csv" {
            let id = safeName(name)
            let link = FilePaths.join(linkDir, id)
            let target = FilePaths.join(base, name)
            if PageLinks.target(of: link) != target {
                // Made beside and renamed over, so a reader never sees no link.
                let temp = FilePaths.join(linkDir, ".\(id).tmp\(getpid())")
                unlink(temp)
                if symlink(target, temp) != 0 || rename(temp, link) != 0 {
                    let reason = String(cString: strerror(errno))
                    unlink(temp)
                    throw CSVError.cannotWrite(path: link, reason: reason)
                }
            }
            ids.append(id)
            seen.insert(id)
            if access(target, F_OK) != 0 { broken.append(id) }
        }
        for name in try FilePaths.list(linkDir) where !seen.contains(name) {
            unlink(FilePaths.join(linkDir, name))
        }
        // One logical line per list (continued lines): `+=` ten thousand
        // times costs make seconds of copying.
        func list(_ name: String, _ items: [String]) -> String {
            name + " := \\\n" + items.map { "  \($0) \\\n" }.joined() + "\n"
        }
        var text = "# Written by `unionstats pages`: the pages of \(input) under names make can use.\n"
        text += list("PAGE_IDS", ids)
        // Pages that are links to nothing: make cannot date them, so they are
        // redone when the page list changes (and reported as unreadable).
        text += list("BROKEN_IDS", broken)
        try OutputFile.replace(makefile, with: Array(text.utf8))
        return ids
    }

    /// `path` made absolute against the current folder.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return path }
        let cwd = String(cString: buf)
        var rest = Substring(path)
        while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
        if rest == "." || rest.isEmpty { return cwd }
        return FilePaths.join(cwd, String(rest))
    }
}
