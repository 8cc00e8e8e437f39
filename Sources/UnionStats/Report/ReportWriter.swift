import Foundation

/// Renders a `MonthReport` as plain text in Chinese, columns lined up by
/// display width (see `DisplayWidth`), numbers right-aligned with thousands
/// separators. Same report in, same bytes out.
///
/// Everything is written as UTF-8 into one byte buffer, and table cells into
/// their table's buffer, piece by piece: a `String` per cell, per line and per
/// join was most of the rendering time.
public enum ReportWriter {
    public static let chartTop = 8
    public static let chartWidth = 30
    public static let chartUnits = 3

    public static func render(_ r: MonthReport) -> String {
        String(decoding: renderUTF8(r), as: UTF8.self)
    }

    /// The report's bytes; every line ends in a newline.
    public static func renderUTF8(_ r: MonthReport) -> [UInt8] {
        var out = renderBeforeChange(r)
        changeSection(r, &out)
        out += renderAfterChange(r)
        return out
    }

    /// The report up to the comparison with the month before (title, pages, regions): with
    /// `renderAfterChange`, all that does not depend on that month, so months can be
    /// rendered side by side (`MonthlyOutputs`).
    static func renderBeforeChange(_ r: MonthReport) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        let title = "工会工作统计月报  " + NumberFormat.chineseMonth(r.month)
        out.appendLine(title)
        out.appendLine(String(repeating: "=", count: DisplayWidth.of(title)))
        if let generated = r.generated { out.appendLine("生成日期：" + generated) }
        out.appendLine("")
        pagesSection(r, &out)
        regionsSection(r, &out)
        return out
    }

    /// The report after the comparison: chart, figure lists, metrics not in the dictionary.
    static func renderAfterChange(_ r: MonthReport) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        chartSection(r, &out)
        figureListSection("四、累计、跨月及年度数字（本月发布的版面，不计入月度合计）", r.cumulative, withPeriod: true, &out)
        figureListSection("五、月份不明的数字（本月发布的版面）", r.undated, withPeriod: false, &out)
        unknownMetricsSection(r, &out)
        return out
    }

    // MARK: sections

    static func heading(_ text: String, _ out: inout [UInt8]) {
        out.appendLine(text)
        out.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: DisplayWidth.of(text)))
        out.append(0x0A)
    }

    static func pagesSection(_ r: MonthReport, _ out: inout [UInt8]) {
        out.appendLine("本报告涵盖 " + String(r.pages.count) + " 个版面：")
        var t = TextTable([.left, .left, .left])
        t.add(["报纸", "日期", "文件"])
        for p in r.pages {
            t.cell(p.source.isEmpty ? "来源不明" : p.source)
            t.cell(p.published.isEmpty ? "日期不明" : p.published)
            t.cell(p.doc)
        }
        t.render(into: &out)
        out.appendLine("")
        out.appendLine("说明：流量为本月合计，存量为月内最新值，比率和人均数逐条列出、不相加；")
        out.appendLine("　　　“约”“余”“不足”“最高”“区间”表示数值不精确，合计中含这类数字时照样注明。")
        out.appendLine("")
    }

    static func regionsSection(_ r: MonthReport, _ out: inout [UInt8]) {
        heading("一、本月数字（按地区）", &out)
        // One table for all regions so every section shares the same columns.
        var t = TextTable([.left, .right, .left, .left, .left])
        var groups: [(region: String, range: Range<Int>)] = []
        t.add(["指标", "数值", "单位", "说明", "来源"])
        // Rows and rates each by region (stably), then merged region by region (byte order), rows
        // before rates; read through the buffers: moving a row or figure costs a retain per field.
        r.rows.withUnsafeBufferPointer { rows in
            r.rates.withUnsafeBufferPointer { rates in
                let rowOrder = inRegionOrder(rows.count) { rows[$0].key.region }
                let rateOrder = inRegionOrder(rates)
                var i = 0, j = 0
                while i < rowOrder.count || j < rateOrder.count {
                    let region: String
                    if i < rowOrder.count && (j == rateOrder.count
                        || ByteString.compare(rows[rowOrder[i]].key.region, rates[rateOrder[j]].region.path) <= 0) {
                        region = rows[rowOrder[i]].key.region
                    } else {
                        region = rates[rateOrder[j]].region.path
                    }
                    let start = t.rowCount
                    while i < rowOrder.count, ByteString.equal(rows[rowOrder[i]].key.region, region) {
                        addRow(rows.baseAddress! + rowOrder[i], to: &t)
                        i += 1
                    }
                    while j < rateOrder.count, ByteString.equal(rates[rateOrder[j]].region.path, region) {
                        rateRow(rates.baseAddress! + rateOrder[j], to: &t)
                        j += 1
                    }
                    groups.append((region, start..<t.rowCount))
                }
            }
        }
        if groups.isEmpty {
            out.appendLine("  （本月没有按月的数字）")
            out.appendLine("")
            return
        }
        let widths = t.widths()
        out.appendLine("")
        t.render(row: 0, widths: widths, into: &out)
        for g in groups {
            out.appendLine("")
            out.appendLine(regionLabel(g.region))
            t.render(rows: g.range, widths: widths, indent: "  ", into: &out)
        }
        out.appendLine("")
    }

    /// A row's cells, read through the pointer field by field (see `figureListRow`).
    static func addRow(_ row: UnsafePointer<MonthlyRow>, to t: inout TextTable) {
        t.cell(metricLabel(row.pointee.metric))
        NumberFormat.appendGrouped(row.pointee.value, to: &t.bytes)
        t.endCell()
        t.cell(row.pointee.key.unit)
        appendNote(qualifiers: row.pointee.qualifiers, kind: row.pointee.key.kind, figures: row.pointee.figures, to: &t.bytes)
        t.endCell()
        if let s = row.pointee.sources.first {
            appendSource(source: s.source, published: s.published, headline: s.headline, doc: s.doc, to: &t.bytes)
            appendMoreSources(row.pointee.sourceCount, to: &t.bytes)
        }
        t.endCell()
    }

    /// A rate's cells in a region's table.
    static func rateRow(_ f: UnsafePointer<Figure>, to t: inout TextTable) {
        t.cell(metricLabel(f.pointee.metric))
        NumberFormat.appendValue(f.pointee.quantity.value, max: f.pointee.quantity.valueMax, to: &t.bytes)
        t.endCell()
        appendUnit(unit: f.pointee.quantity.unit, per: f.pointee.quantity.per, to: &t.bytes)
        t.endCell()
        appendNote(qualifier: f.pointee.quantity.qualifier, per: f.pointee.quantity.per, kind: f.pointee.kind, to: &t.bytes)
        t.endCell()
        appendSource(source: f.pointee.source, published: f.pointee.published, headline: f.pointee.headline,
                     doc: f.pointee.doc, to: &t.bytes)
        t.endCell()
    }

    static func changeSection(_ r: MonthReport, _ out: inout [UInt8]) {
        let prevMonth = NumberFormat.previousMonth(r.month) ?? ""
        heading("二、与上月（" + NumberFormat.chineseMonth(prevMonth) + "）比较", &out)
        // The previous month's rows by region, level, metric, unit and kind (the last of equal ones),
        // looked up by their bytes: hashing every row's key as strings was most of this section.
        var previous = ByteKeyTable(capacity: r.previous.count)
        var rowOf: [Int] = []
        let key = ByteKey.Builder()
        // Rows read through the buffers: `for row in r.rows` copied every row (a retain per field).
        r.previous.withUnsafeBufferPointer { rows in
            for i in rows.indices {
                rows[i].key.layOutWithoutMonth(key)
                let (n, isNew) = previous.number(of: key)
                if isNew { rowOf.append(i) } else { rowOf[n] = i }
            }
        }
        var t = TextTable([.left, .left, .left, .right, .right, .right, .right])
        t.add(["地区", "指标", "单位", "上月", "本月", "变化", "幅度"])
        r.rows.withUnsafeBufferPointer { rows in
            for j in rows.indices {
                let row = rows.baseAddress! + j
                row.pointee.key.layOutWithoutMonth(key)
                guard let n = previous.find(key) else { continue }
                let old = r.previous[rowOf[n]].value
                t.cell(regionLabel(row.pointee.key.region))
                t.cell(metricLabel(row.pointee.metric))
                t.cell(row.pointee.key.unit)
                NumberFormat.appendGrouped(old, to: &t.bytes)
                t.endCell()
                NumberFormat.appendGrouped(row.pointee.value, to: &t.bytes)
                t.endCell()
                NumberFormat.appendSigned(row.pointee.value - old, to: &t.bytes)
                t.endCell()
                t.cell(NumberFormat.percentChange(from: old, to: row.pointee.value))
            }
        }
        if t.rowCount == 1 {
            out.appendLine("  （上月没有相同地区、指标和单位的数字可比）")
        } else {
            t.render(into: &out)
        }
        out.appendLine("")
    }

    static func chartSection(_ r: MonthReport, _ out: inout [UInt8]) {
        heading("三、本月最大的流量（同一单位内比较）", &out)
        // Rows read through the buffer: `for row in r.rows` copied every row (a retain per field).
        var byUnit: [ByteKey: [Int]] = [:]
        r.rows.withUnsafeBufferPointer { rows in
            for i in rows.indices where rows[i].key.kind == .flow { byUnit[ByteKey(rows[i].key.unit), default: []].append(i) }
        }
        let units = byUnit.sorted { a, b in
            a.value.count != b.value.count ? a.value.count > b.value.count : ByteKey.less(a.key, b.key)
        }.prefix(chartUnits)
        if units.isEmpty {
            out.appendLine("  （本月没有流量数字）")
            out.appendLine("")
            return
        }
        for (unit, indices) in units {
            let top = largest(indices, of: r.rows)
            out.appendLine("")
            out.appendLine("单位：" + unit.text)
            let bars = r.rows.withUnsafeBufferPointer { rows in
                top.map { i -> TextBarChart.Bar in
                    let place = ReportWriter.lastPlace(rows[i].key.region) ?? "（地区不明）"
                    return TextBarChart.Bar(label: place + " " + metricLabel(rows[i].metric), value: rows[i].value,
                                            text: NumberFormat.grouped(rows[i].value) + unit.text)
                }
            }
            TextBarChart.render(bars, width: chartWidth, into: &out)
        }
        out.appendLine("")
    }

    /// The last non-empty segment of a region path (`北京市/朝阳区` → `朝阳区`): what
    /// `split(separator: "/").last` gives, found on the bytes of plain text (no mark can join
    /// a "/" into a larger character there), by Characters otherwise.
    static func lastPlace(_ path: String) -> String? {
        guard TextClasses.allPlain(path) else { return path.split(separator: "/").last.map(String.init) }
        var copy = path
        return copy.withUTF8 { b -> String? in
            var end = b.count
            while end > 0 && b[end - 1] == UInt8(ascii: "/") { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0 && b[start - 1] != UInt8(ascii: "/") { start -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
    }

    /// The first `chartTop` of `indices` by value, largest first, then in row order
    /// (`MonthlyRow.sortLess`): what sorting them all and taking the first gives, as the
    /// order is total (no two rows share a key), without sorting hundreds of rows.
    static func largest(_ indices: [Int], of rows: [MonthlyRow]) -> [Int] {
        // Rows read in place (through the buffer): `rows[i]` copied two whole rows per comparison.
        rows.withUnsafeBufferPointer { rows in
            func before(_ i: Int, _ j: Int) -> Bool {
                let c = DecimalText.compare(rows[i].value, rows[j].value)
                return c != 0 ? c > 0 : MonthlyRow.sortLess(rows[i].key, rows[j].key)
            }
            var top: [Int] = []
            top.reserveCapacity(chartTop + 1)
            for i in indices {
                if top.count == chartTop, !before(i, top[chartTop - 1]) { continue }
                var at = top.count
                while at > 0 && before(i, top[at - 1]) { at -= 1 }
                top.insert(i, at: at)
                if top.count > chartTop { top.removeLast() }
            }
            return top
        }
    }

    static func figureListSection(_ title: String, _ figures: [Figure], withPeriod: Bool, _ out: inout [UInt8]) {
        heading(title, &out)
        if figures.isEmpty {
            out.appendLine("  （无）")
            out.appendLine("")
            return
        }
        var t = TextTable(withPeriod ? [.left, .left, .right, .left, .left, .left, .left]
                                     : [.left, .left, .right, .left, .left, .left])
        t.add(withPeriod ? ["地区", "指标", "数值", "单位", "说明", "时期", "来源"]
                         : ["地区", "指标", "数值", "单位", "说明", "来源"])
        t.reserveCapacity(rows: figures.count)
        // By region; within a region in page order.
        figures.withUnsafeBufferPointer { buf in
            var previous: (figure: UnsafePointer<Figure>, firstCell: Int)? = nil
            for i in inRegionOrder(buf) {
                let f = buf.baseAddress! + i, firstCell = t.cellCount
                figureListRow(f, after: previous, withPeriod: withPeriod, to: &t)
                previous = (f, firstCell)
            }
        }
        t.render(into: &out)
        out.appendLine("")
    }

    /// `f`'s row, its fields read through the pointer one by one: a `Figure` passed by value
    /// from an array is a copy of all its texts (a retain and a release each). A cell whose
    /// fields are the same bytes as in `previous`'s row (whose first cell is `firstCell`) is
    /// that row's cell again (`TextTable.repeatCell`): rows of a region and of a page repeat
    /// the region, the source and often the metric, unit, note and period.
    static func figureListRow(_ f: UnsafePointer<Figure>, after previous: (figure: UnsafePointer<Figure>, firstCell: Int)?,
                              withPeriod: Bool, to t: inout TextTable) {
        let p = previous?.figure
        let base = previous?.firstCell ?? 0
        if let p, ByteString.equal(f.pointee.region.path, p.pointee.region.path) {
            t.repeatCell(base)
        } else {
            t.cell(regionLabel(f.pointee.region.path))
        }
        if let p, ByteString.equal(f.pointee.metric, p.pointee.metric) {
            t.repeatCell(base + 1)
        } else {
            t.cell(metricLabel(f.pointee.metric))
        }
        // The quantity's fields passed one by one: a `Quantity` passed was a copy (a retain per text).
        NumberFormat.appendValue(f.pointee.quantity.value, max: f.pointee.quantity.valueMax, to: &t.bytes)
        t.endCell()
        if let p, ByteString.equal(f.pointee.quantity.unit, p.pointee.quantity.unit),
           ByteString.equal(f.pointee.quantity.per, p.pointee.quantity.per) {
            t.repeatCell(base + 3)
        } else {
            appendUnit(unit: f.pointee.quantity.unit, per: f.pointee.quantity.per, to: &t.bytes)
            t.endCell()
        }
        if let p, f.pointee.quantity.qualifier == p.pointee.quantity.qualifier, f.pointee.kind == p.pointee.kind,
           ByteString.equal(f.pointee.quantity.per, p.pointee.quantity.per) {
            t.repeatCell(base + 4)
        } else {
            appendNote(qualifier: f.pointee.quantity.qualifier, per: f.pointee.quantity.per, kind: f.pointee.kind, to: &t.bytes)
            t.endCell()
        }
        if withPeriod {
            if let p, ByteString.equal(f.pointee.period.label, p.pointee.period.label),
               ByteString.equal(f.pointee.period.start, p.pointee.period.start), ByteString.equal(f.pointee.period.end, p.pointee.period.end) {
                t.repeatCell(base + 5)
            } else {
                if f.pointee.period.label.isEmpty {
                    t.append(f.pointee.period.start)
                    t.append("～")
                    t.append(f.pointee.period.end)
                } else {
                    t.append(f.pointee.period.label)
                }
                t.endCell()
            }
        }
        if let p, ByteString.equal(f.pointee.doc, p.pointee.doc), ByteString.equal(f.pointee.headline, p.pointee.headline),
           ByteString.equal(f.pointee.published, p.pointee.published), ByteString.equal(f.pointee.source, p.pointee.source) {
            t.repeatCell(base + (withPeriod ? 6 : 5))
        } else {
            appendSource(source: f.pointee.source, published: f.pointee.published, headline: f.pointee.headline,
                         doc: f.pointee.doc, to: &t.bytes)
            t.endCell()
        }
    }

    /// The indices of `figures` by region path (byte order), in their own order within a
    /// region: what a stable sort by region gives, from the few regions sorted and the
    /// figures counted into their region's place (no list per region).
    static func inRegionOrder(_ figures: UnsafeBufferPointer<Figure>) -> [Int] {
        inRegionOrder(figures.count) { figures[$0].region.path }
    }

    /// `inRegionOrder` of `count` items whose region paths `path` gives.
    static func inRegionOrder(_ count: Int, _ path: (Int) -> String) -> [Int] {
        var numbers = ByteKeyTable()
        let key = ByteKey.Builder()
        var regionOf = [Int](repeating: 0, count: count)
        var firsts: [Int] = []   // each region's first item, which names it
        var counts: [Int] = []
        for i in 0..<count {
            let n: Int
            // A page's figures (a region's rows) often name the region of the one before: no look-up then.
            if i > 0, ByteString.equal(path(i), path(i - 1)) {
                n = regionOf[i - 1]
            } else {
                key.clear()
                key.add(path(i))
                let (m, isNew) = numbers.number(of: key)
                if isNew {
                    firsts.append(i)
                    counts.append(0)
                }
                n = m
            }
            regionOf[i] = n
            counts[n] += 1
        }
        let sorted = firsts.indices.sorted { TableSort.less(path(firsts[$0]), path(firsts[$1])) }
        // Each region's first place in the order; its figures then follow in their own order.
        var next = [Int](repeating: 0, count: firsts.count)
        var at = 0
        for n in sorted {
            next[n] = at
            at += counts[n]
        }
        var order = [Int](repeating: 0, count: count)
        for i in 0..<count {
            order[next[regionOf[i]]] = i
            next[regionOf[i]] += 1
        }
        return order
    }

    static func unknownMetricsSection(_ r: MonthReport, _ out: inout [UInt8]) {
        heading("六、词典中没有的指标（可加入指标词典）", &out)
        var counts: [ByteStringPair: Int] = [:]   // metric, unit
        for row in r.rows where row.metricID.isEmpty {
            counts[ByteStringPair(row.metric, row.key.unit), default: 0] += row.figures
        }
        for figures in [r.rates, r.cumulative, r.undated] {
            for f in figures where f.metricID.isEmpty { counts[ByteStringPair(f.metric, f.quantity.unit), default: 0] += 1 }
        }
        if counts.isEmpty {
            out.appendLine("  （无）")
            return
        }
        var t = TextTable([.left, .left, .right])
        t.add(["指标", "单位", "条数"])
        for key in counts.keys.sorted(by: ByteStringPair.less) {
            t.cell(metricLabel(key.first))
            t.cell(key.second)
            t.cell(String(counts[key]!))
        }
        t.render(into: &out)
    }
}
