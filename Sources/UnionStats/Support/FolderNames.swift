#if canImport(Glibc)
import Glibc
#endif

/// The names in a folder but dot files, sorted by their bytes so that every
/// machine and locale agrees, kept in one block of bytes (a folder of pages
/// holds a name per page: a String each took about 100 bytes more).
public struct FolderNames: RandomAccessCollection, Sendable {
    private var bytes: [UInt8] = []
    /// Where each name ends in `bytes`, in order (it starts where the one before ends).
    private var ends: [Int] = []

    /// The names in `dir`, without dot files and without those in `excluded`.
    public init(_ dir: String, excluding excluded: Set<String> = []) throws {
        guard let d = opendir(dir) else {
            throw CSVError.cannotOpen(path: dir, reason: String(cString: strerror(errno)))
        }
        let skip = excluded.map { Array($0.utf8) }
        var raw: [UInt8] = []
        var spans: [Range<Int>] = []
        while let entry = readdir(d) {
            withUnsafeBytes(of: entry.pointee.d_name) { name in
                let n = strlen(name.baseAddress!.assumingMemoryBound(to: CChar.self))
                let bytes = name.prefix(n)
                guard n > 0, bytes[0] != UInt8(ascii: "."), !skip.contains(where: { $0.elementsEqual(bytes) }) else { return }
                spans.append(raw.count..<(raw.count + n))
                raw.append(contentsOf: bytes)
            }
        }
        closedir(d)
        raw.withUnsafeBufferPointer { b in
            spans.sort { x, y in
                let n = Swift.min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(b.baseAddress! + x.lowerBound, b.baseAddress! + y.lowerBound, n)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
        bytes.reserveCapacity(raw.count)
        ends.reserveCapacity(spans.count)
        for s in spans {
            bytes.append(contentsOf: raw[s])
            ends.append(bytes.count)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(i: Int) -> String {
        String(decoding: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]], as: UTF8.self)
    }
}
