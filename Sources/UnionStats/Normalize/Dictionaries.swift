/// The user-edited tables of `pipeline/` that normalize reads: the metric
/// dictionary, the sources (newspaper → default region), the gazetteer and
/// its hand-made aliases. See `pipeline/README.md` for the columns.
public struct Dictionaries: Sendable {
    public var metrics: MetricDictionary
    public var sources: SourceTable
    public var gazetteer: Gazetteer

    public init(metrics: MetricDictionary = MetricDictionary(), sources: SourceTable = SourceTable(),
                gazetteer: Gazetteer = Gazetteer()) {
        self.metrics = metrics
        self.sources = sources
        self.gazetteer = gazetteer
    }

    public static let metricsFile = "metrics.csv"
    public static let sourcesFile = "sources.csv"
    public static let gazetteerFile = "gazetteer.csv"
    public static let aliasesFile = "aliases.csv"

    /// Loads the metric dictionary, sources table and gazetteer from `directory`.
    /// Errors name the file and the row. `aliases.csv` may be absent; the others must exist.
    public static func load(from directory: String) throws -> Dictionaries {
        var d = Dictionaries()
        d.gazetteer = try loadGazetteer(FilePaths.join(directory, gazetteerFile))
        let aliases = FilePaths.join(directory, aliasesFile)
        if FilePaths.exists(aliases) { try loadAliases(aliases, into: &d.gazetteer) }
        d.metrics = try loadMetrics(FilePaths.join(directory, metricsFile))
        d.sources = try loadSources(FilePaths.join(directory, sourcesFile), gazetteer: d.gazetteer)
        return d
    }

    // MARK: - files

    static func records(_ path: String, required: [String], _ body: (CSVRecord) throws -> Void) throws {
        try configurationErrors(path) { try CSVReader(path: path).forEachRecord(required: required, body) }
    }

    /// Every row as bytes (`CSVReader.forEachRawRow`), the header too, with its number.
    static func readRaw(_ path: String, _ body: (CSVRawRow, Int) throws -> Void) throws {
        try configurationErrors(path) { try CSVReader(path: path).forEachRawRow(body) }
    }

    /// Runs `read` on a table of `pipeline/`, its CSV errors told as configuration errors.
    private static func configurationErrors(_ path: String, _ read: () throws -> Void) throws {
        guard FilePaths.exists(path) else { throw ConfigurationError(file: path, "file is missing") }
        do {
            try read()
        } catch let e as CSVError {
            switch e {
            case let .malformed(p, row, reason): throw ConfigurationError(file: p, line: row, reason)
            case let .missingColumns(p, columns):
                throw ConfigurationError(file: p, line: 1, "missing column(s) \(columns.joined(separator: ", ")) in the header")
            default: throw ConfigurationError(file: path, e.description)
            }
        }
    }

    static func loadMetrics(_ path: String) throws -> MetricDictionary {
        var list: [MetricDictionary.Metric] = []
        var seen = Set<String>()
        try records(path, required: ["id", "name_zh", "synonyms", "kind"]) { r in
            let id = r["id"].trimmingSpaces
            if id.isEmpty || id.hasPrefix("#") { return }
            guard seen.insert(id).inserted else { throw ConfigurationError(file: path, line: r.row, "metric id \(id) is listed twice") }
            guard let kind = MetricKind(rawValue: r["kind"].trimmingSpaces) else {
                throw ConfigurationError(file: path, line: r.row, "kind must be flow, level or rate, not \"\(r["kind"])\"")
            }
            let name = r["name_zh"].trimmingSpaces
            guard !name.isEmpty else { throw ConfigurationError(file: path, line: r.row, "name_zh is empty") }
            let synonyms = r["synonyms"].split(separator: "|").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            list.append(.init(id: id, nameZH: name, nameEN: r["name_en"].trimmingSpaces, synonyms: synonyms,
                              unit: r["unit"].trimmingSpaces, kind: kind))
        }
        // Ordered once for the whole table (adding one by one sorted every pattern again).
        return MetricDictionary(metrics: list)
    }

    static func loadSources(_ path: String, gazetteer: Gazetteer) throws -> SourceTable {
        var rows: [(String, String)] = []
        try records(path, required: ["source", "default_region"]) { r in
            let source = r["source"].trimmingSpaces
            if source.isEmpty || source.hasPrefix("#") { return }
            let region = r["default_region"].trimmingSpaces
            if !region.isEmpty, !gazetteer.isEmpty, gazetteer.entry(path: region) == nil {
                throw ConfigurationError(file: path, line: r.row, "default_region \(region) is not a path of the gazetteer")
            }
            rows.append((source, region))
        }
        return SourceTable(rows: rows)
    }

    /// The gazetteer, read row by row as bytes through libcsv (`CSVReader.forEachRawRow`): a String
    /// per field and a column looked up by name per field cost more than building the table.
    /// Errors name the row, as for the other tables.
    static func loadGazetteer(_ path: String) throws -> Gazetteer {
        let required = ["code", "name", "level", "parent_code"]
        var g = Gazetteer()
        g.reserve(entries: 45_000, names: 100_000)
        var columns: (code: Int, name: Int, level: Int, parent: Int, aliases: Int?, short: Int?)? = nil
        // Rows come sorted by code: a run of siblings shares its parent, found once.
        var lastParent: (code: [UInt8], index: Int)? = nil
        try readRaw(path) { row, number in
            guard let c = columns else {
                let map = try CSVReader.columnMap((0..<row.count).map(row.string), required: required, path: path)
                columns = (map["code"]!, map["name"]!, map["level"]!, map["parent_code"]!, map["aliases"], map["short"])
                return
            }
            if row.count == 1 && row.range(0).isEmpty { return }   // a blank line, as `forEachRecord` skips it
            // The generated table has no padding: fields are used as read (libcsv trims unquoted ones).
            let code = row.string(c.code), name = row.string(c.name)
            guard !code.isEmpty, !name.isEmpty else { throw ConfigurationError(file: path, line: number, "code or name is empty") }
            let levelText = row.string(c.level)
            guard let level = Int(levelText), (1...4).contains(level) else {
                throw ConfigurationError(file: path, line: number, "level must be 1 to 4, not \"\(levelText)\"")
            }
            let p = row.range(c.parent)
            var parent = -1
            if !p.isEmpty {
                if let last = lastParent, row.bytes[p].elementsEqual(last.code) {
                    parent = last.index
                } else {
                    guard let i = g.parentIndex(code: row.string(c.parent)) else {
                        throw ConfigurationError(file: path, line: number, "parent_code \(row.string(c.parent)) is not listed before this row")
                    }
                    parent = i
                    lastParent = (Array(row.bytes[p]), i)
                }
            }
            let e = g.addEntry(code: code, name: name, level: level, parent: parent)
            // A division that can be a parent may take a code met before (a repeated code): look it up again.
            if level < 4 { lastParent = nil }
            g.addName(name, entry: e, form: .full, scope: .anywhere)
            if let a = c.aliases { names(row, a) { g.addName($0, entry: e, form: .full, scope: .anywhere, asWritten: true) } }
            if let s = c.short { names(row, s) { g.addName($0, entry: e, form: .short, scope: level <= 2 ? .anywhere : .context) } }
        }
        if columns == nil { throw ConfigurationError(file: path, line: 1, "missing column(s) \(required.joined(separator: ", ")) in the header") }
        return g
    }

    /// The names of a `|`-separated field: the field itself when it has no bar, else what
    /// `split(separator: "|")` of it gives (Characters: a mark after a bar joins it).
    private static func names(_ row: CSVRawRow, _ column: Int, _ add: (String) -> Void) {
        let r = row.range(column)
        guard !r.isEmpty else { return }
        let field = row.string(column)
        if !row.bytes[r].contains(UInt8(ascii: "|")) { add(field); return }
        for a in field.split(separator: "|") where !a.isEmpty { add(String(a)) }
    }

    /// `alias,target,scope`: target is a code, a path or a unique full name;
    /// scope is anywhere, context or never. A `never` row with an empty target
    /// stops a name (a common word) from being read as a place.
    static func loadAliases(_ path: String, into g: inout Gazetteer) throws {
        try records(path, required: ["alias", "target", "scope"]) { r in
            let alias = r["alias"].trimmingSpaces
            if alias.isEmpty || alias.hasPrefix("#") { return }
            guard let scope = Gazetteer.Scope(name: r["scope"].trimmingSpaces) else {
                throw ConfigurationError(file: path, line: r.row, "scope must be anywhere, context or never, not \"\(r["scope"])\"")
            }
            let target = r["target"].trimmingSpaces
            if target.isEmpty {
                guard scope == .never else { throw ConfigurationError(file: path, line: r.row, "target is empty") }
                g.setScope(of: alias, to: .never)
                return
            }
            guard let e = g.entry(target: target) else {
                throw ConfigurationError(file: path, line: r.row, "target \(target) is not a code, path or unique name of the gazetteer")
            }
            if g.senses(of: alias).contains(where: { $0.entry == e }) {
                g.setScope(of: alias, entry: e, to: scope)
            } else {
                g.addName(alias, entry: e, form: .short, scope: scope)
            }
        }
    }
}

extension Gazetteer.Scope {
    init?(name: String) {
        switch name {
        case "anywhere", "": self = .anywhere
        case "context": self = .context
        case "never": self = .never
        default: return nil
        }
    }
}

extension Gazetteer {
    /// The entry named by a code, a path or a full name that only one entry has.
    public func entry(target: String) -> Int? {
        if target.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) { return index(ofCode: target) }
        if target.contains("/") { return entry(path: target) }
        let full = senses(of: target).filter { $0.form == .full && entries[$0.entry].name == target }
        return full.count == 1 ? full[0].entry : nil
    }
}
