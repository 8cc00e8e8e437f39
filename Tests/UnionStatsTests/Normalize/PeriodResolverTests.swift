import XCTest
@testable import UnionStats

final class PeriodResolverTests: XCTestCase {
    /// The period of the first time phrase found in `text`.
    func period(_ text: String, _ published: String) -> Period? {
        TimePhraseFinder.find(in: Array(text.unicodeScalars)).first.map { PeriodResolver.resolve($0, published: published) }
    }

    func testResolution() {
        let cases: [(text: String, published: String, label: String, start: String, end: String, month: String)] = [
            ("近日，东四街道总工会", "2020-01-08", "近日", "2020-01", "2020-01", "2020-01"),
            ("日前,在金乡县总工会", "2021-01-26", "日前", "2021-01", "2021-01", "2021-01"),
            ("连日来,安康市总工会", "2019-12", "连日来", "2019-12", "2019-12", "2019-12"),
            ("记者昨天从", "2020-01-08", "昨天", "2020-01-07", "2020-01-07", "2020-01"),
            ("记者昨天从", "2020-03-01", "昨天", "2020-02-29", "2020-02-29", "2020-02"),
            ("当天，朝阳区", "2020-11", "当天", "2020-11", "2020-11", "2020-11"),
            ("12月2日,安康市", "2019-12", "12月2日", "2019-12-02", "2019-12-02", "2019-12"),
            // A date well after publication is last year's; a near one is announced.
            ("12月24日举行", "2021-01-26", "12月24日", "2020-12-24", "2020-12-24", "2020-12"),
            ("持续到1月29日", "2021-01-26", "1月29日", "2021-01-29", "2021-01-29", "2021-01"),
            ("17日，由北京市总工会主办", "2020-11", "17日", "2020-11-17", "2020-11-17", "2020-11"),
            ("2月2日-2月3日,经顺义区总工会", "2019-02-28", "2月2日-2月3日", "2019-02-02", "2019-02-03", "2019-02"),
            ("2019年，19个", "2020-01-08", "2019年", "2019", "2019", ""),
            ("今年8月正式实施", "2019-12", "今年8月", "2019-08", "2019-08", "2019-08"),
            ("今年7月至8月，洛阳市总工会", "2020-10-15", "今年7月至8月", "2020-07", "2020-08", ""),
            ("三年来， 朝阳区", "2020-11", "三年来", "", "2020-11", ""),
            ("1年多来,该县", "2021-01-26", "1年多来", "", "2021-01-26", ""),
            ("截至目前，2020年", "2020-11", "截至目前", "", "2020-11", ""),
            ("截至11月底,江苏徐州", "2019-12", "截至11月底", "", "2019-11", ""),
            ("自2011年以来 ，先后", "2020-01-08", "自2011年以来", "2011", "2020-01-08", ""),
            ("2018年至今共有", "2020-01-08", "2018年至今", "2018", "2020-01-08", ""),
            ("从7月份启动以来", "2020-11", "从7月份启动以来", "2020-07", "2020-11", ""),
            ("1月以来共走访企业", "2021-03-15", "1月以来", "2021-01", "2021-03-15", ""),
            ("10个月来", "2021-03-15", "10个月来", "", "2021-03-15", ""),
            ("30多年来，他", "2021-03-15", "30多年来", "", "2021-03-15", ""),
            ("连续5年开展“春风行动”", "2021-03-05", "连续5年", "", "2021-03-05", ""),
            ("去年12月28日,宝鸡市", "2021-01-05", "去年12月28日", "2020-12-28", "2020-12-28", "2020-12"),
            ("“十三五”期间,武汉市", "2021-03-15", "“十三五”期间", "", "2021-03-15", ""),
            ("1—11月共为职工办实事", "2020-12-10", "1—11月", "2020-01", "2020-11", ""),
            ("11月中旬组织", "2020-12-10", "11月中旬", "2020-11", "2020-11", "2020-11"),
            ("上月,全市工会", "2021-01-05", "上月", "2020-12", "2020-12", "2020-12"),
            ("国庆期间,工会", "2020-10-20", "国庆期间", "2020-10", "2020-10", "2020-10"),
            ("今年1至10月,全市", "2020-11-20", "今年", "2020", "2020", ""),
            ("1至10月,全市", "2020-11-20", "1至10月", "2020-01", "2020-10", ""),
            ("11月5日至7日举办", "2020-11-20", "11月5日至7日", "2020-11-05", "2020-11-07", "2020-11"),
            ("两节期间,顺义全区", "2019-02-28", "两节期间", "2019-01", "2019-02", ""),
            ("2019年“两节”期间,除了", "2019-02-28", "2019年“两节”期间", "2019-01", "2019-02", ""),
            // 春节前夕: the week before the festival, when it lies in one month.
            ("春节前夕,洛阳市总工会", "2020-01-20", "春节前夕", "2020-01", "2020-01", "2020-01"),
            ("春节前夕,吴江区总工会", "2021-02-05", "春节前夕", "2021-02", "2021-02", "2021-02"),
            ("春节前夕,全区工会", "2019-01-30", "春节前夕", "2019-01", "2019-02", ""),
            ("每月举办4场", "2020-11", "每月", "", "", ""),
            ("每季度至少创作一个", "2019-12", "每季度", "", "", ""),
            // Undated page: the label stays, relative dates get none.
            ("近日，东四街道", "", "近日", "", "", ""),
            ("2019年，19个", "", "2019年", "2019", "2019", ""),
        ]
        for c in cases {
            guard let p = period(c.text, c.published) else { XCTFail("no time phrase in \(c.text)"); continue }
            XCTAssertEqual(p, Period(label: c.label, start: c.start, end: c.end, month: c.month), "\(c.text) @ \(c.published)")
        }
    }

    func testNotTimePhrases() {
        for text in ["17年，他一步一个脚印", "拖欠31名职工6个月共30万元", "24岁的讲解员", "12351手机APP", "第十七届"] {
            XCTAssertTrue(TimePhraseFinder.find(in: Array(text.unicodeScalars)).isEmpty, text)
        }
    }

    // 为2019年考入大学的11名职工: the year belongs to the object, not to the sentence.
    func testYearInsideAnObjectIsEmbedded() {
        let found = TimePhraseFinder.find(in: Array("近日，为2019年考入大学的职工发放".unicodeScalars))
        XCTAssertEqual(found.map(\.label), ["近日", "2019年"])
        XCTAssertEqual(found.map(\.embedded), [false, true])
    }

    // 举办2021年“春风行动”招聘会: a year after a verb or before a quoted name names the event.
    func testYearNamingAnEventIsEmbedded() {
        let cases: [(String, [Bool])] = [
            ("3月10日,绵阳市总工会举办2021年“春风行动”专场招聘会", [false, true]),
            ("9月8日,鄞州区总工会举行2020年“金秋助学”助学金发放仪式", [false, true]),
            ("上月,芜湖市总工会举办的2021年芜湖市职工职业技能大赛落幕", [false, true]),
            ("2020年,南京市各级工会共受理案件", [false]),
            ("2019年全国参加职工互助保障活动的职工", [false]),
        ]
        for (text, embedded) in cases {
            XCTAssertEqual(TimePhraseFinder.find(in: Array(text.unicodeScalars)).map(\.embedded), embedded, text)
        }
    }

    /// The publication date read from its bytes gives what splitting at "-" and `Int` give.
    func testPublishedDateFieldsMatchSplitting() {
        let dates = ["2019-05-03", "2019-5", "2019", "", "-", "--2019--05-", "+12-3", "2019-05-03-07", "abc", "2019-0x-01",
                     "99999999999999999999-1", "2019-+-3", "2019-０５-03", "２０１９-05", " 2019-05"]
        for d in dates {
            let parts = d.split(separator: "-").map { Int($0) }
            let year = parts.count > 0 ? parts[0] : nil
            var month = parts.count > 1 ? parts[1] : nil
            var day = parts.count > 2 ? parts[2] : nil
            if year == nil { month = nil; day = nil }
            let p = PeriodResolver.Published(d)
            XCTAssertEqual(p.year, year, d)
            XCTAssertEqual(p.month, month, d)
            XCTAssertEqual(p.day, day, d)
        }
    }
}
