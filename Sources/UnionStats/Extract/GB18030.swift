import Foundation

/// GB18030 text whose characters are all ASCII or two-byte (what GBK pages hold), decoded by
/// table: Foundation's converter costs over a hundred instructions a byte. The table is
/// Foundation's own reading of every two-byte character, made once, so both agree; anything
/// else (four-byte sequences, lone or invalid bytes) is left to Foundation.
enum GB18030 {
    static let leads: ClosedRange<UInt8> = 0x81...0xFE
    static let trails: ClosedRange<UInt8> = 0x40...0xFE

    /// The scalar of lead `l`, trail `t` at `(l - 0x81) * 191 + (t - 0x40)`; 0 where `t` is 0x7F
    /// (no character). Every two-byte character is in the Basic Multilingual Plane.
    static let table: [UInt16] = {
        var bytes: [UInt8] = []
        // Appended a byte at a time into room made once: an array literal per pair cost an allocation each.
        bytes.reserveCapacity(leads.count * (trails.count - 1) * 3)
        for l in leads {
            for t in trails where t != 0x7F {
                bytes.append(l)
                bytes.append(t)
                bytes.append(0x0A)
            }
        }
        var table = [UInt16](repeating: 0, count: leads.count * trails.count)
        // One call for all of them, each on its own line (GB18030 is stateless: a character reads
        // the same wherever it stands).
        guard var text = String(data: Data(bytes), encoding: TextDecoder.gb18030) else { return table }
        // Line k must be one scalar, the reading of pair k; a pair read otherwise keeps 0.
        let complete = text.withUTF8 { utf8 -> Bool in
            var k = 0, count = 0
            var first: UInt32 = 0
            for s in UTF8Scalars(utf8) {
                if s != "\n" {
                    if count == 0 { first = s.value }
                    count += 1
                    continue
                }
                if count == 1, first < 0x10000, 3 * k + 1 < bytes.count {
                    table[Int(bytes[3 * k] - 0x81) * trails.count + Int(bytes[3 * k + 1] - 0x40)] = UInt16(first)
                }
                k += 1
                count = 0
            }
            return 3 * k == bytes.count && count == 0
        }
        return complete ? table : [UInt16](repeating: 0, count: table.count)
    }()

    /// The text, or nil when it holds anything but ASCII and two-byte characters (Foundation decides then).
    static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        let table = GB18030.table
        return bytes.withUnsafeBufferPointer { b -> String? in
            var ok = true
            // At most three UTF-8 bytes for two, one for one.
            let text = String(unsafeUninitializedCapacity: b.count + b.count / 2 + 1) { out in
                var i = 0, n = 0
                while i < b.count {
                    let c = b[i]
                    if c < 0x80 {
                        out[n] = c
                        n += 1
                        i += 1
                        continue
                    }
                    guard leads.contains(c), i + 1 < b.count, trails.contains(b[i + 1]) else { ok = false; return 0 }
                    let v = table[Int(c - 0x81) * trails.count + Int(b[i + 1] - 0x40)]
                    guard v != 0 else { ok = false; return 0 }
                    n = UTF8Coding.encode(UInt32(v), into: out, at: n)
                    i += 2
                }
                return n
            }
            return ok ? text : nil
        }
    }
}
