#if canImport(Glibc)
import Glibc
#endif

/// make's cache of each page's normalized rows (`OUTPUT/.work/normalized/`),
/// so that after one page changes only that page is normalized again and the
/// rest is spliced from here. An entry is used only when everything the rows
/// depend on is the same: the extract CSV (device, inode, size, mtime), the
/// page's manifest row, the `pipeline/` files, the CSV encoding and the
/// program itself; otherwise the page is normalized afresh.
public enum NormalizeCache {
    static let magic = "unionstats-normalized 2"

    /// What every entry of a run depends on: the program, `pipeline/`, the encoding.
    public static func runFingerprint(pipeline: String, encoding: CSVEncoding) -> String {
        var h = StableHash()
        if let names = try? FilePaths.list(pipeline) {
            for name in names {
                h.add(name)
                if case .success(let bytes) = FilePaths.readAll(FilePaths.join(pipeline, name), limit: 64 << 20) { h.add(bytes[...]) }
                h.add(count: -1)   // the end of a file
            }
        }
        return "\(identity("/proc/self/exe"))|\(h.hex)|\(encoding.rawValue)"
    }

    /// A file's identity as make sees it: it changes whenever the file is rewritten or touched.
    public static func identity(_ path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing" }
        return "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }

    /// The part of the manifest a page's rows depend on.
    public static func manifestKey(_ manifest: Manifest, doc: String) -> String {
        guard let e = manifest.entry(doc) else { return "-" }
        return "+" + e.published + "\u{1}" + e.source
    }

    /// The cached rows, or nil when absent, unreadable or stale.
    public static func read(_ path: String, key: String, manifest: Manifest) -> PageRows? {
        guard case .success(let bytes) = FilePaths.readAll(path, limit: 1 << 30) else { return nil }
        var pos = 0
        func line() -> String? {
            guard let nl = bytes[pos...].firstIndex(of: 0x0A) else { return nil }
            defer { pos = nl + 1 }
            return unescape(String(decoding: bytes[pos..<nl], as: UTF8.self))
        }
        guard line() == magic, line() == key, let doc = line(), line() == manifestKey(manifest, doc: doc),
              let counts = line()?.split(separator: " ").compactMap({ Int($0) }), counts.count == 6 else { return nil }
        var rows = PageRows()
        rows.doc = doc
        rows.figureCount = counts[0]
        rows.articleCount = counts[1]
        for _ in 0..<counts[5] {
            guard let m = line(), let tab = m.firstIndex(of: "\t") else { return nil }
            rows.rejectMessages.append((String(m[..<tab]), String(m[m.index(after: tab)...])))
        }
        guard bytes.count - pos == counts[2] + counts[3] + counts[4] else { return nil }
        rows.figures = Array(bytes[pos..<pos + counts[2]]); pos += counts[2]
        rows.articles = Array(bytes[pos..<pos + counts[3]]); pos += counts[3]
        rows.rejects = Array(bytes[pos..<pos + counts[4]])
        return rows
    }

    /// Stores `rows` atomically (temporary file + rename).
    public static func write(_ path: String, key: String, manifest: Manifest, rows: PageRows) throws {
        var text = magic + "\n" + escape(key) + "\n" + escape(rows.doc) + "\n" + escape(manifestKey(manifest, doc: rows.doc)) + "\n"
        text += "\(rows.figureCount) \(rows.articleCount) \(rows.figures.count) \(rows.articles.count) \(rows.rejects.count) \(rows.rejectMessages.count)\n"
        for m in rows.rejectMessages { text += escape(m.doc) + "\t" + escape(m.reason) + "\n" }
        let out = try OutputFile(path: path, durable: false)   // a cache: a bad entry is just recomputed
        do {
            try out.write(text)
            try out.write(rows.figures)
            try out.write(rows.articles)
            try out.write(rows.rejects)
            try out.commit()
        } catch {
            out.abandon()
            throw error
        }
    }

    /// Removes entries of pages no longer in the batch.
    public static func prune(_ dir: String, keeping names: Set<String>) {
        guard let list = try? FilePaths.list(dir) else { return }
        for name in list where !names.contains(name) { unlink(FilePaths.join(dir, name)) }
    }

    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 || $0 == 0x5C }) else { return s }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(0x5C) else { return s }
        var out = ""
        var escaped = false
        for ch in s.unicodeScalars {
            if escaped {
                out += ch == "n" ? "\n" : ch == "t" ? "\t" : String(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
