// libFuzzer entry point for the CSV reader (CSVReader over libcsv).
// `make fuzz` builds it with -sanitize=fuzzer -DFUZZING (libFuzzer brings main);
// a plain build makes a runner that replays the files given on its command line,
// to reproduce a crash the fuzzer saved.
import UnionStats
#if canImport(Glibc)
import Glibc
#endif

/// Two properties: reading arbitrary bytes never crashes, and rows written by
/// CSVWriter read back as the same fields (the input, split at NUL into fields
/// and at 0x01 into rows, is the table).
func check(_ data: UnsafeRawBufferPointer) {
    let bytes = Array(data)
    try? CSVReader(bytes: bytes, name: "fuzz").forEachRow { _, _ in }

    guard let first = bytes.first else { return }
    let width = Int(first % 4) + 1
    let cells = bytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    var table: [[String]] = []
    var i = 0
    while i + width <= cells.count { table.append(Array(cells[i..<i + width])); i += width }
    let header = (0..<width).map { "c\($0)" }
    let sink = OutputFile.memory()
    // Every column numeric: no formula guard, so the cells must come back unchanged.
    let w = CSVWriter(sink: sink, header: header, numericColumns: Set(header), encoding: .utf8)
    for row in table { try? w.write(row) }
    _ = try? w.close()
    var back: [[String]] = []
    do {
        try CSVReader(bytes: sink.bytes, name: "roundtrip").forEachRow { fields, _ in back.append(fields) }
    } catch {
        preconditionFailure("CSVWriter output does not read back: \(error)")
    }
    // The writer turns invalid UTF-8 into U+FFFD already in String(decoding:); compare what it was given.
    precondition(back.first == header, "header changed")
    precondition(Array(back.dropFirst()) == table, "round trip changed \(table) into \(Array(back.dropFirst()))")
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    check(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: FuzzCallback) -> Int32

/// SwiftPM links an executable's entry point as `<module>_main` and points
/// `main` at it, so libFuzzer's own main is not used: start its driver here.
@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var args = argv
    return LLVMFuzzerRunDriver(&count, &args, fuzzTest)
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard case .success(let bytes) = FilePaths.readAll(path, limit: 1 << 26) else {
                fputs("cannot read \(path)\n", stderr)
                exit(1)
            }
            bytes.withUnsafeBytes { check($0) }
            print("\(path): ok")
        }
    }
}
#endif
