import Foundation
import BackPlanRender
import Testing

@testable import BackPlanPublish

/// Flushing a file system on a thread of its own while a batch run writes.
@Suite("Background flush")
struct BackgroundFlushTests {
    /// Waits until `flush` has finished `count` flushes, or 20 seconds went by.
    static func wait(for count: Int, of flush: BackgroundFlush) async throws {
        let clock = ContinuousClock(), deadline = clock.now + .seconds(20)
        while flush.completedFlushes < count && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test("each request after the last flush ended makes one more flush, and finish flushes the rest")
    func flushesOnRequest() async throws {
        let folder = try TemporaryFolder()
        let flush = BackgroundFlush(folder: folder.url)
        #expect(flush.completedFlushes == 0)
        for round in 1...3 {
            try AtomicFile.writeTogether(AtomicFileTests.files(folder, ["p\(round)/plan.md"], text: "x"), durability: .deferred)
            flush.request()
            try await Self.wait(for: round, of: flush)
            #expect(flush.completedFlushes == round)
        }
        #expect(try flush.finish() == 3)
        #expect(folder.files(under: "") == ["p1/plan.md", "p2/plan.md", "p3/plan.md"])
    }

    @Test("finish without requests only flushes at the end")
    func finishAlone() throws {
        let folder = try TemporaryFolder()
        #expect(try BackgroundFlush(folder: folder.url).finish() == 0)
    }

    @Test("a failed background flush is thrown by finish, naming the folder")
    func keepsFailure() async throws {
        let folder = try TemporaryFolder()
        // A file where the output folder should be: opening it as a folder fails.
        let notAFolder = URL(fileURLWithPath: try folder.write("out", "not a folder\n"))
        let flush = BackgroundFlush(folder: notAFolder)
        flush.request()
        try await Self.wait(for: 1, of: flush)
        #expect(flush.completedFlushes == 1)
        // The final flush alone would now succeed: only the kept failure can make finish throw.
        try FileManager.default.removeItem(at: notAFolder)
        try FileManager.default.createDirectory(at: notAFolder, withIntermediateDirectories: false)
        try AtomicFile.syncFileSystem(of: notAFolder)
        let error = #expect(throws: PublishError.self) { try flush.finish() }
        #expect(error?.description.contains(notAFolder.path) == true)
    }

    @Test("requests made while a flush is under way become one flush after it", .timeLimit(.minutes(1)))
    func requestsDuringAFlush() async throws {
        let disk = HeldFlush(holding: [1])
        let flush = BackgroundFlush { () throws(PublishError) in try disk.flush() }
        flush.request()
        try #require(disk.waitUntilEntered(), "the first flush did not start")
        for _ in 1...5 { flush.request() }
        #expect(flush.completedFlushes == 0)
        #expect(disk.calls == 1, "no second flush while the first is under way")
        disk.release()
        try await Self.wait(for: 2, of: flush)
        // Time for a third flush, were the five requests not made one.
        try await Task.sleep(for: .milliseconds(100))
        #expect(flush.completedFlushes == 2)
        #expect(disk.calls == 2)
        #expect(try flush.finish() == 2)
        #expect(disk.calls == 3, "finish flushes once more")
    }

    @Test("finish waits for the flush under way, then flushes what is left", .timeLimit(.minutes(1)))
    func finishWaitsForTheFlushUnderWay() async throws {
        let disk = HeldFlush(holding: [1])
        let flush = BackgroundFlush { () throws(PublishError) in try disk.flush() }
        flush.request()
        try #require(disk.waitUntilEntered(), "the first flush did not start")
        let finished = BlockingWork.start("test.finish") { Result { () throws(PublishError) in try flush.finish() } }
        try await Task.sleep(for: .milliseconds(100))
        #expect(disk.calls == 1, "finish's own flush waits for the one under way")
        disk.release()
        #expect(try finished.value.get() == 1)
        #expect(disk.calls == 2)
    }

    @Test("of several failed flushes finish throws the first, after making its own flush")
    func firstFailureWins() async throws {
        let disk = HeldFlush(failing: [1, 2])
        let flush = BackgroundFlush { () throws(PublishError) in try disk.flush() }
        flush.request()
        try await Self.wait(for: 1, of: flush)
        flush.request()
        try await Self.wait(for: 2, of: flush)
        let error = #expect(throws: PublishError.self) { try flush.finish() }
        #expect(error?.path == "flush 1")
        #expect(disk.calls == 3, "the last flush is made even after failed ones")
    }

    @Test("a failure of the final flush alone is thrown by finish")
    func finalFailure() throws {
        let disk = HeldFlush(failing: [1])
        let error = #expect(throws: PublishError.self) { try BackgroundFlush(flushing: { () throws(PublishError) in try disk.flush() }).finish() }
        #expect(error?.path == "flush 1")
    }

    @Test("requests after finish start no flush")
    func requestsAfterFinish() async throws {
        let disk = HeldFlush()
        let flush = BackgroundFlush { () throws(PublishError) in try disk.flush() }
        #expect(try flush.finish() == 0)
        flush.request()
        try await Task.sleep(for: .milliseconds(100))
        #expect(disk.calls == 1)
        #expect(flush.completedFlushes == 0)
    }
}

/// A stand-in for the disk: counts its flushes, holds those listed in `holding` until `release()`, and fails those in `failing`.
final class HeldFlush: Sendable {
    private let count = Locked(0)
    private let held: Set<Int>
    private let failing: Set<Int>
    private let entered = DispatchSemaphore(value: 0)
    private let gate = DispatchSemaphore(value: 0)

    init(holding held: Set<Int> = [], failing: Set<Int> = []) {
        self.held = held
        self.failing = failing
    }

    /// The flushes started so far.
    var calls: Int { count.withLock { $0 } }

    /// One flush: throws `PublishError` with path "flush N" when N is failing.
    func flush() throws(PublishError) {
        let number = count.withLock { count in
            count += 1
            return count
        }
        entered.signal()
        if held.contains(number) { gate.wait() }
        if failing.contains(number) { throw PublishError(path: "flush \(number)", problem: .cannotWrite("no space left on device")) }
    }

    /// Waits (up to 20 s) until one more flush has started; false if none did.
    func waitUntilEntered() -> Bool {
        entered.wait(timeout: .now() + 20) == .success
    }

    /// Lets the held flush go on.
    func release() {
        gate.signal()
    }
}
