/// The user-edited tables of `pipeline/` that normalize reads
/// (STUB: owned by the context work).
public struct Dictionaries: Sendable {
    public init() {}

    /// Loads the metric dictionary, sources table and gazetteer from `directory`.
    /// Errors name the file and the row.
    public static func load(from directory: String) throws -> Dictionaries { Dictionaries() }
}
