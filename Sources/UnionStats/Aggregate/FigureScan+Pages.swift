#if canImport(Glibc)
import Glibc
#endif

/// The pass by pages (make's runs, with `FiguresIndex`): only the pages whose
/// rows changed, and the pages of the months made again, are read.
extension FigureScan {
    /// What one page gave: by month, the hash of its rows (all, and the monthly ones);
    /// by list table, the key of its rows.
    struct PageFacts {
        var hash: String
        var months: [(month: String, all: String, tables: String?)] = []
        var lists: [(table: String, key: String)] = []
    }

    /// Reads only the pages whose bytes changed since the last run; the others give
    /// what they gave then. Month hashes are of the pages' hashes, in page order.
    func read(pages index: FiguresIndex) throws {
        figuresIndex = index
        try CSVReader(bytes: try bytes(0..<index.headerBytes), name: input.path).forEachRawRow { row, number in
            if number == 1 { try header(row) }
        }
        if column.isEmpty { throw CSVError.missingColumns(path: input.path, columns: FiguresInput.requiredColumns) }
        for (i, page) in index.pages.enumerated() {
            var facts: PageFacts
            if let known = old.pages[page.doc], known.hash == page.hash,
               known.lists.allSatisfy({ item in lists.first { $0.name == item.table }?.canCopy(item.key) ?? false }) {
                facts = known
                for item in known.lists { try lists.first { $0.name == item.table }!.copy(item.key) }
            } else {
                facts = PageFacts(hash: page.hash)
                var byName: [String: (all: StableHash, tables: StableHash?)] = [:]
                var order: [String] = []
                try forEachRow(of: page) { row, number in
                    let (digest, route, monthBytes) = self.facts(row)
                    if let list = lists.first(where: { $0.route == route }) { list.add(row, number: number, digest: digest) }
                    guard let monthBytes else { return }
                    let name = String(decoding: monthBytes, as: UTF8.self)
                    if byName[name] == nil { order.append(name); byName[name] = (StableHash(), nil) }
                    byName[name]!.all.add(digest)
                    if route == .monthly {
                        if byName[name]!.tables == nil { byName[name]!.tables = StableHash() }
                        byName[name]!.tables!.add(digest)
                    }
                }
                facts.months = order.map { ($0, byName[$0]!.all.hex, byName[$0]!.tables?.hex) }
                for l in lists {
                    if let key = try l.finishChunk(header: column, path: input.path) { facts.lists.append((l.name, key)) }
                }
            }
            pageFacts[page.doc] = facts
            for m in facts.months {
                let state = byMonth[m.month] ?? Month()
                byMonth[m.month] = state
                state.hash.add(m.all)
                if let t = m.tables {
                    state.monthly = true
                    state.tables.add(t)
                }
                monthPages[m.month, default: []].append(i)
            }
        }
    }

    /// Puts the figures of `needed` months in their scratch files, reading the pages that have them.
    func spill(months needed: Set<String>) throws {
        guard let index = figuresIndex else { return }
        spilledMonths = needed
        var pages = Set<Int>()
        for m in needed { pages.formUnion(monthPages[m] ?? []) }
        for i in pages.sorted() {
            try forEachRow(of: index.pages[i]) { row, number in
                let (route, monthBytes) = routing(row)
                guard let monthBytes else { return }
                let name = String(decoding: monthBytes, as: UTF8.self)
                if needed.contains(name) { try spill(row, number: number, route: route, to: name) }
            }
        }
    }

    private func forEachRow(of page: FiguresIndex.Page, _ body: (CSVRawRow, Int) throws -> Void) throws {
        try CSVReader(bytes: try bytes(page.offset..<page.offset + page.count), name: input.path).forEachRawRow { row, n in
            if row.count == 1 && row.range(0).isEmpty { return }
            try body(row, page.firstRow + n - 1)
        }
    }

    private func bytes(_ range: Range<Int>) throws -> [UInt8] {
        guard let bytes = FilePaths.read(figuresFile, offset: range.lowerBound, count: range.count) else {
            throw CSVError.cannotOpen(path: input.path, reason: "shorter than its index says (changed while read)")
        }
        return bytes
    }
}
