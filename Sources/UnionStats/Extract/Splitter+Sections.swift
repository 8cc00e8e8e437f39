/// Section heads inside one article: a single comma-headed line
/// (`对口帮扶暖人心,圆贫困学子上学梦`) or a series of equal-length lines
/// (`钻研提升能力`, `安全促进运行`) between runs of text without bylines.
extension Splitter {
    mutating func mergeSections() {
        var candidates: [Int] = []
        for (b, block) in blocks.enumerated() where block.lines.count == 1 {
            let p = block.after, n = block.after + 1
            guard p >= 0, n < protos.count, !protos[n].opensWithByline, !protos[n].opensWithCredit else { continue }
            let line = scalars[block.lines[0]]
            guard !Headlines.isLabel(line), !Headlines.isOrganizationKicker(line) else { continue }
            candidates.append(b)
        }
        // A series counts only inside one stretch of text: no byline between its members.
        var run = [Int].filled(0, count: candidates.count)
        for k in candidates.indices.dropFirst() {
            let from = blocks[candidates[k - 1]].after + 1, to = blocks[candidates[k]].after
            let bylineBetween = from <= to && (from...to).contains { protos[$0].opensWithByline || protos[$0].opensWithCredit }
            run[k] = run[k - 1] + (bylineBetween ? 1 : 0)
        }
        var byLength: [Int: Int] = [:]   // key: run * 1000 + length
        for (k, b) in candidates.enumerated() {
            byLength[run[k] * 1000 + Headlines.compact(scalars[blocks[b].lines[0]]).count, default: 0] += 1
        }
        var sections = Set<Int>()
        for (k, b) in candidates.enumerated() {
            let c = Headlines.compact(scalars[blocks[b].lines[0]])
            let comma = c.dropLast().contains(where: { $0 == "，" || $0 == "," })
            if comma || (c.count >= 5 && byLength[run[k] * 1000 + c.count, default: 0] >= 2) { sections.insert(b) }
        }
        guard !sections.isEmpty else { return }
        var sectionBefore: [Int: Int] = [:]  // proto index n -> section block in front of it
        for b in sections { sectionBefore[blocks[b].after + 1] = b }
        var merged: [Proto] = []
        var map: [Int] = []
        for (i, p) in protos.enumerated() {
            if let b = sectionBefore[i], !merged.isEmpty {
                merged[merged.count - 1].paras += blocks[b].lines + p.paras
            } else {
                merged.append(p)
            }
            map.append(merged.count - 1)
        }
        var kept: [Block] = []
        for (b, block) in blocks.enumerated() where !sections.contains(b) {
            kept.append(Block(lines: block.lines, after: block.after >= 0 ? map[block.after] : -1))
        }
        for b in sections { for l in blocks[b].lines { kinds[l] = .body } }
        protos = merged
        blocks = kept
    }

}
