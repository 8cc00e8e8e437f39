import Foundation

/// `input/manifest.csv`: `doc,published,source,page`, one row per page.
/// `published` is `YYYY-MM-DD` or `YYYY-MM`; a bad date is reported and the
/// page processed as undated (unless its name or text dates it).
///
/// A manifest has a row per page, so its rows are kept compact: the names in
/// one block of bytes, found by a 128-bit hash, the newspapers' names once
/// each (a dictionary of `Entry`s took some 250 bytes a row, 26 MB for the
/// 1 GB bench's 104,806 rows; this takes about half).
public struct Manifest: Sendable {
    public struct Entry: Sendable, Equatable {
        public var doc: String
        public var published: String
        public var source: String
        public var page: String
        public var row: Int
    }

    private struct Slot: Sendable {
        /// Where the doc's bytes end in `docBytes` (they start where the slot before ends).
        var docEnd: Int
        var published: String
        var source: Int32
        var page: String
        var row: Int32
    }

    public let path: String
    /// Rows that could not be used: they go to `rejects.csv` so the run says it needs a look.
    public private(set) var problems: [(doc: String, row: Int, reason: String)] = []
    /// In manifest order.
    private var slots: [Slot] = []
    private var index: [StableHash: Int32] = [:]
    /// Each doc as written in the manifest, one after another (UTF-8).
    private var docBytes: [UInt8] = []
    private var sourceNames: [String] = []
    private var sourceNumbers: [String: Int32] = [:]

    public init(path: String = "", entries: [Entry] = []) {
        self.path = path
        for e in entries { _ = add(e) }
    }

    public var count: Int { slots.count }
    public var isEmpty: Bool { slots.isEmpty }

    /// The key a doc is found by. Names are compared as Swift compares strings, by
    /// canonical equivalence (a file name saved decomposed, as macOS does, still finds
    /// its row): plain names (ASCII, CJK) are their own canonical form.
    public static func key(_ doc: String) -> StableHash {
        StableHash(doc.unicodeScalars.allSatisfy(TextClasses.isPlain) ? doc : doc.precomposedStringWithCanonicalMapping)
    }

    /// The row of `doc`, if the manifest has one.
    public func entry(_ doc: String) -> Entry? {
        guard let i = index[Manifest.key(doc)] else { return nil }
        return entry(at: Int(i))
    }

    /// Every row, in manifest order.
    public func forEachEntry(_ body: (Entry) throws -> Void) rethrows {
        for i in slots.indices { try body(entry(at: i)) }
    }

    private func entry(at i: Int) -> Entry {
        let s = slots[i]
        let start = i == 0 ? 0 : slots[i - 1].docEnd
        return Entry(doc: String(decoding: docBytes[start..<s.docEnd], as: UTF8.self), published: s.published,
                     source: sourceNames[Int(s.source)], page: s.page, row: Int(s.row))
    }

    /// Adds a row; false (and nothing added) when the doc has one already.
    mutating func add(_ e: Entry) -> Bool {
        let key = Manifest.key(e.doc)
        guard index[key] == nil else { return false }
        let source: Int32
        if let n = sourceNumbers[e.source] {
            source = n
        } else {
            source = Int32(sourceNames.count)
            sourceNames.append(e.source)
            sourceNumbers[e.source] = source
        }
        index[key] = Int32(slots.count)
        docBytes.append(contentsOf: e.doc.utf8)
        slots.append(Slot(docEnd: docBytes.count, published: e.published, source: source, page: e.page, row: Int32(clamping: e.row)))
        return true
    }

    /// Reads the manifest; a missing file is an empty manifest. Rows with a bad
    /// date or a repeated doc are reported to `diagnostics` and skipped or blanked.
    /// A manifest that cannot be parsed at all is reported the same way and read as empty.
    public static func load(_ path: String, diagnostics: DiagnosticCollector) -> Manifest {
        var manifest = Manifest(path: path)
        guard FilePaths.exists(path) else { return manifest }
        do {
            try manifest.read(diagnostics: diagnostics)
        } catch {
            diagnostics.emit(Diagnostic(.error, file: path, "\(error); manifest ignored, pages treated as undated"))
            manifest = Manifest(path: path)
            manifest.problems = [(FilePaths.baseName(path), 0, "manifest unusable: \(error)")]
        }
        return manifest
    }

    private mutating func read(diagnostics: DiagnosticCollector) throws {
        let path = self.path
        var manifest = self
        defer { self = manifest }
        try CSVReader(path: path).forEachRecord(required: ["doc", "published"]) { r in
            let doc = r["doc"].trimmingSpaces
            if doc.isEmpty {
                diagnostics.emit(Diagnostic(.warning, file: path, line: r.row, "row has no doc; skipped"))
                return
            }
            var published = r["published"].trimmingSpaces
            if !published.isEmpty, PublicationDate.normalized(published) == nil {
                let reason = "published '\(published)' is not YYYY-MM-DD or YYYY-MM; page dated by its name or text, else undated"
                diagnostics.emit(Diagnostic(.error, file: path, line: r.row, "\(doc): \(reason)"))
                manifest.problems.append((doc, r.row, "manifest: " + reason))
                published = ""
            } else if let n = PublicationDate.normalized(published) {
                published = n
            }
            let added = manifest.add(Entry(doc: doc, published: published, source: r["source"].trimmingSpaces,
                                           page: r["page"].trimmingSpaces, row: r.row))
            if !added {
                diagnostics.emit(Diagnostic(.warning, file: path, line: r.row, "\(doc) listed again; the first row counts"))
            }
        }
    }
}

/// Publication dates: validation and the dating rules of DESIGN.md.
public enum PublicationDate {
    /// `YYYY-MM-DD` or `YYYY-MM` with a real month and day, normalized; nil otherwise.
    public static func normalized(_ s: String) -> String? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts[0].count == 4, let y = Int(parts[0]), y >= 1900, y <= 2200,
              parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        if parts.count == 2 { return s }
        guard parts[2].count == 2, let d = Int(parts[2]), d >= 1, d <= daysIn(year: y, month: m) else { return nil }
        return s
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A date at the start of a file name: `2020-11-20_劳动午报_05.txt`, `20201120-…`, `2020-11_…`.
    public static func fromFileName(_ name: String) -> String? {
        let s = Array(name.utf8)
        func digits(_ from: Int, _ n: Int) -> String? {
            guard from + n <= s.count, s[from..<from + n].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return String(decoding: s[from..<from + n], as: UTF8.self)
        }
        func boundary(_ i: Int) -> Bool { i >= s.count || !(s[i] >= 48 && s[i] <= 57) }
        if let y = digits(0, 4), s.count > 4, s[4] == UInt8(ascii: "-") || s[4] == UInt8(ascii: "_") || s[4] == UInt8(ascii: "."),
           let m = digits(5, 2) {
            if s.count > 7, s[7] == s[4], let d = digits(8, 2), boundary(10) {
                return normalized("\(y)-\(m)-\(d)")
            }
            if boundary(7) { return normalized("\(y)-\(m)") }
        }
        if let y = digits(0, 4), let m = digits(4, 2), let d = digits(6, 2), boundary(8) {
            return normalized("\(y)-\(m)-\(d)")
        }
        return nil
    }

    /// The manifest's date, else the file name's, else the one printed on the page, else "".
    public static func resolve(manifest: String?, fileName: String, printed: String?) -> String {
        if let m = manifest, !m.isEmpty { return m }
        if let f = fromFileName(fileName) { return f }
        if let p = printed, let n = normalized(p) { return n }
        return ""
    }
}
