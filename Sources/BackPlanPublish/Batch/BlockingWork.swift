import Foundation

/// Blocking work (waiting on a child process or the disk) run on a thread of its own, awaited without holding a pool thread.
///
/// Swift concurrency's cooperative pool has one thread per core: a task
/// that waits there on a PDF engine stalls every other task. This is the
/// one shape BackPlan gives such work, like `BackgroundFlush` and `Inputs.load`.
package enum BlockingWork {
    /// The result of `work`, run on a new thread named `name`.
    package static func run<T: Sendable>(_ name: String, _ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = name
            thread.start()
        }
    }
}
