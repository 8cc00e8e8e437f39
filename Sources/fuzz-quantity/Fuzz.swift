// libFuzzer entry point for the number parser (QuantityParser.parse).
// `make fuzz` builds it with -sanitize=fuzzer -DFUZZING (libFuzzer brings main);
// a plain build makes a runner that replays the files given on its command line,
// to reproduce a crash the fuzzer saved.
import UnionStats
#if canImport(Glibc)
import Glibc
#endif

/// Parses the input as a mention's raw text; traps (a crash libFuzzer records) when a property fails.
func check(_ data: UnsafeRawBufferPointer) {
    let raw = String(decoding: data, as: UTF8.self)
    let m = Mention(doc: "fuzz", article: 1, paragraph: 0, start: 0, end: raw.unicodeScalars.count, line: 1,
                    raw: raw, sentence: raw)
    if let q = QuantityParser.parse(m), let hi = q.valueMax {
        // A range's upper end is never below its lower end.
        precondition(hi >= q.value, "value_max \(hi) < value \(q.value) for \(raw)")
    }
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
@_cdecl("fuzz_quantity_main")
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
