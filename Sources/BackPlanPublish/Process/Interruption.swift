import Foundation
import BackPlanRender
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM while a command runs helpers or many rows: noted, every helper's process group killed, and the run winds down.
///
/// The one place BackPlan handles signals. Helpers run in process groups of
/// their own (`ChildProcess`, the warm engines), so a terminal's Ctrl-C never
/// reaches them: without this they would outlive BackPlan. Once a signal
/// arrived, `ChildProcess` kills the group of every helper running and starts
/// no more, and every `PrintEngine` kills its warm engine and removes its
/// folder (the actions registered with `onInterrupt`); `batch` starts no more
/// rows, lets the rows under way end (their temporary files and scratch
/// folders removed by their own failure paths), flushes what was written,
/// prints its summary and exits with 128 + the signal (130 for SIGINT, 143
/// for SIGTERM). A second signal ends the process at once, as without this.
///
/// Signals are caught only once `catchSignals()` is called: the `backplan`
/// commands call it, and so should a program using BackPlanPublish that wants
/// Ctrl-C to stop its engines; it then ends its run when `signal` is set.
public final class Interruption: Sendable {
    /// The process's one instance: signals belong to the process.
    public static let shared = Interruption()

    /// The signals caught.
    package static let signals = [SIGINT, SIGTERM]

    private struct State {
        var received: Int32 = 0
        var groups: Set<pid_t> = []
        var sources: [any DispatchSourceSignal] = []
        var actions: [(key: Int, run: @Sendable () -> Void)] = []
        var nextKey = 0
    }

    private let state = Locked(State())
    /// Entered when the first signal is noted, left once its actions are done: `waitForCleanUp()` waits on it.
    private let cleaning = DispatchGroup()

    /// A new instance, for tests: the process's own is `shared`.
    package init() {}

    /// The signal that arrived, if one did.
    public var signal: Int32? {
        state.withLock { $0.received == 0 ? nil : $0.received }
    }

    /// "SIGINT", "SIGTERM".
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }

    /// Catches SIGINT and SIGTERM from now on (once; later calls do nothing).
    ///
    /// Call it before starting helpers or engines, so that none is started
    /// unseen by a signal that arrives meanwhile.
    public func catchSignals() {
        state.withLock { state in
            guard state.sources.isEmpty else { return }
            for number in Self.signals {
                Glibc.signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [unowned self] in self.interrupt(number) }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    /// Runs `action` when the first signal arrives, with the helpers' groups being killed: how a long-lived
    /// helper that is not one `ChildProcess` (a warm engine) is stopped. A signal already arrived runs it now.
    ///
    /// - Returns: the key that `removeAction` takes once the helper is gone.
    @discardableResult
    package func onInterrupt(_ action: @escaping @Sendable () -> Void) -> Int {
        let (key, now) = state.withLock { state in
            state.nextKey += 1
            guard state.received == 0 else { return (state.nextKey, true) }
            state.actions.append((state.nextKey, action))
            return (state.nextKey, false)
        }
        if now { action() }
        return key
    }

    /// Forgets the action registered under `key`: its helper was closed.
    package func removeAction(_ key: Int) {
        state.withLock { $0.actions.removeAll { $0.key == key } }
    }

    /// Notes `number` and kills every helper's process group; a second signal ends the process.
    package func interrupt(_ number: Int32) {
        let (second, running, actions) = state.withLock { state in
            let second = state.received != 0
            if !second {
                state.received = number
                // Under the lock: whoever sees the signal noted also waits for the clean-up.
                cleaning.enter()
            }
            return (second, state.groups, second ? [] : state.actions.map(\.run))
        }
        for group in running { kill(-group, SIGKILL) }
        for action in actions { action() }
        if !second { cleaning.leave() }
        if second {
            Glibc.signal(number, SIG_DFL)
            // To the process, not this thread: libdispatch's threads block signals.
            kill(getpid(), number)
        }
    }

    /// Waits (up to 10 s) until the first signal's actions are done, such as the warm browser's folder removed:
    /// the process must not exit while they run on the signal's thread.
    public func waitForCleanUp() {
        _ = cleaning.wait(timeout: .now() + 10)
    }

    /// Notes a helper's process group as running; false when a signal already arrived (the caller kills it).
    func started(_ group: pid_t) -> Bool {
        state.withLock { state in
            guard state.received == 0 else { return false }
            state.groups.insert(group)
            return true
        }
    }

    /// The helper's group ended (or was killed): no longer to kill.
    func ended(_ group: pid_t) {
        _ = state.withLock { $0.groups.remove(group) }
    }
}
