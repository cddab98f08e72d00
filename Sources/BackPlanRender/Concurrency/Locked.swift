#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value only one thread reads or changes at a time: BackPlan's one lock, a POSIX mutex.
///
/// Not `Synchronization.Mutex`: on Linux its lock is atomics and futex calls
/// inside the prebuilt Swift runtime, which ThreadSanitizer cannot see, so it
/// reported every access a `Mutex` guards from two threads as a race
/// (docs/hardening.md). ThreadSanitizer intercepts `pthread_mutex_lock`, so
/// under this lock it checks the code for real.
package final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Read and changed only between `pthread_mutex_lock` and `pthread_mutex_unlock` of `mutex`.
    private var value: Value

    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// The result of `body`, run with the value while the lock is held.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
