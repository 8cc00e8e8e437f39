import XCTest
import Foundation
@testable import UnionStats

final class EarlyPagesTests: XCTestCase {
    private func page(_ doc: String) -> ExtractedPage {
        ExtractedPage(page: Page(doc: doc, encoding: "utf-8", paragraphs: [], printedDate: nil), articles: [], mentions: [])
    }

    private func sources(_ n: Int, loads: NSLock, count: UnsafeMutablePointer<Int>) -> [PageSource] {
        (0..<n).map { i in
            PageSource(load: {
                loads.lock(); count.pointee += 1; loads.unlock()
                if i == 1 { throw CSVError.cannotWrite(path: "p1", reason: "unreadable") }
                return self.page("p\(i)")
            })
        }
    }

    /// `isReady` is false while the value is computed and true (without waiting) once it is there;
    /// `value()` still answers every caller afterwards.
    func testDeferredIsReady() throws {
        let gate = DispatchSemaphore(value: 0)
        let d = Deferred { () -> Int in gate.wait(); return 7 }
        XCTAssertFalse(d.isReady)
        XCTAssertFalse(d.isReady)   // asking does not use up anything
        gate.signal()
        XCTAssertEqual(try d.value(), 7)
        XCTAssertTrue(d.isReady)
        XCTAssertTrue(d.isReady)
        XCTAssertEqual(try d.value(), 7)
    }

    /// While the dictionaries are not ready, pages are extracted in order up to the limit;
    /// a page that fails to load keeps its error in its place.
    func testExtractsUpToTheLimitWhileWaiting() throws {
        let gate = DispatchSemaphore(value: 0)
        let stages = Deferred { () -> Int in gate.wait(); return 1 }
        let lock = NSLock(); let count = UnsafeMutablePointer<Int>.allocate(capacity: 1); count.pointee = 0
        defer { count.deallocate() }
        let early = Pipeline.extractWhileWaiting(for: stages, sources: sources(10, loads: lock, count: count), limit: 4)
        gate.signal()
        _ = try stages.value()
        XCTAssertEqual(early.count, 4)
        XCTAssertEqual(count.pointee, 4)
        XCTAssertEqual(try early[0].get().page.doc, "p0")
        XCTAssertThrowsError(try early[1].get())
        XCTAssertEqual(try early[3].get().page.doc, "p3")
        // Fewer sources than the limit: all of them, no more.
        let gate2 = DispatchSemaphore(value: 0)
        let slow = Deferred { () -> Int in gate2.wait(); return 1 }
        let few = Pipeline.extractWhileWaiting(for: slow, sources: sources(3, loads: lock, count: count), limit: 8)
        gate2.signal()
        _ = try slow.value()
        XCTAssertEqual(few.count, 3)
    }

    /// Once the dictionaries are there, nothing is extracted early: the workers do it.
    func testExtractsNothingOnceReady() throws {
        let stages = Deferred { 1 }
        _ = try stages.value()
        let lock = NSLock(); let count = UnsafeMutablePointer<Int>.allocate(capacity: 1); count.pointee = 0
        defer { count.deallocate() }
        let early = Pipeline.extractWhileWaiting(for: stages, sources: sources(10, loads: lock, count: count))
        XCTAssertTrue(early.isEmpty)
        XCTAssertEqual(count.pointee, 0)
    }

    /// Each early page is handed out once; indices past them give nil (the worker loads those).
    func testEarlyPagesAreTakenOnce() throws {
        let early = EarlyPages([.success(page("a")), .success(page("b"))])
        XCTAssertEqual(early.count, 2)
        XCTAssertEqual(try early.take(1)?.get().page.doc, "b")
        XCTAssertNil(early.take(1))
        XCTAssertEqual(try early.take(0)?.get().page.doc, "a")
        XCTAssertNil(early.take(2))
        XCTAssertNil(early.take(-1))
        XCTAssertNil(EarlyPages([]).take(0))
    }
}
