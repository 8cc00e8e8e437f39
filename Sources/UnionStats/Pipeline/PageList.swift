#if canImport(Glibc)
import Glibc
#endif

/// The pages of an input folder, in the order they are processed (by the bytes
/// of their names): every file but `manifest.csv` and dot files. The names are
/// kept in one block of bytes: a path string and a closure per page took about
/// 200 bytes a page for as long as the run, 20 MB for 100,000 pages.
public struct PageList: RandomAccessCollection, Sendable {
    public let folder: String
    private var bytes: [UInt8] = []
    /// Where each name ends in `bytes`, in order (it starts where the one before ends).
    private var ends: [Int] = []

    public init(folder: String) throws {
        self.folder = folder
        guard let d = opendir(folder) else {
            throw CSVError.cannotOpen(path: folder, reason: String(cString: strerror(errno)))
        }
        var raw: [UInt8] = []
        var spans: [Range<Int>] = []
        while let entry = readdir(d) {
            withUnsafeBytes(of: entry.pointee.d_name) { name in
                let n = strlen(name.baseAddress!.assumingMemoryBound(to: CChar.self))
                let bytes = name.prefix(n)
                guard n > 0, bytes[0] != UInt8(ascii: "."), !bytes.elementsEqual("manifest.csv".utf8) else { return }
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

    /// The page's file name.
    public func name(_ i: Int) -> String {
        String(decoding: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]], as: UTF8.self)
    }

    /// The page's path.
    public subscript(i: Int) -> String { FilePaths.join(folder, name(i)) }
}
