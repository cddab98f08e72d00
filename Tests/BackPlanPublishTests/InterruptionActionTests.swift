import Foundation
import BackPlanRender
import Testing

@testable import BackPlanPublish

/// The clean-up actions `Interruption` runs on the first signal (a warm engine's `interrupt()`), on an instance of the test's own.
@Suite("Interruption actions")
struct InterruptionActionTests {
    /// What the actions did, in order.
    final class Log: Sendable {
        private let entries = Locked<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    @Test("the first signal runs every action registered and not removed, once; one registered after it runs at once")
    func actions() {
        let interruption = Interruption()
        let log = Log()
        interruption.onInterrupt { log.add("engine") }
        let closed = interruption.onInterrupt { log.add("closed engine") }
        interruption.onInterrupt { log.add("second engine") }
        interruption.removeAction(closed)
        #expect(log.all.isEmpty)
        #expect(interruption.signal == nil)

        interruption.interrupt(SIGTERM)
        #expect(interruption.signal == SIGTERM)
        #expect(log.all == ["engine", "second engine"])

        // An engine started as the signal came is stopped by its own registration.
        interruption.onInterrupt { log.add("late engine") }
        #expect(log.all == ["engine", "second engine", "late engine"])
        // Nor is a helper started after the signal let run.
        #expect(!interruption.started(getpid()))
    }
}
