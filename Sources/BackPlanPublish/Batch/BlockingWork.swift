import Foundation
import BackPlanRender

/// Blocking work (waiting on a child process or the disk) run on a thread of its own, never on the concurrency pool's.
///
/// Swift concurrency's cooperative pool has one thread per core: a task
/// that waits there on a PDF engine stalls every other task. This is the
/// one shape BackPlan gives such work: `run` for async callers (a batch's
/// rows that wait on children), `start` for a synchronous caller that does
/// something else meanwhile (`Inputs.load` compiles the templates while it
/// parses the catalog, `BackgroundFlush` flushes while a batch writes, the
/// warm engines read their pipes). It is the only place BackPlan creates a
/// thread.
package enum BlockingWork {
    /// The result of `work`, run on a new thread named `name`.
    package static func run<T: Sendable>(_ name: String, _ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = name
            thread.start()
        }
    }

    /// Starts `work` on a new thread named `name`; `Started.value` waits for its result.
    @discardableResult
    package static func start<T: Sendable>(_ name: String, _ work: @escaping @Sendable () -> T) -> Started<T> {
        let started = Started<T>()
        let thread = Thread { started.finish(work()) }
        thread.name = name
        thread.start()
        return started
    }

    /// Work started on a thread of its own, whose result a synchronous caller waits for.
    package final class Started<T: Sendable>: Sendable {
        private let result = Locked<T?>(nil)
        private let finished = DispatchSemaphore(value: 0)

        fileprivate init() {}

        fileprivate func finish(_ value: T) {
            result.withLock { $0 = value }
            finished.signal()
        }

        /// The work's result, once it has ended; every read after the first returns at once.
        package var value: T {
            finished.wait()
            finished.signal()
            return result.withLock { $0! }
        }
    }
}
