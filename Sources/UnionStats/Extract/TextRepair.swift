/// Repairs a page's text into paragraphs (STUB: owned by the extract work; one paragraph per non-blank line for now).
public enum TextRepair {
    public static func paragraphs(from text: String) -> [Paragraph] {
        var result: [Paragraph] = []
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty { result.append(Paragraph(text: t, firstLine: line)) }
        }
        return result
    }
}
import Foundation
