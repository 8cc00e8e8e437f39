/// The administrative divisions of China (`pipeline/gazetteer.csv`) with the
/// names news text uses for them, indexed for scanning text.
///
/// Names are looked up by a 64-bit hash of their scalars, built incrementally
/// while scanning; prefix flags in the same table stop a scan as soon as no name can
/// start with what has been read, so a scan costs about two lookups per scalar.
public struct Gazetteer: Sendable {
    /// One division.
    public struct Entry: Sendable, Equatable {
        public var code: String
        public var name: String
        /// 1 province, 2 prefecture (city), 3 county (district), 4 township (street, town).
        public var level: Int
        /// Index of the parent entry; -1 for a province.
        public var parent: Int
    }

    /// How a name refers to its entry.
    public enum Form: UInt8, Sendable {
        /// The official name, or another full name (南法信镇 for 南法信地区).
        case full
        /// A short form (朝阳 for 朝阳区, 广西 for 广西壮族自治区).
        case short
    }

    /// Where a name may be taken as a place.
    public enum Scope: UInt8, Sendable {
        /// In any article (full names, province and city short forms).
        case anywhere
        /// Only when its province (for a county) or county (for a township) is in context.
        case context
        /// Never (a short form that is a common word).
        case never
    }

    /// One meaning of a name.
    public struct Sense: Sendable, Equatable {
        public var entry: Int
        public var form: Form
        public var scope: Scope
        /// The path ends with the name as written (南法信镇), not the table's name (南法信地区).
        public var asWritten: Bool
    }

    /// A name found in a text, with all its possible meanings.
    public struct Match: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var senses: [Sense]
    }

    public private(set) var entries: [Entry] = []
    /// Codes of the divisions that can be parents (levels 1–3); townships are looked up by scanning.
    private var indexByCode: [String: Int] = [:]
    private var provinceOf: [Int] = []
    /// `path(of:)` of the divisions of levels 1–3 ("" for townships): a figure's region
    /// was its path joined again from the names of its ancestors.
    private var parentPaths: [String] = []
    /// Whether a province (an entry without a parent) is named as one of the four municipalities (北京市 …).
    private var municipality: [Bool] = []
    // Names stored flat (one allocation for all) with their senses in linked lists.
    private var nameStore: [UInt32] = []
    private var groupOffset: [Int32] = []
    private var groupLength: [UInt8] = []
    private var groupFirstSense: [Int32] = []
    private var senseList: [Sense] = []
    private var senseNext: [Int32] = []
    private var maxNameLength = 0
    /// Open-addressing table over the same hashes, one slot per probe's cache line.
    private var slots: [Slot] = []
    private var slotCount = 0
    /// The first two scalars of the names, hashed into a bitmap small enough
    /// to stay in cache: a scan skips other positions without probing the table.
    private var nameStarts = [UInt64](repeating: 0, count: Gazetteer.pairWords)
    private static let pairBits = 20
    private static let pairWords = (1 << pairBits) / 64
    /// The Han scalars that begin a name, a bit each from U+3400 to U+9FFF: a scan only starts
    /// at Han, and most scalars of a text are rejected by this one test before the pair is hashed.
    private var firstScalars = [UInt64](repeating: 0, count: Gazetteer.firstWords)
    static let firstBase: UInt32 = 0x3400
    private static let firstWords = Int(0xA000 - firstBase) / 64

    @inline(__always)
    private static func isFirst(_ firsts: UnsafeBufferPointer<UInt64>, _ s: Unicode.Scalar) -> Bool {
        let d = s.value &- firstBase
        return d < 0xA000 - firstBase && firsts[Int(d >> 6)] & (1 << UInt64(d & 63)) != 0
    }

    /// Whether `s` alone is a prefix of a name and no name itself: what `scanNames` takes for granted of
    /// every scalar that `mayBeginName` lets through, reading names from their second scalar.
    func isBarePrefix(_ s: Unicode.Scalar) -> Bool {
        let h = Gazetteer.mix(Gazetteer.seed, s.value)
        guard !slots.isEmpty else { return false }
        let mask = slots.count - 1
        var k = Gazetteer.slotStart(h, mask)
        while slots[k].flags & 1 != 0 {
            if slots[k].key == h {
                let g = slots[k].group
                return slots[k].flags & 2 != 0 && (g < 0 || groupLength[Int(g)] != 1)
            }
            k = (k + 1) & mask
        }
        return false
    }

    /// Whether a scan may start a name at `s` (`scanNames`' first test): `s` is Han and begins a name.
    func mayBeginName(_ s: Unicode.Scalar) -> Bool {
        firstScalars.withUnsafeBufferPointer { Gazetteer.isFirst($0, s) }
    }

    @inline(__always)
    private static func pairBit(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int { pairBit(a.value, b.value) }

    @inline(__always)
    private static func pairBit(_ a: UInt32, _ b: UInt32) -> Int {
        let h = (a &* 0x9E37_79B1) ^ (b &* 0x85EB_CA77)
        return Int(h >> (32 - UInt32(pairBits)))
    }

    @inline(__always)
    private static func mayStartName(_ starts: UnsafeBufferPointer<UInt64>, _ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        let bit = Gazetteer.pairBit(a, b)
        return starts[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    private struct Slot {
        var key: UInt64 = 0
        /// -1: no name ends here.
        var group: Int32 = -1
        /// 1 used, 2 a prefix of a longer name.
        var flags: UInt8 = 0
    }

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    public func index(ofCode code: String) -> Int? {
        indexByCode[code] ?? entries.firstIndex { $0.code == code }
    }

    /// The entry a row may name as its parent (levels 1–3), as `addEntry` finds it.
    func parentIndex(code: String) -> Int? { indexByCode[code] }

    /// The entry with this path (`北京市/朝阳区`).
    public func entry(path: String) -> Int? {
        guard let last = path.split(separator: "/").last.map(String.init) else { return nil }
        return senses(of: last).lazy.map(\.entry).first { entries[$0].name == last && self.path(of: $0) == path }
    }

    /// Names from province level: `北京市/朝阳区/三里屯街道`.
    public func path(of entry: Int) -> String {
        // Kept for the divisions that can be parents; a township's is its county's and its name.
        let kept = parentPaths[entry]
        if !kept.isEmpty { return kept }
        let parent = entries[entry].parent
        if parent >= 0, !parentPaths[parent].isEmpty { return parentPaths[parent] + "/" + entries[entry].name }
        return builtPath(of: entry)
    }

    private func builtPath(of entry: Int) -> String {
        // Ancestors first, appended into one string of the right size.
        var chain: [Int] = []
        var bytes = 0
        var e = entry
        while e >= 0 { chain.append(e); bytes += entries[e].name.utf8.count + 1; e = entries[e].parent }
        var path = ""
        path.reserveCapacity(bytes)
        for (k, a) in chain.reversed().enumerated() {
            if k > 0 { path += "/" }
            path += entries[a].name
        }
        return path
    }

    /// Reserves room for a table of about this size (loading without regrowing).
    public mutating func reserve(entries n: Int, names: Int) {
        entries.reserveCapacity(n)
        provinceOf.reserveCapacity(n)
        parentPaths.reserveCapacity(n)
        municipality.reserveCapacity(n)
        nameStore.reserveCapacity(names * 4)
        groupOffset.reserveCapacity(names)
        groupLength.reserveCapacity(names)
        groupFirstSense.reserveCapacity(names)
        senseList.reserveCapacity(names)
        senseNext.reserveCapacity(names)
    }

    /// Adds an entry; its parent must have been added before (rows sorted by code).
    /// Returns nil when the parent code is unknown.
    @discardableResult
    public mutating func addEntry(code: String, name: String, level: Int, parentCode: String) -> Int? {
        var parent = -1
        if !parentCode.isEmpty {
            guard let p = indexByCode[parentCode] else { return nil }
            parent = p
        }
        return addEntry(code: code, name: name, level: level, parent: parent)
    }

    /// `addEntry` with the parent's index already found (-1: none): a loader that reads
    /// rows sorted by code finds a run of siblings' parent once, not by hashing each row's code.
    mutating func addEntry(code: String, name: String, level: Int, parent: Int) -> Int {
        let i = entries.count
        entries.append(Entry(code: code, name: name, level: level, parent: parent))
        provinceOf.append(parent >= 0 ? provinceOf[parent] : i)
        // Only the divisions at the top of a chain (provinces) are asked: the name of each other is not tested.
        municipality.append(parent < 0 && RegionResolver.municipalities.contains(name))
        if level < 4 { indexByCode[code] = i }
        parentPaths.append("")
        if level < 4 { parentPaths[i] = path(of: i) }
        return i
    }

    /// Adds a name for an entry. Names shorter than two scalars are ignored.
    public mutating func addName(_ name: String, entry: Int, form: Form, scope: Scope, asWritten: Bool = false) {
        var name = name
        // The scalars decoded from the name's UTF-8 in place: the generic scalar view cost more than the table.
        name.withUTF8 { addName(utf8: $0, entry: entry, form: form, scope: scope, asWritten: asWritten) }
    }

    private mutating func addName(utf8 bytes: UnsafeBufferPointer<UInt8>, entry: Int, form: Form, scope: Scope, asWritten: Bool) {
        var h = Gazetteer.seed
        var count = 0
        var previous: UInt64 = 0
        var first: UInt32 = 0, second: UInt32 = 0
        var i = 0
        while i < bytes.count {
            let (v, next) = UTF8Coding.decode(bytes, at: i)
            i = next
            if count > 0 { previous = h }
            h = Gazetteer.mix(h, v)
            if count == 0 { first = v } else if count == 1 { second = v }
            count += 1
            if count >= 2 { markPrefix(previous) }
        }
        guard count >= 2, count < 256 else { return }
        let bit = Gazetteer.pairBit(first, second)
        nameStarts[bit >> 6] |= 1 << UInt64(bit & 63)
        // Only Han: a scan starts at no other scalar (the gap U+4DC0–4DFF included).
        if let f = Unicode.Scalar(first), Gazetteer.isHan(f) {
            let d = first - Gazetteer.firstBase
            firstScalars[Int(d >> 6)] |= 1 << UInt64(d & 63)
        }
        let sense = Sense(entry: entry, form: form, scope: scope, asWritten: asWritten)
        if let g = groupIndex(ofHash: h) {
            guard sameName(Int(g), utf8: bytes) else { return }  // a hash collision: keep the first name
            var k = groupFirstSense[Int(g)]
            var last: Int32 = -1
            while k >= 0 {
                if senseList[Int(k)] == sense { return }
                last = k
                k = senseNext[Int(k)]
            }
            senseList.append(sense)
            senseNext.append(-1)
            senseNext[Int(last)] = Int32(senseList.count - 1)
        } else {
            setSlotGroup(h, Int32(groupOffset.count))
            groupOffset.append(Int32(nameStore.count))
            groupLength.append(UInt8(count))
            i = 0
            while i < bytes.count {
                let (v, next) = UTF8Coding.decode(bytes, at: i)
                nameStore.append(v)
                i = next
            }
            groupFirstSense.append(Int32(senseList.count))
            senseList.append(sense)
            senseNext.append(-1)
        }
        maxNameLength = max(maxNameLength, count)
    }

    // MARK: - fast table

    @inline(__always)
    private static func slotStart(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The slot holding `h`, inserting it (unused flags cleared) when absent.
    private mutating func slot(for h: UInt64) -> Int {
        if (slotCount + 1) * 2 > slots.count { growSlots() }
        let mask = slots.count - 1
        var k = Gazetteer.slotStart(h, mask)
        while slots[k].flags & 1 != 0 {
            if slots[k].key == h { return k }
            k = (k + 1) & mask
        }
        slots[k] = Slot(key: h, group: -1, flags: 1)
        slotCount += 1
        return k
    }

    private mutating func growSlots() {
        let old = slots
        let size = max(1024, slots.count * 2)
        slots = [Slot](repeating: Slot(), count: size)
        let mask = size - 1
        for o in old where o.flags & 1 != 0 {
            var k = Gazetteer.slotStart(o.key, mask)
            while slots[k].flags & 1 != 0 { k = (k + 1) & mask }
            slots[k] = o
        }
    }

    private mutating func markPrefix(_ h: UInt64) {
        let k = slot(for: h)
        slots[k].flags |= 2
    }

    private mutating func setSlotGroup(_ h: UInt64, _ g: Int32) {
        let k = slot(for: h)
        slots[k].group = g
    }

    /// The name group stored under hash `h` (the slots are the only hash → group map).
    private func groupIndex(ofHash h: UInt64) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var k = Gazetteer.slotStart(h, mask)
        while slots[k].flags & 1 != 0 {
            if slots[k].key == h { return slots[k].group >= 0 ? slots[k].group : nil }
            k = (k + 1) & mask
        }
        return nil
    }

    private func sameName(_ g: Int, _ name: String) -> Bool {
        var name = name
        return name.withUTF8 { sameName(g, utf8: $0) }
    }

    private func sameName(_ g: Int, utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let o = Int(groupOffset[g]), n = Int(groupLength[g])
        var k = 0, i = 0
        while i < bytes.count {
            let (v, next) = UTF8Coding.decode(bytes, at: i)
            if k >= n || nameStore[o + k] != v { return false }
            k += 1
            i = next
        }
        return k == n
    }

    private func sameName(_ g: Int, _ text: [Unicode.Scalar], _ from: Int, _ to: Int) -> Bool {
        let o = Int(groupOffset[g]), n = Int(groupLength[g])
        guard n == to - from else { return false }
        for k in 0..<n where nameStore[o + k] != text[from + k].value { return false }
        return true
    }

    /// Counted first, so that the array is allocated once at its size (a scan makes one per match).
    private func senses(ofGroup g: Int) -> [Sense] {
        var n = 0
        var k = groupFirstSense[g]
        while k >= 0 { n += 1; k = senseNext[Int(k)] }
        var out: [Sense] = []
        out.reserveCapacity(n)
        k = groupFirstSense[g]
        while k >= 0 { out.append(senseList[Int(k)]); k = senseNext[Int(k)] }
        return out
    }

    /// The senses of a group in the order `senses(ofGroup:)` lists them, read in place.
    struct SenseList: Sequence {
        let list: [Sense]
        let next: [Int32]
        let first: Int32

        struct Iterator: IteratorProtocol {
            let list: [Sense]
            let following: [Int32]
            var k: Int32

            mutating func next() -> Sense? {
                guard k >= 0 else { return nil }
                defer { k = following[Int(k)] }
                return list[Int(k)]
            }
        }

        func makeIterator() -> Iterator { Iterator(list: list, following: next, k: first) }
    }

    func senses(inGroup g: Int) -> SenseList { SenseList(list: senseList, next: senseNext, first: groupFirstSense[g]) }

    /// Sets the scope of every sense of `name` (aliases.csv: `never` for common words).
    /// Only the senses of `entry` when given.
    public mutating func setScope(of name: String, entry: Int? = nil, to scope: Scope) {
        guard let g = group(of: name) else { return }
        var k = groupFirstSense[g]
        while k >= 0 {
            if entry == nil || senseList[Int(k)].entry == entry { senseList[Int(k)].scope = scope }
            k = senseNext[Int(k)]
        }
    }

    /// The meanings of a name, as stored.
    public func senses(of name: String) -> [Sense] {
        guard let g = group(of: name) else { return [] }
        return senses(ofGroup: g)
    }

    private func group(of name: String) -> Int? {
        var h = Gazetteer.seed
        for s in name.unicodeScalars { h = Gazetteer.mix(h, s.value) }
        guard let g = groupIndex(ofHash: h), sameName(Int(g), name) else { return nil }
        return Int(g)
    }

    /// Scans text left to right for names: the longest name at each position,
    /// overlapping ones included (其中南京市: 中南 and 南京市), so that the reader
    /// can skip a name it cannot resolve. A name followed by a street word
    /// (中山路, 北京路, 朝阳门) is not a place.
    public func scan(_ text: [Unicode.Scalar]) -> [Match] {
        scanNames(text).map { Match(start: $0.start, end: $0.end, senses: senses(ofGroup: $0.group)) }
    }

    /// A name found by `scanNames`: its senses are read from the table (`senses(inGroup:)`) when
    /// needed, not copied into an array for every name found.
    struct NameMatch {
        var start: Int
        var end: Int
        var group: Int
    }

    /// `scan` with each name's group of senses instead of their copy.
    func scanNames(_ text: [Unicode.Scalar]) -> [NameMatch] {
        var matches: [NameMatch] = []
        scanNames(text, into: &matches)
        return matches
    }

    /// `scanNames(text)` into `matches`, emptied first and its room kept: a caller that scans many texts
    /// reuses one array, where an array made for each text cost an allocation and a release.
    /// (`streetStarts` is `Gazetteer.streetStarts`, read by a caller that scans many texts once for all.)
    func scanNames(_ text: [Unicode.Scalar], into matches: inout [NameMatch], _ streetStarts: ScalarSet = Gazetteer.streetStarts) {
        matches.removeAll(keepingCapacity: true)
        let n = text.count
        guard !slots.isEmpty else { return }
        let mask = slots.count - 1
        let longest = maxNameLength
        // The bitmap and the table by pointer: read at nearly every scalar, no array checks there.
        firstScalars.withUnsafeBufferPointer { firsts in
        nameStarts.withUnsafeBufferPointer { starts in
        slots.withUnsafeBufferPointer { table in
        text.withUnsafeBufferPointer { t in
            var i = 0
            while true {
                i = Gazetteer.nextCandidate(t, from: i, firsts, starts)
                // Every name has two scalars or more: none starts at the last one.
                guard i < n - 1 else { break }
                // A candidate's first scalar begins a name (`isFirst`): its one-scalar prefix is marked and
                // is no name (every name has two scalars or more), so the reading starts at the second.
                var h = Gazetteer.mix(Gazetteer.seed, t[i].value)
                var best: (end: Int, group: Int)? = nil
                var j = i + 1
                while j < n, j - i < longest {
                    h = Gazetteer.mix(h, t[j].value)
                    var k = Gazetteer.slotStart(h, mask)
                    var found = -1
                    while table[k].flags & 1 != 0 {
                        if table[k].key == h { found = k; break }
                        k = (k + 1) & mask
                    }
                    if found < 0 { break }
                    let g = table[found].group
                    if g >= 0, sameName(Int(g), text, i, j + 1) {
                        best = (j + 1, Int(g))
                    }
                    if table[found].flags & 2 == 0 { break }
                    j += 1
                }
                if let b = best, !Gazetteer.followedByStreetWord(text, b.end, streetStarts) {
                    // A paragraph that names one place usually names several: grow once, not at 1, 2, 4.
                    if matches.capacity == 0 { matches.reserveCapacity(8) }
                    matches.append(NameMatch(start: i, end: b.end, group: b.group))
                }
                i += 1
            }
        }
        }
        }
        }
    }

    /// The first offset from `i` where a name may start (a Han scalar that begins one, with a pair that
    /// begins one), else `t.count - 1` or `i` if past it. A loop of its own: with few values live, skipping
    /// a scalar costs a load and two tests, where inside the scan's loop it spilled and reloaded registers.
    /// The pair is tested first: over half of the Han scalars begin some name, so the first-scalar test
    /// alone let most through to the pair's; the pair's test alone stops nearly all, each scalar loaded once.
    @inline(never)
    private static func nextCandidate(_ t: UnsafeBufferPointer<Unicode.Scalar>, from i: Int,
                                      _ firsts: UnsafeBufferPointer<UInt64>, _ starts: UnsafeBufferPointer<UInt64>) -> Int {
        let last = t.count - 1
        var i = i
        guard i < last else { return i }
        var b = t[i]
        while i < last {
            let a = b
            b = t[i + 1]
            if mayStartName(starts, a, b), isFirst(firsts, a) { return i }
            i += 1
        }
        return i
    }

    /// The entry and its ancestors, most specific first.
    public func chain(_ entry: Int) -> [Int] {
        var out: [Int] = []
        var e = entry
        while e >= 0 { out.append(e); e = entries[e].parent }
        return out
    }

    public func isAncestor(_ a: Int, of b: Int) -> Bool {
        var e = entries[b].parent
        while e >= 0 { if e == a { return true }; e = entries[e].parent }
        return false
    }

    public func province(of entry: Int) -> Int { provinceOf[entry] }

    /// Whether a province (an entry without a parent: what `province(of:)` gives) is one of the four municipalities.
    func isMunicipality(_ entry: Int) -> Bool { municipality[entry] }

    /// Path and code of an entry; `written` replaces the last component (南法信镇).
    public func region(_ entry: Int, written: String? = nil) -> Region {
        let e = entries[entry]
        guard let w = written, w != e.name else { return Region(path: path(of: entry), code: e.code) }
        var path = path(of: entry)
        // In a plain path each "/" is a character: find the last one among the bytes.
        if TextClasses.allPlain(path) {
            if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) { path = String(path[..<slash]) + "/" + w }
        } else if let slash = path.lastIndex(of: "/") {
            path = String(path[..<slash]) + "/" + w
        }
        return Region(path: path, code: e.code)
    }

    // MARK: - hashing and character classes

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func mix(_ h: UInt64, _ s: UInt32) -> UInt64 {
        var x = (h ^ UInt64(s)) &* 0x100_0000_01b3
        x ^= x >> 29
        return x
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value)
    }

    /// Words after a name that make it part of a street, gate or building name.
    static let streetWords: [[Unicode.Scalar]] = ["路", "街", "大街", "大道", "巷", "胡同", "门", "桥", "公园", "广场", "大厦",
                                                  "号", "站", "机场", "港"].map { Array($0.unicodeScalars) }

    static let streetStarts = ScalarSet(streetWords.map { $0[0] })

    static func followedByStreetWord(_ text: [Unicode.Scalar], _ end: Int, _ starts: ScalarSet = streetStarts) -> Bool {
        guard end < text.count, starts.contains(text[end]) else { return false }
        for w in streetWords where end + w.count <= text.count {
            if text[end..<(end + w.count)].elementsEqual(w) {
                // 街道 is a division type, not a street.
                if w.count == 1, w[0] == "街", end + 1 < text.count, text[end + 1] == "道" { continue }
                return true
            }
        }
        return false
    }
}
