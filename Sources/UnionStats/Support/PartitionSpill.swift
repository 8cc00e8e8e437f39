#if canImport(Glibc)
import Glibc
#endif

/// A scratch file that holds records by partition (a month, a province) until
/// their partition is processed, so that memory holds one partition at a time
/// instead of the corpus: the tables and reports fold a month's figures only when
/// they come to that month. Buffered partitions go out together, each as a chunk
/// of whole records appended to one file: a file per partition, opened again at
/// every flush, cost thousands of opens (and new inodes) per run.
///
/// The spill keeps whole records as bytes; two formats go in it, one per spill. Text
/// records (`add(_:to:)`, `take`, `read`): fields end with 0x1F, records with 0x1E
/// (neither occurs in text, and is replaced by a space if it does). Figures
/// (`FigureRecord`): binary. Neither leaves the process, so neither is CSV.
final class PartitionSpill {
    let directory: String
    /// Partition name → number of its file (names may be any text, file names are not).
    /// Keyed by bytes: a String key hashes its text normalized, and partitions are often CJK (wide.csv's regions).
    private var numbers: [ByteKey: Int] = [:]
    private var buffers: [[UInt8]] = []
    private var buffered = 0
    /// Where each partition's flushed chunks are in the file, in the order written.
    private var chunks: [[(offset: Int, count: Int)]] = []
    /// The file (opened at the first flush) and how much has been written to it.
    private var fd: Int32 = -1
    private var written = 0
    /// Buffered bytes (all partitions) that make every buffer go out to its file.
    let flushSize: Int

    /// Creates `.spill-NAME-PID` inside `parent`; records stay in memory until
    /// `flushSize` bytes are buffered (a run whose records fit never writes them).
    init(parent: String, name: String, flushSize: Int = 1 << 20) throws {
        self.flushSize = flushSize
        directory = FilePaths.join(parent, ".spill-\(name)-\(getpid())")
        try FilePaths.makeDirectories(directory)
    }

    deinit { remove() }

    /// The partitions that have records, in no particular order.
    var partitions: [String] { numbers.keys.map(\.text) }

    private var path: String { FilePaths.join(directory, "records") }

    /// Appends one record to `partition`.
    func add(_ fields: [String], to partition: String) throws {
        try add(to: partition) { PartitionSpill.encode(fields, into: &$0) }
    }

    /// Appends the bytes `encode` writes (whole records) to `partition`.
    func add(to partition: String, _ encode: (inout ByteArena) -> Void) throws {
        // Encoded into a reused arena and appended once: an array append per field cost more than the field.
        scratch.removeAll()
        var arena = scratch
        encode(&arena)
        try arena.withBytes { try add(encoded: $0, to: partition) }
    }
    private let scratch = ByteArena()

    /// Appends records already in their format (whole records) to `partition`.
    func add(encoded records: ArraySlice<UInt8>, to partition: String) throws {
        try records.withUnsafeBufferPointer { try add(encoded: $0, to: partition) }
    }

    func add(encoded records: UnsafeBufferPointer<UInt8>, to partition: String) throws {
        precondition(!sealed, "PartitionSpill.add after seal")
        let n = number(partition)
        buffers[n].append(contentsOf: records)
        buffered += records.count
        if buffered >= flushSize { try flushAll() }
    }

    private func number(_ partition: String) -> Int {
        // A page's figures mostly share a month: the last partition, by bytes, before hashing the name.
        // (`equal` tests for the same String first: a caller may hand the same name on.)
        if let last = lastPartition, ByteString.equal(last.name, partition) {
            return last.number
        }
        if let known = numbers[ByteKey(partition)] {
            lastPartition = (partition, known)
            return known
        }
        let n = buffers.count
        numbers[ByteKey(partition)] = n
        buffers.append([])
        chunks.append([])
        lastPartition = (partition, n)
        return n
    }
    private var lastPartition: (name: String, number: Int)?

    /// One record in the scratch format, appended to `bytes`.
    static func encode<Sink: ByteAppending>(_ fields: [String], into bytes: inout Sink) {
        for field in fields { append(field, to: &bytes) }
        bytes.appendByte(0x1E)
    }

    /// Appends one field's bytes (0x1F and 0x1E, which end fields and records, become spaces).
    static func appendField<Sink: ByteAppending>(_ field: UnsafeRawBufferPointer, to bytes: inout Sink) {
        // memchr finds most fields free of both bytes without a loop here.
        if let base = field.baseAddress, memchr(base, 0x1F, field.count) != nil || memchr(base, 0x1E, field.count) != nil {
            for b in field { bytes.appendByte(b == 0x1F || b == 0x1E ? 0x20 : b) }
        } else {
            bytes.appendBytes(field)
        }
        bytes.appendByte(0x1F)
    }

    @inline(__always)
    static func append<Sink: ByteAppending>(_ field: String, to bytes: inout Sink) {
        ByteString.withUTF8(field) { appendField($0, to: &bytes) }
    }

    private func flushAll() throws {
        if fd < 0 {
            fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw CSVError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        }
        for n in buffers.indices where !buffers[n].isEmpty {
            try buffers[n].withUnsafeBytes { bytes in
                var done = 0
                while done < bytes.count {
                    let w = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                    if w < 0 && errno == EINTR { continue }
                    guard w > 0 else { throw CSVError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
                    done += w
                }
            }
            chunks[n].append((written, buffers[n].count))
            written += buffers[n].count
            buffers[n].removeAll(keepingCapacity: false)
        }
        buffered = 0
    }

    /// Calls `body` with each of the partition's records in the order they were added; its
    /// file is removed. No array of all the records is made: a month's records were held
    /// three times over (bytes, fields, figures) when the month was large.
    func take(_ partition: String, _ body: ([String]) throws -> Void) throws {
        try takeBytes(partition) { try PartitionSpill.forEachRecord($0, whereLastFieldIs: nil, body) }
    }

    /// Calls `body` with the partition's bytes, the file's and then the memory's (each
    /// whole records, in the order they were added); the partition is gone afterwards.
    func takeBytes(_ partition: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let n = numbers.removeValue(forKey: ByteKey(partition)) else { return }
        lastPartition = nil
        let file = try fileBytes(n)
        chunks[n] = []
        let buffer = buffers[n]
        buffered -= buffer.count
        buffers[n] = []
        // Buffers go out whole, so no record starts in the file and ends in the buffer.
        try file.withUnsafeBytes(body)
        try buffer.withUnsafeBytes(body)
    }

    /// Ends the adding: after this, `read` may be called from several threads at once
    /// (nothing changes any more; what is still buffered is read from memory).
    func seal() throws { sealed = true }
    private var sealed = false

    /// The partition's records, leaving them in place (after `seal`); with `last`, only the
    /// records whose last field is `last` (no strings are made for the others).
    func read(_ partition: String, whereLastFieldIs last: String? = nil) throws -> [[String]] {
        var records: [[String]] = []
        try read(partition, whereLastFieldIs: last) { records.append($0) }
        return records
    }

    /// `read`, one record at a time.
    func read(_ partition: String, whereLastFieldIs last: String? = nil, _ body: ([String]) throws -> Void) throws {
        try readBytes(partition) { try PartitionSpill.forEachRecord($0, whereLastFieldIs: last, body) }
    }

    /// `takeBytes`, leaving the partition in place (after `seal`).
    func readBytes(_ partition: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(sealed, "PartitionSpill.read before seal")
        guard let n = numbers[ByteKey(partition)] else { return }
        try fileBytes(n).withUnsafeBytes(body)
        try buffers[n].withUnsafeBytes(body)
    }

    /// `readBytes` with both parts at once: the partition's flushed records, then its buffered ones
    /// (both empty for a partition that has none).
    func withBytes(_ partition: String, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(sealed, "PartitionSpill.read before seal")
        guard let n = numbers[ByteKey(partition)] else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0), UnsafeRawBufferPointer(start: nil, count: 0))
        }
        try fileBytes(n).withUnsafeBytes { file in try buffers[n].withUnsafeBytes { try body(file, $0) } }
    }

    /// Partition `n`'s flushed chunks, one after the other (each holds whole records).
    /// `pread`: after `seal`, several threads read partitions at once.
    private func fileBytes(_ n: Int) throws -> [UInt8] {
        let total = chunks[n].reduce(0) { $0 + $1.count }
        guard total > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: total)
        try bytes.withUnsafeMutableBytes { out in
            var at = 0
            for chunk in chunks[n] {
                var done = 0
                while done < chunk.count {
                    let r = pread(fd, out.baseAddress! + at + done, chunk.count - done, off_t(chunk.offset + done))
                    if r < 0 && errno == EINTR { continue }
                    guard r > 0 else {
                        throw CSVError.cannotOpen(path: path, reason: r == 0 ? "scratch file cut short" : String(cString: strerror(errno)))
                    }
                    done += r
                }
                at += chunk.count
            }
        }
        return bytes
    }

    private static func forEachRecord(_ bytes: UnsafeRawBufferPointer, whereLastFieldIs last: String?,
                                      _ body: ([String]) throws -> Void) throws {
        let wanted = last.map { Array($0.utf8) + [0x1F, 0x1E] }
        try bytes.withMemoryRebound(to: UInt8.self) { buf in
            var fields: [String] = []
            // The record before: a page's figures come together, so most of a record's fields
            // (doc, date, source, month, unit, route…) repeat it and reuse its strings.
            var previous: [String] = []
            var ranges: [Range<Int>] = [], previousRanges: [Range<Int>] = []
            var start = 0
            var recordStart = 0
            var i = 0
            while i < buf.count {
                let b = buf[i]
                if let wanted, i == recordStart {
                    // Skip to the record's end unless it ends with the wanted last field.
                    guard let end = buf[i...].firstIndex(of: 0x1E) else { break }
                    let from = end + 1 - wanted.count
                    if from < i || !buf[from...end].elementsEqual(wanted) || (from > i && buf[from - 1] != 0x1F) {
                        i = end + 1
                        recordStart = i
                        start = i
                        continue
                    }
                }
                if b == 0x1F {
                    let k = fields.count, r = start..<i
                    if k < previousRanges.count, previousRanges[k].count == r.count,
                       r.isEmpty || memcmp(buf.baseAddress! + previousRanges[k].lowerBound, buf.baseAddress! + r.lowerBound, r.count) == 0 {
                        fields.append(previous[k])
                    } else {
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: buf[r]), as: UTF8.self))
                    }
                    ranges.append(r)
                    start = i + 1
                } else if b == 0x1E {
                    try body(fields)
                    swap(&previous, &fields)
                    swap(&previousRanges, &ranges)
                    fields.removeAll(keepingCapacity: true)
                    ranges.removeAll(keepingCapacity: true)
                    start = i + 1
                    recordStart = i + 1
                }
                i += 1
            }
        }
    }

    func remove() {
        buffers = []
        chunks = []
        numbers = [:]
        lastPartition = nil
        if fd >= 0 { close(fd); fd = -1 }
        if let names = try? FilePaths.list(directory) {
            for name in names { unlink(FilePaths.join(directory, name)) }
        }
        rmdir(directory)
    }
}
