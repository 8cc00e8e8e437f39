/// Administrative level of a region row in the tables.
public enum RegionLevel: String, Sendable, CaseIterable, Comparable {
    case province, city, district, street

    /// Digits of the statistical division code at this level (11, 1101, 110105, 110105004).
    var codeLength: Int {
        switch self {
        case .province: return 2
        case .city: return 4
        case .district: return 6
        case .street: return 9
        }
    }

    public static func < (a: RegionLevel, b: RegionLevel) -> Bool { a.rank < b.rank }

    // By the raw value's bytes, as `FigureRoute` (a String-backed enum hashes its raw value as a String).
    public func hash(into hasher: inout Hasher) { ByteString.hash(rawValue, into: &hasher) }

    /// Position in `allCases` (province 0 … street 3), without building `allCases` on every comparison.
    var rank: Int {
        switch self {
        case .province: return 0
        case .city: return 1
        case .district: return 2
        case .street: return 3
        }
    }
}

/// One place a figure counts in: its own region or one of its parents.
public struct RegionRow: Sendable, Hashable {
    public var path: String
    public var code: String
    public var level: RegionLevel
}

/// Street → district → city → province. A figure counts in its own region's row
/// and in every parent's row, so each rollup is a sum over figures, never over
/// rounded child totals.
///
/// Municipalities (北京市, 天津市, 上海市, 重庆市) have no city level in a path:
/// `北京市/朝阳区/三里屯街道` is province/district/street, and their division
/// tables' prefecture level (1101 市辖区) is skipped. Elsewhere the path is
/// province/city/district/street (`陕西省/汉中市/镇巴县/黎坝镇`).
public enum Rollup {
    static let municipalities: Set<String> = ["北京市", "天津市", "上海市", "重庆市"]

    /// The levels a path's segments stand for, from the province down.
    static func levels(forFirstSegment first: Substring) -> [RegionLevel] {
        municipalities.contains(String(first)) ? [.province, .district, .street] : [.province, .city, .district, .street]
    }

    /// The region and its parents, most general first; empty for an empty path.
    /// Codes of parents are prefixes of the figure's code when the code has the
    /// length of the path's level, else "" (a code that does not fit is not guessed at).
    public static func chain(path: String, code: String) -> [RegionRow] {
        // Plain text is cut at its "/" bytes (no mark can join a "/" into a larger character
        // there); splitting by Characters cost ten thousand instructions a path.
        guard TextClasses.allPlain(path) else { return chainByCharacters(path: path, code: code) }
        return rows(of: segmentsBySlashBytes(path), path: path, code: code)
    }

    /// `chain` by Characters: what the bytes give for plain text, for any text.
    static func chainByCharacters(path: String, code: String) -> [RegionRow] {
        rows(of: path.split(separator: "/", omittingEmptySubsequences: true), path: path, code: code)
    }

    /// The non-empty segments of `path` between its "/" bytes.
    private static func segmentsBySlashBytes(_ path: String) -> [Substring] {
        let u = path.utf8
        var parts: [Substring] = []
        var i = u.startIndex
        while i < u.endIndex {
            guard let slash = u[i...].firstIndex(of: UInt8(ascii: "/")) else {
                parts.append(path[i...])
                break
            }
            if slash > i { parts.append(path[i..<slash]) }
            i = u.index(after: slash)
        }
        return parts
    }

    /// The rows of the path made of `parts` (its segments, none empty).
    private static func rows(of parts: [Substring], path: String, code: String) -> [RegionRow] {
        guard let first = parts.first else { return [] }
        let levels = levels(forFirstSegment: first)
        let count = min(parts.count, levels.count)
        let ownLevel = levels[count - 1]
        let codeFits = code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && code.utf8.count == ownLevel.codeLength
        var rows: [RegionRow] = []
        rows.reserveCapacity(count)
        var prefix = ""
        for i in 0..<count {
            if i > 0 { prefix += "/" }
            prefix += parts[i]
            let level = levels[i]
            // A code that fits is digits: its prefix by bytes is its prefix by Characters.
            let c = codeFits ? String(decoding: code.utf8.prefix(level.codeLength), as: UTF8.self) : ""
            rows.append(RegionRow(path: prefix, code: c, level: level))
        }
        // Segments beyond the street level (rare; a village) fold into the street row.
        if parts.count > levels.count, var last = rows.popLast() {
            last.path = path
            last.code = codeFits ? code : ""
            rows.append(last)
        }
        return rows
    }
}
