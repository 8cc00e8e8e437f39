/// Which article each headline line belongs to, by the character bigrams it
/// shares with the article bodies around it.
extension Splitter {
    /// Bigrams kept in the cache before sets of articles behind the current block are dropped
    /// (about 24–40 bytes each): small pages keep every set for both passes, a 200 MB page only those nearby.
    static let cacheLimit = 100_000

    /// Drops cached body bigrams of articles before `a` once the cache is full (headline blocks
    /// are visited in order; a dropped set is computed again if asked for).
    mutating func forget(below a: Int) {
        guard cachedElements > Splitter.cacheLimit else { return }
        while cachedFrom < min(a, bodyBigrams.count) {
            if let s = bodyBigrams[cachedFrom] { cachedElements -= s.count }
            bodyBigrams[cachedFrom] = nil
            cachedFrom += 1
        }
    }

    /// Starts a pass over the blocks; `keeping` keeps the sets of the previous pass.
    mutating func resetBodies(keeping: Bool = false) {
        if !keeping || bodyBigrams.count != protos.count {
            bodyBigrams = [BigramSet?].filled(nil, count: protos.count)
            cachedElements = 0
        }
        cachedFrom = 0
    }

    mutating func body(_ a: Int) -> BigramSet {
        if let s = bodyBigrams[a] { return s }
        var budget = Splitter.bodyLimit
        var total = 0
        for p in protos[a].paras where total < budget { total += paragraphs[p].text.utf8.count }
        // About one scalar per 3 bytes of Chinese; only bigrams of the page's headlines are kept.
        // Set by assignHeadlines before it measures any body; bodies are read nowhere else.
        guard let keep = headlineBigrams else { preconditionFailure("a body's bigrams read before the headlines' were gathered") }
        var set = BigramSet(capacity: min(total / 3 + 1, budget, keep.count))
        for p in protos[a].paras where budget > 0 {
            // Kept scalars need no decoding; long paragraphs keep none, and only their first `budget` are decoded.
            let limit = budget
            let read = paragraphs[p].keptScalars ?? { var text = paragraphs[p].text; return text.withUTF8 { Array(UTF8Scalars($0).prefix(limit)) } }()
            budget -= read.withUnsafeBufferPointer { Headlines.bigrams($0, limit: limit, into: &set, keeping: keep) }
        }
        bodyBigrams[a] = set
        cachedElements += set.count
        return set
    }

    /// For each headline line, the article it belongs to.
    mutating func assignHeadlines() -> [Int] {
        var owner = [Int].filled(-1, count: paragraphs.count)
        var lineBigrams = [BigramSet?].filled(nil, count: paragraphs.count)
        for block in blocks {
            // Column labels (工会动态) say nothing about the article: they only follow their block.
            for l in block.lines { lineBigrams[l] = Headlines.isLabel(scalars[l]) ? BigramSet() : Headlines.bigrams(scalars[l]) }
        }
        // Likeness counts a headline's bigrams in a body: the bodies need keep no others.
        // Made big enough for them all at once, not grown (and rehashed) line by line.
        var total = 0
        for block in blocks { for l in block.lines { total += lineBigrams[l]!.count } }
        var all = BigramSet(capacity: total)
        for block in blocks { for l in block.lines { all.formUnion(lineBigrams[l]!) } }
        headlineBigrams = BigramSet.Member(all)

        // 1. Lines that clearly match the article before or after them.
        var towardBefore = 0, towardAfter = 0
        // Likeness to the article before and after, kept for step 3.
        var before = [Double].filled(-1, count: paragraphs.count)
        var after = [Double].filled(-1, count: paragraphs.count)
        resetBodies()
        for block in blocks {
            forget(below: block.after - 1)
            let p = block.after, n = block.after + 1 < protos.count ? block.after + 1 : -1
            for l in block.lines {
                let h = lineBigrams[l]!
                guard h.count >= 2 else { continue }
                let sp = p >= 0 ? Headlines.likeness(h, body(p)) : -1
                let sn = n >= 0 ? Headlines.likeness(h, body(n)) : -1
                before[l] = sp
                after[l] = sn
                if sp >= Splitter.strong && sp >= sn + Splitter.margin {
                    owner[l] = p; towardBefore += 1
                } else if sn >= Splitter.strong && sn >= sp + Splitter.margin {
                    owner[l] = n; towardAfter += 1
                }
            }
        }
        // 2. Orphans: a nearby article that has no headline yet and clearly matches.
        // Which articles have a headline line: a flag each, not a hashed set.
        var headed = [Bool].filled(false, count: protos.count)
        for a in owner where a >= 0 { headed[a] = true }
        resetBodies(keeping: true)
        for block in blocks {
            forget(below: block.after - Splitter.window - 1)
            let p = block.after, n = block.after + 1
            for l in block.lines where owner[l] < 0 {
                let h = lineBigrams[l]!
                guard h.count >= 3 else { continue }
                let lo = max(0, p - Splitter.window), hi = min(protos.count - 1, n + Splitter.window)
                guard lo <= hi else { continue }
                var best = -1, bestScore = 0.0, second = 0.0
                for a in lo...hi where a == p || a == n || !headed[a] {
                    let s = Headlines.likeness(h, body(a))
                    if s > bestScore { second = bestScore; bestScore = s; best = a } else if s > second { second = s }
                }
                if best >= 0 && bestScore >= Splitter.strong && bestScore >= second + Splitter.margin {
                    owner[l] = best
                }
            }
            for l in block.lines where owner[l] >= 0 { headed[owner[l]] = true }
        }
        // 3. Lines that lean toward one neighbour.
        bodyBigrams = []
        for block in blocks {
            let p = block.after, n = block.after + 1 < protos.count ? block.after + 1 : -1
            for l in block.lines where owner[l] < 0 {
                guard lineBigrams[l]!.count >= 2 else { continue }
                let sp = before[l], sn = after[l]
                if sp >= Splitter.lean && sp >= sn + Splitter.leanMargin {
                    owner[l] = p
                } else if sn >= Splitter.lean && sn >= sp + Splitter.leanMargin {
                    owner[l] = n
                }
            }
        }
        // 4. The rest follow the nearest tied line of their block (the next one first),
        //    else the page's usual order (headline before its article unless most go after).
        let headlineFirst = towardAfter >= towardBefore
        for block in blocks {
            for (k, l) in block.lines.enumerated() where owner[l] < 0 {
                var found: Int? = nil
                for m in (k + 1)..<max(k + 1, block.lines.count) { if owner[block.lines[m]] >= 0 { found = owner[block.lines[m]]; break } }
                if found == nil {
                    for m in stride(from: k - 1, through: 0, by: -1) { if owner[block.lines[m]] >= 0 { found = owner[block.lines[m]]; break } }
                }
                if let a = found { owner[l] = a; continue }
                let p = block.after, n = block.after + 1 < protos.count ? block.after + 1 : -1
                if headlineFirst { owner[l] = n >= 0 ? n : p } else { owner[l] = p >= 0 ? p : n }
            }
        }
        return owner
    }

}
