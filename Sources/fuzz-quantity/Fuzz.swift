// libFuzzer entry point for the number parser (QuantityParser.parse) and the mention scanner.
// `make fuzz` builds it with -sanitize=fuzzer -DFUZZING (libFuzzer brings main);
// a plain build makes a runner that replays the files given on its command line,
// to reproduce a crash the fuzzer saved.
import UnionStats
#if canImport(Glibc)
import Glibc
#endif

/// Two entry points of the number work on the input: QuantityParser.parse
/// (the input split at 0x01 into before / raw / after) and MentionScanner over
/// the input as a paragraph, each mention then parsed. Traps (a crash libFuzzer
/// records) when a property fails.
func check(_ data: UnsafeRawBufferPointer) {
    let parts = data.split(separator: 0x01, maxSplits: 2, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    let raw = parts.count > 1 ? parts[1] : parts[0]
    let before = parts.count > 1 ? parts[0] : ""
    let after = parts.count > 2 ? parts[2] : ""
    if let q = QuantityParser.parse(raw: raw, before: before, after: after) { checkQuantity(q, raw) }

    let text = String(decoding: data, as: UTF8.self)
    let article = Article(index: 1, headline: "", paragraphs: [Paragraph(text: text, firstLine: 1)])
    let count = text.unicodeScalars.count
    for m in MentionScanner.mentions(in: article, doc: "fuzz") {
        precondition(m.start >= 0 && m.start < m.end && m.end <= count, "mention \(m.start)..<\(m.end) outside 0..<\(count)")
        if let q = QuantityParser.parse(m) { checkQuantity(q, m.raw) }
    }
}

func checkQuantity(_ q: Quantity, _ raw: String) {
    // A range's upper end is never below its lower end; counts are not negative.
    if let hi = q.valueMax { precondition(hi >= q.value, "value_max \(hi) < value \(q.value) for \(raw)") }
    precondition(q.value >= 0 || raw.contains("-") || raw.contains("负"), "negative \(q.value) for \(raw)")
    precondition(!q.value.isNaN, "NaN for \(raw)")
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
