/// The caches' index files: lines of tab-separated fields in which a newline,
/// a tab and a backslash are written `\n`, `\t` and `\\`. Read and written as
/// bytes, because make's incremental run reads and writes an index of every
/// page (10,000 lines and more) each time; going through a String per field
/// and joining them cost a third of that run's aggregate step.
enum TabbedLines {
    /// Appends `field` escaped.
    static func appendEscaped(_ field: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard field.contains(where: needsEscape) else { out.append(contentsOf: field); return }
        for b in field {
            switch b {
            case 0x0A: out.append(0x5C); out.append(0x6E)   // \n
            case 0x09: out.append(0x5C); out.append(0x74)   // \t
            case 0x5C: out.append(0x5C); out.append(0x5C)
            default: out.append(b)
            }
        }
    }

    /// The field's text: `\n` and `\t` become a newline and a tab, `\` and any other
    /// byte that byte, a `\` at the end nothing.
    static func unescaped(_ field: UnsafeBufferPointer<UInt8>) -> String {
        guard field.contains(0x5C) else { return String(decoding: field, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(field.count)
        var escaped = false
        for b in field {
            if escaped {
                out.append(b == 0x6E ? 0x0A : b == 0x74 ? 0x09 : b)
                escaped = false
            } else if b == 0x5C {
                escaped = true
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func needsEscape(_ b: UInt8) -> Bool { b == 0x0A || b == 0x09 || b == 0x5C }

    /// Writes lines: `field` calls, then `endLine`.
    struct Writer {
        private(set) var bytes: [UInt8] = []
        private var atLineStart = true

        init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

        mutating func field(_ text: String) {
            separate()
            var text = text
            text.withUTF8 { TabbedLines.appendEscaped($0, to: &bytes) }
        }

        mutating func field(_ number: Int) {
            separate()
            bytes.append(contentsOf: String(number).utf8)   // a small string: no allocation
        }

        mutating func endLine() {
            bytes.append(0x0A)
            atLineStart = true
        }

        private mutating func separate() {
            if !atLineStart { bytes.append(0x09) }
            atLineStart = false
        }
    }

    /// One line's fields, as ranges of the file's bytes.
    struct Fields {
        let base: UnsafeBufferPointer<UInt8>
        private(set) var ranges: [Range<Int>] = []

        var count: Int { ranges.count }
        /// The line as a whole (tabs and all).
        var line: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: base[ranges[0].lowerBound..<ranges[ranges.count - 1].upperBound]) }
        var isEmpty: Bool { ranges.count == 1 && ranges[0].isEmpty }

        func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: base[ranges[i]])
        }

        /// The field's text, unescaped.
        func string(_ i: Int) -> String { TabbedLines.unescaped(bytes(i)) }

        /// The field as a decimal number (an optional `-`, then only digits); nil otherwise or on overflow.
        func int(_ i: Int) -> Int? {
            guard i < ranges.count else { return nil }
            var digits = bytes(i)[...]
            let negative = digits.first == 0x2D
            if negative { digits = digits.dropFirst() }
            guard !digits.isEmpty else { return nil }
            var n = 0
            for b in digits {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                let (times10, o1) = n.multipliedReportingOverflow(by: 10)
                let (sum, o2) = negative ? times10.subtractingReportingOverflow(Int(b - 0x30)) : times10.addingReportingOverflow(Int(b - 0x30))
                guard !o1 && !o2 else { return nil }
                n = sum
            }
            return n
        }

        /// True when field `i` is exactly `text` (no escapes in `text`).
        func isEqual(_ i: Int, _ text: StaticString) -> Bool {
            bytes(i).elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        fileprivate mutating func reset(_ line: Range<Int>) {
            ranges.removeAll(keepingCapacity: true)
            var start = line.lowerBound
            for i in line where base[i] == 0x09 {
                ranges.append(start..<i)
                start = i + 1
            }
            ranges.append(start..<line.upperBound)
        }
    }

    /// Reads the cache index at `path`: line 0 must be `magic`; `line` gets each later line's
    /// number and fields (empty lines past the header skipped) until it returns false. True
    /// when the file was read whole and had its `headerLines` lines (the magic one included).
    static func readIndex(_ path: String, magic: String, headerLines: Int, _ line: (Int, Fields) -> Bool) -> Bool {
        guard case .success(let bytes) = FilePaths.readAll(path, limit: 1 << 30) else { return false }
        var seen = 0
        let whole = bytes.withUnsafeBufferPointer { buffer in
            forEachLine(in: buffer) { number, f in
                if number < headerLines { seen += 1 } else if f.isEmpty { return true }
                return number == 0 ? String(decoding: f.line, as: UTF8.self) == magic : line(number, f)
            }
        }
        return whole && seen == headerLines
    }

    /// Writes a cache index as `readIndex` reads it: the `magic` line, the header lines `head`
    /// writes, then `body`'s whole lines, atomically and without fsync (a cache: when lost, it
    /// is made again).
    static func writeIndex(_ path: String, magic: String, head: (inout Writer) -> Void, body: [UInt8]...) throws {
        var out = Writer(capacity: 1024 + body.reduce(0) { $0 + $1.count })
        out.field(magic); out.endLine()
        head(&out)
        var bytes = out.bytes
        for part in body { bytes += part }
        try OutputFile.replace(path, with: bytes, durable: false)
    }

    /// Calls `body` with each line's number (from 0) and fields until it returns false;
    /// returns false when it did. An empty line has one empty field.
    @discardableResult
    static func forEachLine(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Fields) -> Bool) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var fields = Fields(base: bytes)
        var at = 0, number = 0
        while at < bytes.count {
            let end = memchr(base + at, 0x0A, bytes.count - at).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
            fields.reset(at..<end)
            if !body(number, fields) { return false }
            number += 1
            at = end + 1
        }
        return true
    }
}

#if canImport(Glibc)
import Glibc
#endif
