/// An output written to its temporary file, put in place (or dropped) when the whole run is done.
struct PendingOutput {
    enum Record { case file(name: String, header: Int), report(month: String, key: String) }
    let path: String
    let record: Record
    let commit: () throws -> Void
    let abandon: () -> Void

    init(path: String, _ record: Record, commit: @escaping () throws -> Void, abandon: @escaping () -> Void) {
        self.path = path
        self.record = record
        self.commit = commit
        self.abandon = abandon
    }

    init(_ file: OutputFile, _ record: Record) {
        path = file.path
        self.record = record
        commit = { _ = try file.commit() }
        abandon = { file.abandon() }
    }

    init(_ writer: CSVWriter, path: String, _ record: Record) {
        self.path = path
        self.record = record
        commit = { _ = try writer.close() }
        abandon = { writer.abandon() }
    }
}
