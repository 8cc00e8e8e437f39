/// A phrase that sets the time of what follows: `近日`, `2019年`, `三年来`,
/// `截至11月底`, `自2011年以来`, `2月2日-2月3日`, `每月`.
struct TimePhrase: Equatable {
    enum Kind: Equatable {
        /// A calendar date or span; missing parts are nil (`11月16日`: year nil).
        case date(Calendar, Calendar?)
        /// 昨天 (-1), 今天 (0), 前天 (-2).
        case relativeDay(Int)
        /// 近日, 日前, 当天, 连日来, 本月: recently, taken as the publication month.
        case recent
        /// 上月 (-1): a month relative to publication.
        case relativeMonth(Int)
        /// 目前, 现在, 截至目前: a state at publication.
        case now
        /// 截至11月底: a total up to a date.
        case until(Calendar)
        /// 今年 (0), 去年 (-1); `since` for 今年以来.
        case year(Int, since: Bool)
        /// 自2011年以来, 2018年至今: from a date to publication.
        case since(Calendar?)
        /// 三年来, 近年来, 1年多来: a span ending at publication.
        case duration
        /// 每年, 每月, 每天: a rule, not a period.
        case norm
        /// 两节期间, 春节期间: New Year and Spring Festival, January–February.
        case festival(year: Int?)
        /// 上半年, 全年: part of a year (relative to publication when the year is not written).
        case partOfYear(year: Int?)
    }

    /// Year, month, day as written; nil when not written. `relativeYear` is 今年/去年.
    struct Calendar: Equatable {
        var year: Int?
        var month: Int?
        var day: Int?
        var relativeYear: Int?
    }

    var start: Int
    var end: Int
    var label: String
    var kind: Kind
    /// Inside an object clause (为2019年考入大学…): not the time of the sentence.
    var embedded = false
}
