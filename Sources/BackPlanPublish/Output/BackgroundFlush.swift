import Foundation
import BackPlanRender

/// Flushes a file system to the disk in the background while more files are being written,
/// so that the flush a batch run ends with has little left to do.
///
/// Without it the disk sees nothing until the end: the kernel starts writing
/// back dirty files only after 30 seconds or a tenth of the memory, so a run
/// of a few thousand plans waited for all of them at once, with every core
/// idle (docs/benchmarks.md). Now each `request()` starts
/// a flush when none is under way, the disk writes while the workers plan,
/// and `finish()` flushes only what came after the last one.
///
/// A flush waits on the disk, so it runs on a thread of its own
/// (`BlockingWork`), never on one of the concurrency pool's few threads; no
/// thread is kept between flushes. A failed background flush is kept and
/// thrown by `finish()`, so an error of the disk is never lost.
package final class BackgroundFlush: Sendable {
    private struct State {
        /// The flush under way, if one is.
        var running: BlockingWork.Started<Void>?
        /// A request came while a flush was under way: one more flush follows it.
        var requested = false
        var finishing = false
        var failure: PublishError?
        var flushes = 0
    }

    private let flush: @Sendable () throws(PublishError) -> Void
    private let state = Locked(State())

    /// Flushes the file system holding `folder`.
    package convenience init(folder: URL) {
        self.init { () throws(PublishError) in try AtomicFile.syncFileSystem(of: folder) }
    }

    /// Runs `flush` for each flush: one that waits on the disk.
    package init(flushing flush: @escaping @Sendable () throws(PublishError) -> Void) {
        self.flush = flush
    }

    /// Asks for a flush of everything written so far; returns at once.
    ///
    /// Requests made while a flush is under way become one flush after it.
    /// Requests after `finish()` do nothing.
    package func request() {
        state.withLock { state in
            guard !state.finishing else { return }
            if state.running == nil {
                state.running = startFlush()
            } else {
                state.requested = true
            }
        }
    }

    /// The background flushes finished so far.
    package var completedFlushes: Int {
        state.withLock { $0.flushes }
    }

    /// Waits for the flush under way, then flushes what is left and returns once every file written before the call is on the disk.
    ///
    /// Call it once, at the end: later requests do nothing. The last flush is
    /// made even after a failed one, so what can reach the disk does.
    ///
    /// - Returns: the number of background flushes, the final one not counted.
    /// - Throws: the first failure of any flush, the background ones first.
    @discardableResult
    package func finish() throws(PublishError) -> Int {
        let running = state.withLock { state in
            state.finishing = true
            state.requested = false
            return state.running
        }
        // A flush that ends after this point starts no other: `finishing` is set.
        running?.value
        let (failure, flushes) = state.withLock { ($0.failure, $0.flushes) }
        let last = Result { () throws(PublishError) in try flush() }
        if let failure { throw failure }
        try last.get()
        return flushes
    }

    /// Starts a flush; when it ends, starts the one asked for meanwhile, if any. Call with `state` locked.
    private func startFlush() -> BlockingWork.Started<Void> {
        BlockingWork.start("backplan.flush") { [self] in
            let outcome = Result { () throws(PublishError) in try flush() }
            state.withLock { state in
                state.flushes += 1
                if case .failure(let error) = outcome, state.failure == nil { state.failure = error }
                if state.requested && !state.finishing {
                    state.requested = false
                    state.running = startFlush()
                } else {
                    state.running = nil
                }
            }
        }
    }
}
