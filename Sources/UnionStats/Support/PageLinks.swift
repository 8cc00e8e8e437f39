#if canImport(Glibc)
import Glibc
#endif

/// make cannot name files with spaces, `:`, `%`, `#` or `$` in rules, so it
/// sees each page through a symbolic link with a safe name
/// (`OUTPUT/.work/pages/<safe name>` -> `.in/<name>`, with `pages/.in` -> the
/// input folder), and its pattern rule `extract/%.csv: pages/%` gives one
/// intermediate file per page. This keeps the links in step with the input
/// folder and writes the list of safe names (`pages.mk`) that the Makefile includes.
///
/// The page links are short because make stats every page through its link on
/// every run: ext4 keeps a link's target in the inode only below 60 bytes, and a
/// longer one (an absolute path to a Chinese file name) costs a block read per
/// page when the cache is cold, about 0.5 s for 10,000 pages here.
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
    ///
    /// make dates a page by the file its link leads to, so a page whose link
    /// is new or leads elsewhere now (another input folder for the same output,
    /// or a page that went away and came back older than its intermediate)
    /// could look done. Its intermediate in `extractDir` (`<safe name>.csv`) is
    /// removed so that make redoes it; so is a gone page's.
    @discardableResult
    public static func sync(input: String, linkDir: String, makefile: String, extractDir: String? = nil) throws -> [String] {
        try FilePaths.makeDirectories(linkDir)
        OutputFile.removeStaleTemporaries(in: linkDir)
        let base = canonical(input)
        // An intermediate goes before its link changes: a run killed in between leaves none stale.
        func forget(_ id: String) {
            if let extractDir { unlink(FilePaths.join(extractDir, id + ".csv")) }
        }
        let folder = FilePaths.join(linkDir, folderLink)
        if PageLinks.target(of: folder) != base {
            if let extractDir { for name in (try? FilePaths.list(extractDir)) ?? [] where name.hasSuffix(".csv") { forget(String(name.dropLast(4))) } }
            try link(folder, to: base, temp: ".\(folderLink).tmp\(getpid())", in: linkDir)
        }
        var ids: [String] = []
        var seen = Set<String>()
        var broken: [String] = []
        for name in try FilePaths.list(input) where name != "manifest.csv" {
            let id = safeName(name)
            let link = FilePaths.join(linkDir, id), target = FilePaths.join(folderLink, name)
            if PageLinks.target(of: link) != target {
                forget(id)
                try PageLinks.link(link, to: target, temp: ".\(id).tmp\(getpid())", in: linkDir)
            }
            ids.append(id)
            seen.insert(id)
            if access(FilePaths.join(base, name), F_OK) != 0 { broken.append(id) }
        }
        for name in try FilePaths.list(linkDir) where !seen.contains(name) {
            unlink(FilePaths.join(linkDir, name))
            forget(name)
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

    /// The link in the links' folder to the input folder (a dot name: no page has one).
    static let folderLink = ".in"

    /// Makes `link` point to `target`: made beside and renamed over, so a reader never sees no link.
    private static func link(_ link: String, to target: String, temp: String, in dir: String) throws {
        let temp = FilePaths.join(dir, temp)
        unlink(temp)
        if symlink(target, temp) != 0 || rename(temp, link) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw CSVError.cannotWrite(path: link, reason: reason)
        }
    }

    /// The folder's own path (links and `.`, `..`, doubled or trailing `/` resolved), so
    /// that `input`, `input/` and `./input` are one folder to `.in` and do not redo every
    /// page, while a link to a folder that now leads to another one does.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return absolute(path) }
        defer { free(resolved) }
        return String(cString: resolved)
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
