import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One Chromium for a whole run, printing each plan on a page taken from a pool (a page per worker).
///
/// Failures stay with their plan: a page that times out or fails is closed
/// and its plan fails with the reason; a browser that crashes fails the
/// plans it was printing and is started again once, after which every later
/// plan fails with a message saying so. `interrupt()` kills the browser (its
/// whole process group) and removes its folder at once: `PrintEngine` has
/// `Interruption` call it on SIGINT and SIGTERM, so no browser outlives the run.
///
/// `@unchecked Sendable`: every mutable property is guarded by `state`; no
/// call that waits on the browser is made with it locked.
final class WarmChromium: @unchecked Sendable {
    /// How often a crashed browser is started again within a run.
    static let restarts = 1

    private let executable: URL
    private let timeout: TimeInterval
    // Guards everything below.
    private let state = NSCondition()
    private var session: ChromiumSession?
    private var idle: [ChromiumPage] = []
    private var crashes = 0
    private var closed = false
    /// Set by `interrupt()`: plans in flight and later ones fail saying so.
    private var interrupted = false
    /// Pages being opened ahead of the first plan.
    private var warming = 0

    /// Starts the browser at once, so it boots while the first plan is made.
    init(executable: URL, timeout: TimeInterval) throws(PublishError) {
        self.executable = executable
        self.timeout = timeout
        let session = try ChromiumSession(executable: executable)
        self.session = session
        openPageAhead(on: session)
    }

    /// Opens the first page on a thread of its own while the first plan is made: the browser's start-up then costs the plan nothing.
    private func openPageAhead(on session: ChromiumSession) {
        state.lock()
        warming += 1
        state.unlock()
        let deadline = Date().addingTimeInterval(timeout)
        BlockingWork.start("backplan.chromium-start") { [self] in
            let page = try? session.firstPage(deadline: deadline)
            state.lock()
            warming -= 1
            if let page, self.session === session { idle.append(page) }
            state.broadcast()
            state.unlock()
        }
    }

    deinit { close() }

    /// The running browser's process id (for tests that crash it on purpose).
    var browserProcess: pid_t? {
        state.lock()
        defer { state.unlock() }
        return session?.pid
    }

    /// The browser's temporary folder, holding its `--user-data-dir` (for tests that look for leftovers).
    var browserFolder: URL? {
        state.lock()
        defer { state.unlock() }
        return session?.folder
    }

    /// Prints `html`, within the time limit of one document.
    func pdf(fromHTML html: String) throws(PublishError) -> Data {
        let deadline = Date().addingTimeInterval(timeout)
        let (session, reused) = try checkout()
        let page: ChromiumPage
        if let reused {
            page = reused
        } else {
            do {
                page = try session.newPage(deadline: deadline)
            } catch {
                throw failure(error, session: session)
            }
        }
        do {
            let data = try session.pdf(of: html, on: page, deadline: deadline)
            giveBack(page, to: session)
            return data
        } catch {
            // A page that failed or hangs is not trusted with the next plan.
            if case .browserGone = error {} else { session.closePage(page) }
            throw failure(error, session: session)
        }
    }

    /// Closes the browser and its folder; later prints fail. Safe to call more than once.
    func close() {
        state.lock()
        closed = true
        let session = self.session
        self.session = nil
        idle = []
        state.unlock()
        session?.close()
    }

    // MARK: - Pages and crashes

    /// The browser to print with (started again after a first crash) and an idle page of it if any.
    private func checkout() throws(PublishError) -> (ChromiumSession, ChromiumPage?) {
        state.lock()
        defer { state.unlock() }
        guard !closed else { throw interrupted ? Self.interruption : PublishError(path: "plan.pdf", problem: .invalid("chromium was already closed")) }
        if let current = session, current.pipe.goneReason != nil || current.hasExited {
            noteCrash(of: current)
        }
        if let session {
            // The page opened ahead is nearly ready: waiting for it beats opening another.
            while idle.isEmpty && warming > 0 && self.session === session { state.wait() }
            if self.session === session { return (session, idle.popLast()) }
        }
        // Closed or interrupted while waiting for the page opened ahead: no new browser after that.
        guard !closed else { throw interrupted ? Self.interruption : PublishError(path: "plan.pdf", problem: .invalid("chromium was already closed")) }
        guard crashes <= Self.restarts else {
            throw PublishError(path: "plan.pdf", problem: .invalid("chromium crashed \(crashes) times in this run and is not started again; this PDF was not printed"))
        }
        let fresh = try ChromiumSession(executable: executable)
        session = fresh
        return (fresh, nil)
    }

    private func giveBack(_ page: ChromiumPage, to owner: ChromiumSession) {
        state.lock()
        if session === owner { idle.append(page) }
        state.unlock()
    }

    /// Counts a crash of `crashed` once, kills what is left of it and drops its pages. Call with `state` locked.
    private func noteCrash(of crashed: ChromiumSession) {
        guard session === crashed else { return }
        crashes += 1
        session = nil
        idle = []
        crashed.kill()
    }

    /// The row's error for `error`, noting a crash when the browser went away.
    private func failure(_ error: DevToolsError, session: ChromiumSession) -> PublishError {
        let seconds = Int(timeout.rounded())
        switch error {
        case .timedOut(let step):
            return PublishError(path: "plan.pdf", problem: .invalid("chromium did not print the plan within \(seconds) seconds (stopped while \(step)); the page was closed"))
        case .browserGone(let reason):
            let log = session.logTail
            state.lock()
            if interrupted {
                state.unlock()
                return Self.interruption
            }
            noteCrash(of: session)
            let crashes = self.crashes
            state.unlock()
            let next = crashes <= Self.restarts ? "it is started again for the next plans" : "it is not started again"
            return PublishError(path: "plan.pdf", problem: .invalid("\(reason) while printing this plan; \(next)" + (log.isEmpty ? "" : ":\n\(log)")))
        case let .failed(step, message):
            return PublishError(path: "plan.pdf", problem: .invalid("chromium could not print the plan (\(step)): \(message)"))
        }
    }

    // MARK: - Interruption

    static let interruption = PublishError(path: "plan.pdf", problem: .invalid("the run was interrupted; this PDF was not printed"))

    /// Kills the browser and its whole process group at once, without asking it to close or waiting for it, and removes its folder.
    ///
    /// For a run's interruption path (SIGINT, SIGTERM): plans being printed
    /// and later ones fail with `interruption`. Safe from any thread and more than once.
    func interrupt() {
        state.lock()
        interrupted = true
        closed = true
        let session = self.session
        self.session = nil
        idle = []
        state.broadcast()
        state.unlock()
        session?.kill()
    }
}
