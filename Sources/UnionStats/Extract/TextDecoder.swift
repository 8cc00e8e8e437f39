/// Decodes a page's bytes (STUB: owned by the extract work; UTF-8 only for now).
public enum TextDecoder {
    /// Returns the text and the name of the encoding used, or throws a `PageProblem`.
    public static func decode(_ bytes: [UInt8]) throws -> (text: String, encoding: String) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PageProblem(code: "undecodable", reason: "not UTF-8")
        }
        return (text, "utf-8")
    }
}
