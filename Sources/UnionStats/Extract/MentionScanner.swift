/// Finds figure mentions in an article (STUB: owned by the figures work; Arabic digits + one CJK char for now).
public enum MentionScanner {
    public static func mentions(in article: Article, doc: String) -> [Mention] {
        var out: [Mention] = []
        for (pi, p) in article.paragraphs.enumerated() {
            let scalars = Array(p.text.unicodeScalars)
            var i = 0
            while i < scalars.count {
                if ("0"..."9").contains(scalars[i]) {
                    var j = i
                    while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == "." { j += 1 }
                    if j < scalars.count, scalars[j].value >= 0x4E00, scalars[j] != "年", scalars[j] != "月", scalars[j] != "日" {
                        let raw = String(String.UnicodeScalarView(scalars[i...j]))
                        out.append(Mention(doc: doc, article: article.index, paragraph: pi, start: i, end: j + 1,
                                           line: p.line(at: i), raw: raw, sentence: p.text))
                    }
                    i = j + 1
                } else { i += 1 }
            }
        }
        return out
    }
}
