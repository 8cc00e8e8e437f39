#if canImport(Glibc)
import Glibc
#endif

/// `gazetteer.csv` read straight from its bytes when it is written the way the
/// generated table is (no quotes, no CR, no blank lines, levels of one digit):
/// libcsv's callbacks, a String per field and a hashed column name per field read
/// cost more than building the table. Anything else, and every row the loader
/// would reject, goes back to `Dictionaries.loadGazetteer`'s reading through
/// `CSVReader`, which then gives the same table or the same error.
enum GazetteerFile {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), bar = UInt8(ascii: "|")

    /// The table, or nil when the file is not plain enough (the caller reads it the usual way).
    static func load(_ path: String) -> Gazetteer? {
        guard case .success(let file) = FilePaths.readAll(path, limit: 1 << 30) else { return nil }
        return file.withUnsafeBufferPointer { all -> Gazetteer? in
            var b = all
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { b = Bytes(rebasing: b[3...]) }
            // Quotes and CRs change how fields and rows end; a plain file has neither.
            guard let base = b.baseAddress, memchr(base, 0x22, b.count) == nil, memchr(base, 0x0D, b.count) == nil else { return nil }
            return parse(b, path: path)
        }
    }

    /// One line's fields as byte ranges, into `ends` (field `i` is `ends[i-1]+1..<ends[i]`, the first from `start`).
    @inline(__always)
    static func fields(_ b: Bytes, _ start: Int, _ end: Int, into ends: inout [Int]) {
        ends.removeAll(keepingCapacity: true)
        var k = start
        while k < end {
            if b[k] == comma { ends.append(k) }
            k += 1
        }
        ends.append(end)
    }

    static func parse(_ b: Bytes, path: String) -> Gazetteer? {
        var lineStart = 0
        var ends: [Int] = []
        ends.reserveCapacity(8)
        func nextLine() -> Int? {
            guard lineStart < b.count else { return nil }
            guard let nl = memchr(b.baseAddress! + lineStart, Int32(newline), b.count - lineStart) else { return b.count }
            return UnsafeRawPointer(b.baseAddress!).distance(to: UnsafeRawPointer(nl))
        }
        func string(_ r: Range<Int>) -> String { String(decoding: Bytes(rebasing: b[r]), as: UTF8.self) }
        func range(_ i: Int?, _ start: Int) -> Range<Int> {
            guard let i, i < ends.count else { return 0..<0 }
            return (i == 0 ? start : ends[i - 1] + 1)..<ends[i]
        }

        guard let headerEnd = nextLine(), headerEnd > lineStart else { return nil }
        fields(b, lineStart, headerEnd, into: &ends)
        let header = (0..<ends.count).map { string(range($0, lineStart)) }
        guard let columns = try? CSVReader.columnMap(header, required: ["code", "name", "level", "parent_code"], path: path) else {
            return nil
        }
        let code = columns["code"], name = columns["name"], level = columns["level"], parentCode = columns["parent_code"]
        let aliases = columns["aliases"], short = columns["short"]
        lineStart = headerEnd + 1

        var g = Gazetteer()
        g.reserve(entries: 45_000, names: 100_000)
        // Rows come sorted by code: siblings follow one another and share their parent.
        var lastParent: (range: Range<Int>, index: Int)? = nil
        while let end = nextLine() {
            defer { lineStart = end + 1 }
            // libcsv delivers no row for an empty line, so row numbers stop being line numbers: the usual reading counts them.
            guard end > lineStart else { return nil }
            fields(b, lineStart, end, into: &ends)
            let c = range(code, lineStart), n = range(name, lineStart), l = range(level, lineStart), p = range(parentCode, lineStart)
            guard !c.isEmpty, !n.isEmpty, l.count == 1, b[l.lowerBound] >= UInt8(ascii: "1"), b[l.lowerBound] <= UInt8(ascii: "4") else {
                return nil
            }
            let lv = Int(b[l.lowerBound] - UInt8(ascii: "0"))
            var parent = -1
            if !p.isEmpty {
                if let last = lastParent, last.range.count == p.count,
                   memcmp(b.baseAddress! + last.range.lowerBound, b.baseAddress! + p.lowerBound, p.count) == 0 {
                    parent = last.index
                } else {
                    guard let i = g.parentIndex(code: string(p)) else { return nil }
                    parent = i
                    lastParent = (p, i)
                }
            }
            let entryName = string(n)
            let e = g.addEntry(code: string(c), name: entryName, level: lv, parent: parent)
            // A division that can be a parent may take the code found last (a repeated code): look it up again.
            if lv < 4 { lastParent = nil }
            g.addName(entryName, entry: e, form: .full, scope: .anywhere)
            names(b, range(aliases, lineStart)) { g.addName($0, entry: e, form: .full, scope: .anywhere, asWritten: true) }
            names(b, range(short, lineStart)) { g.addName($0, entry: e, form: .short, scope: lv <= 2 ? .anywhere : .context) }
        }
        return g
    }

    /// The names of a `|`-separated field, as `split(separator: "|")` of its String gives them.
    @inline(__always)
    static func names(_ b: Bytes, _ r: Range<Int>, _ add: (String) -> Void) {
        guard !r.isEmpty else { return }
        let field = String(decoding: Bytes(rebasing: b[r]), as: UTF8.self)
        // Without a bar the field is one name; with one, split as Characters (a mark after a bar joins it).
        if !b[r].contains(bar) { add(field); return }
        for a in field.split(separator: "|") where !a.isEmpty { add(String(a)) }
    }
}
