/// Turns a time phrase into a period, against the page's publication date
/// (`YYYY-MM-DD`, `YYYY-MM` or "" when undated).
///
/// - 近日/日前/当天/连日来: the publication month (a recent event on the page).
/// - 昨天/今天: the day itself when the page has a full date, else its month.
/// - 11月16日: that day of the publication year, or of the year before when it
///   would fall after publication (a January page reporting 12月24日).
/// - 目前/截至目前/三年来/自2011年以来/截至11月底: ends at publication (or at the
///   date given); cumulative or a state, so no single month.
/// - 每年/每月: a rule; no dates.
/// - 两节期间 (元旦 and 春节): January–February; no single month. 春节前夕: the
///   month of the week before the festival, when that week lies in one month.
/// On an undated page relative phrases keep their label and get no dates.
enum PeriodResolver {
    struct Published {
        var year: Int?
        var month: Int?
        var day: Int?

        init(_ s: String) {
            if let fields = Published.asciiFields(s) {
                (year, month, day) = fields
            } else {
                let parts = s.split(separator: "-").map { Int($0) }
                year = parts.count > 0 ? parts[0] : nil
                month = parts.count > 1 ? parts[1] : nil
                day = parts.count > 2 ? parts[2] : nil
            }
            if year == nil { month = nil; day = nil }
        }

        /// The first three of `s.split(separator: "-").map { Int($0) }` (nil past the
        /// end) read from the bytes when `s` is ASCII (a date as published: 2019-05-03),
        /// where every byte is a character; nil for other strings.
        static func asciiFields(_ s: String) -> (Int?, Int?, Int?)? {
            s.utf8.withContiguousStorageIfAvailable { b -> (Int?, Int?, Int?)? in
                var fields: (Int?, Int?, Int?) = (nil, nil, nil)
                var part = 0
                var i = 0
                while i < b.count {
                    if b[i] >= 0x80 { return nil }
                    if b[i] == UInt8(ascii: "-") { i += 1; continue }  // empty parts are omitted
                    var j = i
                    while j < b.count, b[j] != UInt8(ascii: "-") {
                        if b[j] >= 0x80 { return nil }
                        j += 1
                    }
                    let v = decimal(b, i, j)
                    switch part {
                    case 0: fields.0 = v
                    case 1: fields.1 = v
                    case 2: fields.2 = v
                    default: break
                    }
                    part += 1
                    i = j
                }
                return fields
            } ?? nil
        }

        /// `Int(_:)` of the ASCII bytes `b[from..<to]` (no "-" among them): an optional "+", then digits.
        static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
            var k = from
            if b[k] == UInt8(ascii: "+") { k += 1 }
            guard k < to else { return nil }
            var v = 0
            while k < to {
                let d = b[k] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(d))
                if o1 || o2 { return nil }
                v = a
                k += 1
            }
            return v
        }
    }

    static func resolve(_ p: TimePhrase, published: String) -> Period {
        resolve(p, published: published, Published(published))
    }

    /// `resolve(_:published:)` with the publication date already parsed.
    static func resolve(_ p: TimePhrase, published: String, _ pub: Published) -> Period {
        var period = Period(label: p.label)
        switch p.kind {
        case .recent:
            if let y = pub.year, let m = pub.month {
                let s = ym(y, m)
                period.start = s; period.end = s; period.month = s
            }
        case .relativeMonth(let off):
            if let y = pub.year, let m = pub.month {
                var (yy, mm) = (y, m + off)
                while mm < 1 { mm += 12; yy -= 1 }
                let s = ym(yy, mm)
                period.start = s; period.end = s; period.month = s
            }
        case .relativeDay(let off):
            if let y = pub.year, let m = pub.month {
                if let d = pub.day {
                    let (yy, mm, dd) = addDays(y, m, d, off)
                    let s = ymd(yy, mm, dd)
                    period.start = s; period.end = s; period.month = ym(yy, mm)
                } else {
                    let s = ym(y, m)
                    period.start = s; period.end = s; period.month = s
                }
            }
        case .now, .duration:
            period.end = published
        case .until(let c):
            if let (y, m, d) = absolute(c, pub) { period.end = format(y, m, d) }
        case .year(let off, let since):
            if let y = pub.year {
                if since { period.start = String(y + off); period.end = published }
                else { period.start = String(y + off); period.end = String(y + off) }
            }
        case .partOfYear(let year):
            if let y = year ?? pub.year { period.start = String(y); period.end = String(y) }
        case .since(let c):
            if let c = c, let (y, m, d) = absolute(c, pub) { period.start = format(y, m, d) }
            period.end = published
            if let s = monthOf(period.start), s == monthOf(period.end), period.start.count >= 7 { period.month = s }
        case .norm:
            break
        case .festival(let year):
            // The festival season of the year the page is in (a page of November looks ahead).
            var festivalYear = year
            if festivalYear == nil, let py = pub.year { festivalYear = (pub.month ?? 1) >= 10 ? py + 1 : py }
            if let y = festivalYear {
                period.start = ym(y, 1); period.end = ym(y, 2)
                // 春节前夕: the week before the festival, one month unless it straddles two.
                if p.label.hasSuffix("春节前夕"), let (m, d) = springFestivalEve[y], d >= 8 {
                    let s = ym(y, m)
                    period.start = s; period.end = s; period.month = s
                }
            }
        case .date(let a, let b):
            guard let (y0, m1, d1) = absolute(a, pub) else { break }
            var y1 = y0
            if let b = b, let (y2, m2, d2) = absolute(b, pub) {
                // A span without its own year takes the year of its end (1—11月).
                if a.year == nil, a.relativeYear == nil {
                    y1 = y2
                    if let s1 = m1, let s2 = m2, s1 > s2 { y1 = y2 - 1 }
                }
                period.start = format(y1, m1, d1)
                period.end = format(y2, m2, d2)
            } else {
                period.start = format(y1, m1, d1)
                period.end = period.start
            }
            if m1 != nil, let s = monthOf(period.start), s == monthOf(period.end) { period.month = s }
        }
        return period
    }

    /// 除夕 (the day before the Spring Festival) by year, as (month, day).
    static let springFestivalEve: [Int: (Int, Int)] = [
        2010: (2, 13), 2011: (2, 2), 2012: (1, 22), 2013: (2, 9), 2014: (1, 30), 2015: (2, 18), 2016: (2, 7),
        2017: (1, 27), 2018: (2, 15), 2019: (2, 4), 2020: (1, 24), 2021: (2, 11), 2022: (1, 31), 2023: (1, 21),
        2024: (2, 9), 2025: (1, 28), 2026: (2, 16), 2027: (2, 5), 2028: (1, 25), 2029: (2, 12), 2030: (2, 2),
    ]

    /// Fills the year of a date from the publication date: the publication year,
    /// or the year before when the date would come after publication.
    static func absolute(_ c: TimePhrase.Calendar, _ pub: Published) -> (Int, Int?, Int?)? {
        if let y = c.year { return (y, c.month, c.day) }
        guard let py = pub.year else { return nil }
        if let r = c.relativeYear { return (py + r, c.month, c.day) }
        guard let m = c.month ?? pub.month else { return nil }
        var y = py
        // More than two months after publication: last year's (a January page on 12月24日).
        // Nearer dates stay in the publication year: articles announce them (持续到1月29日).
        if let pm = pub.month, m - pm > 2 { y -= 1 }
        return (y, m, c.day)
    }

    static func format(_ y: Int, _ m: Int?, _ d: Int?) -> String {
        guard let m = m else { return String(y) }
        guard let d = d else { return ym(y, m) }
        return ymd(y, m, d)
    }

    static func ym(_ y: Int, _ m: Int) -> String {
        guard (1000...9999).contains(y), (0...99).contains(m) else { return String(y) + "-" + (m < 10 ? "0" : "") + String(m) }
        return digits(y, m, nil)
    }

    static func ymd(_ y: Int, _ m: Int, _ d: Int) -> String {
        guard (1000...9999).contains(y), (0...99).contains(m), (0...99).contains(d) else {
            return ym(y, m) + "-" + (d < 10 ? "0" : "") + String(d)
        }
        return digits(y, m, d)
    }

    /// `YYYY-MM[-DD]` written byte by byte (a short string: no allocation).
    private static func digits(_ y: Int, _ m: Int, _ d: Int?) -> String {
        String(unsafeUninitializedCapacity: 10) { b in
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            b[0] = zero + UInt8(y / 1000); b[1] = zero + UInt8(y / 100 % 10); b[2] = zero + UInt8(y / 10 % 10); b[3] = zero + UInt8(y % 10)
            b[4] = dash; b[5] = zero + UInt8(m / 10); b[6] = zero + UInt8(m % 10)
            guard let d else { return 7 }
            b[7] = dash; b[8] = zero + UInt8(d / 10); b[9] = zero + UInt8(d % 10)
            return 10
        }
    }

    /// `YYYY-MM` of a `YYYY-MM[-DD]` string, else nil.
    static func monthOf(_ s: String) -> String? {
        let head = s.utf8.prefix(7)
        if head.count == 7, head.allSatisfy({ $0 < 0x80 }) { return String(decoding: head, as: UTF8.self) }
        let u = Array(s.unicodeScalars)
        guard u.count >= 7 else { return nil }
        return TextClasses.string(u[0..<7])
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func addDays(_ y: Int, _ m: Int, _ d: Int, _ off: Int) -> (Int, Int, Int) {
        var (y, m, d) = (y, m, d + off)
        while d < 1 {
            m -= 1
            if m < 1 { m = 12; y -= 1 }
            d += daysIn(y, m)
        }
        while d > daysIn(y, m) {
            d -= daysIn(y, m)
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return (y, m, d)
    }
}
