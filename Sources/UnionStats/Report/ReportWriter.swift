import Foundation

/// Renders a `MonthReport` as plain text in Chinese, columns lined up by
/// display width (see `DisplayWidth`), numbers right-aligned with thousands
/// separators. Same report in, same bytes out.
public enum ReportWriter {
    public static let chartTop = 8
    public static let chartWidth = 30
    public static let chartUnits = 3

    public static func render(_ r: MonthReport) -> String {
        var out: [String] = []
        let title = "工会工作统计月报  \(NumberFormat.chineseMonth(r.month))"
        out.append(title)
        out.append(String(repeating: "=", count: DisplayWidth.of(title)))
        if let generated = r.generated { out.append("生成日期：\(generated)") }
        out.append("")
        out += pagesSection(r)
        out += regionsSection(r)
        out += changeSection(r)
        out += chartSection(r)
        out += figureListSection("四、累计、跨月及年度数字（本月发布的版面，不计入月度合计）", r.cumulative, withPeriod: true)
        out += figureListSection("五、月份不明的数字（本月发布的版面）", r.undated, withPeriod: false)
        out += unknownMetricsSection(r)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: sections

    static func heading(_ text: String) -> [String] {
        [text, String(repeating: "-", count: DisplayWidth.of(text))]
    }

    static func pagesSection(_ r: MonthReport) -> [String] {
        var lines = ["本报告涵盖 \(r.pages.count) 个版面："]
        var t = TextTable([.left, .left, .left])
        t.add(["报纸", "日期", "文件"])
        for p in r.pages {
            t.add([p.source.isEmpty ? "来源不明" : p.source, p.published.isEmpty ? "日期不明" : p.published, p.doc])
        }
        lines += t.render()
        lines.append("")
        lines.append("说明：流量为本月合计，存量为月内最新值，比率和人均数逐条列出、不相加；")
        lines.append("　　　“约”“余”“不足”“最高”“区间”表示数值不精确，合计中含这类数字时照样注明。")
        lines.append("")
        return lines
    }

    static func regionLabel(_ path: String) -> String { path.isEmpty ? "（地区不明）" : path }

    static func metricLabel(_ metric: String) -> String { metric.isEmpty ? "（未识别）" : metric }

    static func sourceText(_ s: SourceRef) -> String {
        sourceText(source: s.source, published: s.published, headline: s.headline, doc: s.doc)
    }

    static func sourceText(source: String, published: String, headline: String, doc: String) -> String {
        let paper = source.isEmpty ? "来源不明" : source
        let date = published.isEmpty ? "日期不明" : published
        return "\(paper) \(date) " + (headline.isEmpty ? doc : "《\(headline)》")
    }

    static func sourcesText(_ row: MonthlyRow) -> String {
        guard let first = row.sources.first else { return "" }
        return row.sourceCount <= 1 ? sourceText(first) : sourceText(first) + " 等\(row.sourceCount)处"
    }

    static func note(_ row: MonthlyRow) -> String {
        var parts = row.qualifiers.map(NumberFormat.chinese).filter { !$0.isEmpty }
        switch row.key.kind {
        case .level: parts.append("月内最新")
        case .flow, .rate: if row.figures > 1 { parts.append("\(row.figures)条合计") }
        }
        return parts.joined(separator: "，")
    }

    static func note(_ f: Figure) -> String {
        var parts: [String] = []
        let q = NumberFormat.chinese(f.quantity.qualifier)
        if !q.isEmpty { parts.append(q) }
        if f.kind == .rate { parts.append("比率") }
        if !f.quantity.per.isEmpty { parts.append("每\(f.quantity.per)") }
        if f.kind == .level { parts.append("存量") }
        return parts.joined(separator: "，")
    }

    static func unitText(_ f: Figure) -> String {
        f.quantity.per.isEmpty ? f.quantity.unit : "\(f.quantity.unit)/\(f.quantity.per)"
    }

    static func regionsSection(_ r: MonthReport) -> [String] {
        var lines = heading("一、本月数字（按地区）")
        // One table for all regions so every section shares the same columns.
        var t = TextTable([.left, .right, .left, .left, .left])
        var groups: [(region: String, range: Range<Int>)] = []
        var byRegion: [String: ([MonthlyRow], [Figure])] = [:]
        for row in r.rows { byRegion[row.key.region, default: ([], [])].0.append(row) }
        for f in r.rates { byRegion[f.region.path, default: ([], [])].1.append(f) }
        t.add(["指标", "数值", "单位", "说明", "来源"])
        for region in byRegion.keys.sorted(by: TableSort.less) {
            let (rows, rates) = byRegion[region]!
            let start = t.rows.count
            for row in rows {
                t.add([metricLabel(row.metric), NumberFormat.grouped(row.value), row.key.unit, note(row), sourcesText(row)])
            }
            for f in rates {
                t.add([metricLabel(f.metric), NumberFormat.value(f.quantity), unitText(f), note(f), sourceText(SourceRef(f))])
            }
            groups.append((region, start..<t.rows.count))
        }
        if groups.isEmpty {
            return lines + ["  （本月没有按月的数字）", ""]
        }
        let rendered = t.render(indent: "  ")
        lines.append("")
        lines.append(rendered[0])
        for g in groups {
            lines.append("")
            lines.append(regionLabel(g.region))
            lines += rendered[g.range]
        }
        lines.append("")
        return lines
    }

    static func changeSection(_ r: MonthReport) -> [String] {
        let prevMonth = NumberFormat.previousMonth(r.month) ?? ""
        var lines = heading("二、与上月（\(NumberFormat.chineseMonth(prevMonth))）比较")
        var previous: [MonthlyKey: MonthlyRow] = [:]
        for row in r.previous {
            var key = row.key
            key.month = r.month
            previous[key] = row
        }
        var t = TextTable([.left, .left, .left, .right, .right, .right, .right])
        t.add(["地区", "指标", "单位", "上月", "本月", "变化", "幅度"])
        for row in r.rows {
            guard let old = previous[row.key] else { continue }
            t.add([regionLabel(row.key.region), metricLabel(row.metric), row.key.unit, NumberFormat.grouped(old.value),
                   NumberFormat.grouped(row.value), NumberFormat.signed(row.value - old.value),
                   NumberFormat.percentChange(from: old.value, to: row.value)])
        }
        if t.rows.count == 1 {
            lines.append("  （上月没有相同地区、指标和单位的数字可比）")
        } else {
            lines += t.render()
        }
        lines.append("")
        return lines
    }

    static func chartSection(_ r: MonthReport) -> [String] {
        var lines = heading("三、本月最大的流量（同一单位内比较）")
        var byUnit: [String: [MonthlyRow]] = [:]
        for row in r.rows where row.key.kind == .flow { byUnit[row.key.unit, default: []].append(row) }
        let units = byUnit.keys.sorted { a, b in
            let (ca, cb) = (byUnit[a]!.count, byUnit[b]!.count)
            return ca != cb ? ca > cb : TableSort.less(a, b)
        }.prefix(chartUnits)
        if units.isEmpty { return lines + ["  （本月没有流量数字）", ""] }
        for unit in units {
            let top = byUnit[unit]!.sorted { a, b in
                a.value != b.value ? a.value > b.value : TableSort.less(a.sortKey, b.sortKey)
            }.prefix(chartTop)
            lines.append("")
            lines.append("单位：\(unit)")
            let bars = top.map { row -> TextBarChart.Bar in
                let place = row.key.region.split(separator: "/").last.map(String.init) ?? "（地区不明）"
                return TextBarChart.Bar(label: "\(place) \(metricLabel(row.metric))", value: row.value,
                                        text: NumberFormat.grouped(row.value) + unit)
            }
            lines += TextBarChart.render(bars, width: chartWidth)
        }
        lines.append("")
        return lines
    }

    static func figureListSection(_ title: String, _ figures: [Figure], withPeriod: Bool) -> [String] {
        var lines = heading(title)
        if figures.isEmpty { return lines + ["  （无）", ""] }
        var t = TextTable(withPeriod ? [.left, .left, .right, .left, .left, .left, .left]
                                     : [.left, .left, .right, .left, .left, .left])
        t.add(withPeriod ? ["地区", "指标", "数值", "单位", "说明", "时期", "来源"]
                         : ["地区", "指标", "数值", "单位", "说明", "来源"])
        // By region; within a region in page order.
        // Indices are sorted, not figures: moving whole figures costs a retain per field.
        let order = figures.indices.sorted { a, b in
            let (pa, pb) = (figures[a].region.path, figures[b].region.path)
            return pa != pb ? TableSort.less(pa, pb) : a < b
        }
        for i in order {
            let f = figures[i]
            var cells = [regionLabel(f.region.path), metricLabel(f.metric), NumberFormat.value(f.quantity), unitText(f), note(f)]
            if withPeriod { cells.append(f.period.label.isEmpty ? "\(f.period.start)～\(f.period.end)" : f.period.label) }
            cells.append(sourceText(SourceRef(f)))
            t.add(cells)
        }
        lines += t.render()
        lines.append("")
        return lines
    }

    static func unknownMetricsSection(_ r: MonthReport) -> [String] {
        let lines = heading("六、词典中没有的指标（可加入指标词典）")
        var counts: [[String]: Int] = [:]
        for row in r.rows where row.metricID.isEmpty { counts[[row.metric, row.key.unit], default: 0] += row.figures }
        for f in r.rates + r.cumulative + r.undated where f.metricID.isEmpty {
            counts[[f.metric, f.quantity.unit], default: 0] += 1
        }
        if counts.isEmpty { return lines + ["  （无）"] }
        var t = TextTable([.left, .left, .right])
        t.add(["指标", "单位", "条数"])
        for key in counts.keys.sorted(by: { TableSort.less($0, $1) }) {
            t.add([metricLabel(key[0]), key[1], String(counts[key]!)])
        }
        return lines + t.render()
    }
}
