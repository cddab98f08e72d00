import Foundation

/// Flushes a file system to the disk on a thread of its own while more files are being written,
/// so that the flush a batch run ends with has little left to do.
///
/// Without it the disk sees nothing until the end: the kernel starts writing
/// back dirty files only after 30 seconds or a tenth of the memory, so a run
/// of a few thousand plans waited for all of them at once, with every core
/// idle (docs/benchmarks.md). Now each `request()` starts
/// a flush when none is under way, the disk writes while the workers plan,
/// and `finish()` flushes only what came after the last one.
///
/// A flush waits on the disk, so it runs on a thread of its own, never on
/// one of the concurrency pool's few threads. A failed background flush is
/// kept and thrown by `finish()`, so an error of the disk is never lost.
/// The thread waits for requests until `finish()`: an instance must be finished.
package final class BackgroundFlush: @unchecked Sendable {
    private let folder: URL
    // Guards every property below.
    private let condition = NSCondition()
    private var requested = false
    private var stopping = false
    private var threadEnded = false
    private var failure: PublishError?
    private var flushes = 0

    package init(folder: URL) {
        self.folder = folder
        let thread = Thread { [self] in work() }
        thread.name = "backplan.flush"
        thread.start()
    }

    /// Asks for a flush of everything written so far; returns at once.
    ///
    /// Requests made while a flush is under way become one flush after it.
    package func request() {
        condition.lock()
        requested = true
        condition.signal()
        condition.unlock()
    }

    /// The flushes the thread has finished so far.
    package var completedFlushes: Int {
        condition.lock()
        defer { condition.unlock() }
        return flushes
    }

    /// Stops the thread, then flushes what is left and returns once every file written before the call is on the disk.
    ///
    /// Call it once, always: until then the thread waits for requests.
    /// The last flush is made even after a failed one, so what can reach the disk does.
    ///
    /// - Returns: the number of flushes the thread made, the final one not counted.
    /// - Throws: the first failure of any flush, the background ones first.
    @discardableResult
    package func finish() throws(PublishError) -> Int {
        condition.lock()
        stopping = true
        requested = false
        condition.signal()
        while !threadEnded { condition.wait() }
        let failure = self.failure, flushes = self.flushes
        condition.unlock()
        let last = Result { () throws(PublishError) in try AtomicFile.syncFileSystem(of: folder) }
        if let failure { throw failure }
        try last.get()
        return flushes
    }

    private func work() {
        condition.lock()
        while true {
            while !requested && !stopping { condition.wait() }
            if stopping { break }
            requested = false
            condition.unlock()
            let outcome = Result { () throws(PublishError) in try AtomicFile.syncFileSystem(of: folder) }
            condition.lock()
            flushes += 1
            if case .failure(let error) = outcome, failure == nil { failure = error }
        }
        threadEnded = true
        condition.broadcast()
        condition.unlock()
    }
}
