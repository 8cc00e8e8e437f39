// libFuzzer entry point for the text repair (TextRepair.paragraphs).
// `make fuzz` builds it with -sanitize=fuzzer -DFUZZING (libFuzzer brings main);
// a plain build makes a runner that replays the files given on its command line,
// to reproduce a crash the fuzzer saved.
import UnionStats
#if canImport(Glibc)
import Glibc
#endif

/// Repairs the input as page text; traps when the line map is inconsistent.
func check(_ data: UnsafeRawBufferPointer) {
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    var previous = 0
    for p in TextRepair.paragraphs(from: text) {
        let count = p.text.unicodeScalars.count
        // Paragraphs come in page order, each mapped to real source lines.
        precondition(p.firstLine >= 1 && p.firstLine <= lines, "firstLine \(p.firstLine) outside 1...\(lines)")
        precondition(p.firstLine >= previous, "paragraph at line \(p.firstLine) after one at \(previous)")
        precondition(!p.lineStarts.isEmpty && p.lineStarts[0] == 0, "lineStarts must begin at 0")
        precondition(zip(p.lineStarts, p.lineStarts.dropFirst()).allSatisfy { $0 <= $1 }, "lineStarts not sorted")
        precondition(p.lineStarts.last! <= count, "lineStarts past the text")
        precondition(p.line(at: max(0, count - 1)) <= lines, "last scalar maps past the last line")
        previous = p.firstLine
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
@_cdecl("fuzz_textrepair_main")
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
