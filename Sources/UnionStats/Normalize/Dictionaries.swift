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
        guard FilePaths.exists(path) else { throw ConfigurationError(file: path, "file is missing") }
        do {
            try CSVReader(path: path).forEachRecord(required: required, body)
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

    static func loadGazetteer(_ path: String) throws -> Gazetteer {
        if let g = GazetteerFile.load(path) { return g }
        return try readGazetteer(path)
    }

    /// The gazetteer read through `CSVReader`: any file, with an error naming the bad row.
    static func readGazetteer(_ path: String) throws -> Gazetteer {
        var g = Gazetteer()
        g.reserve(entries: 45_000, names: 100_000)
        try records(path, required: ["code", "name", "level", "parent_code"]) { r in
            // The generated table has no padding: fields are used as read (libcsv trims unquoted ones).
            let code = r["code"], name = r["name"]
            guard !code.isEmpty, !name.isEmpty else { throw ConfigurationError(file: path, line: r.row, "code or name is empty") }
            guard let level = Int(r["level"]), (1...4).contains(level) else {
                throw ConfigurationError(file: path, line: r.row, "level must be 1 to 4, not \"\(r["level"])\"")
            }
            guard let e = g.addEntry(code: code, name: name, level: level, parentCode: r["parent_code"]) else {
                throw ConfigurationError(file: path, line: r.row, "parent_code \(r["parent_code"]) is not listed before this row")
            }
            g.addName(name, entry: e, form: .full, scope: .anywhere)
            for a in r["aliases"].split(separator: "|") where !a.isEmpty {
                g.addName(String(a), entry: e, form: .full, scope: .anywhere, asWritten: true)
            }
            for s in r["short"].split(separator: "|") where !s.isEmpty {
                g.addName(String(s), entry: e, form: .short, scope: level <= 2 ? .anywhere : .context)
            }
        }
        return g
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
