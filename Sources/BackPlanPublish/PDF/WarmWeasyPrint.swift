import Foundation
import BackPlanRender

#if canImport(Glibc)
import Glibc
#endif

/// WeasyPrint for a whole run: long-lived Python drivers (`weasyprint-driver.py`), one per worker, that import WeasyPrint once.
///
/// The driver is built into BackPlan and written, mode 0600, to a private
/// folder (mode 0700) in TMPDIR, with the pages and PDFs of the run; it runs
/// with the Python of the installed `weasyprint` command (its `#!` line), in
/// a process group of its own. Its URL fetcher refuses every address but
/// `data:`. Failures stay with their plan: a document WeasyPrint cannot print
/// fails with its message and the driver goes on; one that passes the time
/// limit has its driver killed (a new one prints the next plan); a driver that
/// dies is started again once, after which every later plan fails saying so.
/// When the driver cannot import WeasyPrint, plans are printed with one
/// `weasyprint` process each, as without it.
///
/// Every mutable property is in `state`; no call that waits on a driver is made with it locked.
final class WarmWeasyPrint: Sendable {
    /// How often a driver that died is started again within a run.
    static let restarts = 1

    /// The driver's source, built into the binary.
    static var driverSource: [UInt8] { PackageResources.weasyprint_driver_py }

    private let engine: PDFEngine
    private let interpreter: [String]
    private let timeout: TimeInterval
    /// The private folder: `driver.py`, `empty/` (the base URL), `driver.log`, and the pages and PDFs being printed.
    let folder: URL
    private let state = Locked(State())

    private struct State {
        var idle: [WeasyPrintDriver] = []
        var running: [pid_t: WeasyPrintDriver] = [:]
        var crashes = 0
        var closed = false
        var interrupted = false
        /// The driver could not import WeasyPrint: print with one process per plan.
        var fallback = false
        var documents = 0

        /// Forgets every driver, idle or printing; the caller kills them once `state` is unlocked.
        mutating func stopAll() -> [WeasyPrintDriver] {
            let drivers = Array(running.values)
            running = [:]
            idle = []
            return drivers
        }
    }

    /// The command that runs Python scripts with the same Python as `executable`, when it is a Python script (its `#!` line).
    static func interpreter(of executable: URL) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: executable.path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256)) ?? Data()
        guard head.starts(with: Data("#!".utf8)), let end = head.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let words = String(decoding: head[head.startIndex + 2..<end], as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
        guard let program = words.first else { return nil }
        let name = (program as NSString).lastPathComponent
        if name.hasPrefix("python") { return words }
        // `#!/usr/bin/env python3`
        if name == "env", words.count == 2, words[1].hasPrefix("python") { return words }
        return nil
    }

    /// Writes the driver to a private folder and starts the first driver, so WeasyPrint is imported while the first plan is made.
    ///
    /// - Throws: `PublishError` when the folder or the driver cannot be written.
    init(engine: PDFEngine, interpreter: [String], timeout: TimeInterval) throws(PublishError) {
        self.engine = engine
        self.interpreter = interpreter
        self.timeout = timeout
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-weasyprint-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let script = folder.appendingPathComponent("driver.py")
            guard FileManager.default.createFile(atPath: script.path, contents: Data(Self.driverSource), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw PublishError(path: folder.path, problem: .cannotWrite(AtomicFile.reason(error)))
        }
        if let first = try? start() {
            state.withLock { $0.idle.append(first) }
        }
    }

    deinit { close() }

    /// The process ids of the drivers running now (for tests that kill one on purpose).
    var driverProcesses: [pid_t] {
        state.withLock { Array($0.running.keys) }
    }

    /// Prints `html` within the time limit of one document; the caller has checked that it refers to nothing outside itself (`PrintedPage`).
    func pdf(fromHTML html: String) throws(PublishError) -> Data {
        let deadline = Date().addingTimeInterval(timeout)
        guard let (driver, number) = try checkout() else { return try engine.pdf(fromHTML: html) }
        let page = folder.appendingPathComponent("plan-\(number).html")
        let output = folder.appendingPathComponent("plan-\(number).pdf")
        defer {
            try? FileManager.default.removeItem(at: page)
            try? FileManager.default.removeItem(at: output)
        }
        guard FileManager.default.createFile(atPath: page.path, contents: Data(PrintedPage.locked(html).utf8), attributes: [.posixPermissions: 0o600]) else {
            giveBack(driver)
            throw PublishError(path: page.path, problem: .cannotWrite("cannot write the page for weasyprint"))
        }
        let job: [String: Any] = ["id": number, "html": page.path, "pdf": output.path, "base_url": folder.appendingPathComponent("empty").absoluteString]
        let reply: [String: Any]?
        do throws(WeasyPrintDriver.Failure) {
            reply = try driver.waitUntilReady(deadline: deadline) ? driver.send(job, deadline: deadline) : nil
        } catch {
            throw failure(error, driver: driver)
        }
        guard let reply else {
            // The driver's Python cannot import WeasyPrint: the `weasyprint` command prints, once a plan.
            driver.kill()
            let others = state.withLock { state in
                state.fallback = true
                state.running[driver.pid] = nil
                let others = state.idle
                state.idle = []
                for other in others { state.running[other.pid] = nil }
                return others
            }
            for other in others { other.kill() }
            return try engine.pdf(fromHTML: html)
        }
        giveBack(driver)
        guard reply["id"] as? Int == number else {
            throw PublishError(path: "plan.pdf", problem: .invalid("weasyprint answered for another plan; this PDF was not printed"))
        }
        guard reply["ok"] as? Bool == true else {
            let message = (reply["error"] as? String) ?? "no message"
            throw PublishError(path: "plan.pdf", problem: .invalid("weasyprint could not print the plan: \(message)"))
        }
        guard let data = FileManager.default.contents(atPath: output.path), data.starts(with: Data("%PDF".utf8)) else {
            throw PublishError(path: "plan.pdf", problem: .invalid("weasyprint finished without writing a PDF"))
        }
        return data
    }

    /// Stops every driver (its whole process group) and removes the folder; later prints fail. Safe to call more than once.
    func close() {
        let drivers = state.withLock { state in
            state.closed = true
            return state.stopAll()
        }
        for driver in drivers { driver.kill() }
        AtomicFile.removeTemporaryFolder(folder)
    }

    /// Kills every driver at once and removes the folder: for a run's interruption path (SIGINT, SIGTERM; `PrintEngine` has `Interruption` call it).
    ///
    /// Plans being printed and later ones fail with "the run was interrupted". Safe from any thread and more than once.
    func interrupt() {
        let drivers = state.withLock { state in
            state.interrupted = true
            state.closed = true
            return state.stopAll()
        }
        for driver in drivers { driver.kill() }
        AtomicFile.removeTemporaryFolder(folder)
    }

    // MARK: - Drivers and crashes

    /// Starts a driver, with the environment of a `weasyprint` process per plan (`PDFEngine`).
    private func start() throws(PublishError) -> WeasyPrintDriver {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        environment["XDG_CACHE_HOME"] = folder.appendingPathComponent("cache").path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        // The fetcher refuses anything but data: addresses; should any request slip past it, it meets a closed port.
        for name in ["http_proxy", "https_proxy", "ftp_proxy", "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "all_proxy", "ALL_PROXY"] {
            environment[name] = "http://127.0.0.1:9"
        }
        environment["no_proxy"] = nil
        environment["NO_PROXY"] = nil
        let driver: WeasyPrintDriver
        do {
            driver = try WeasyPrintDriver(interpreter + [folder.appendingPathComponent("driver.py").path], environment: environment,
                                          log: folder.appendingPathComponent("driver.log").path)
        } catch {
            throw PublishError(path: interpreter[0], problem: .invalid("cannot start the weasyprint driver: \(error)"))
        }
        let stopped = state.withLock { state in
            state.running[driver.pid] = driver
            return state.closed
        }
        // After SIGINT or SIGTERM (`Interruption`) the group is killed, now or when the signal comes.
        if stopped || !Interruption.shared.started(driver.pid) { driver.kill() }
        return driver
    }

    /// An idle driver, else a new one, and a number of this document's own; nil to print with one `weasyprint` process.
    private func checkout() throws(PublishError) -> (WeasyPrintDriver, Int)? {
        // nil for the fallback, else an idle driver if one is alive, this document's number and the crashes so far.
        let taken = try state.withLock { state throws(PublishError) -> (idle: WeasyPrintDriver?, number: Int, crashes: Int)? in
            guard !state.closed else {
                throw state.interrupted ? Self.interruption : PublishError(path: "plan.pdf", problem: .invalid("weasyprint was already closed"))
            }
            if state.fallback { return nil }
            state.documents += 1
            while let driver = state.idle.popLast() {
                if !driver.hasExited { return (driver, state.documents, state.crashes) }
                // Died while idle (and reaped, so killing it waits for nothing): counted as a crash.
                state.crashes += 1
                state.running[driver.pid] = nil
                driver.kill()
            }
            return (nil, state.documents, state.crashes)
        }
        guard let (idle, number, crashes) = taken else { return nil }
        if let idle { return (idle, number) }
        guard crashes <= Self.restarts else {
            throw PublishError(path: "plan.pdf", problem: .invalid("the weasyprint driver died \(crashes) times in this run and is not started again; this PDF was not printed"))
        }
        return (try start(), number)
    }

    private func giveBack(_ driver: WeasyPrintDriver) {
        state.withLock { state in
            if state.running[driver.pid] === driver { state.idle.append(driver) }
        }
    }

    /// The row's error for `error`; the driver is killed and forgotten, and counted as a crash when it died by itself.
    private func failure(_ error: WeasyPrintDriver.Failure, driver: WeasyPrintDriver) -> PublishError {
        let log = driver.logTail
        driver.kill()
        let crashes: Int? = state.withLock { state in
            state.running[driver.pid] = nil
            if state.interrupted { return nil }
            if case .gone = error { state.crashes += 1 }
            return state.crashes
        }
        guard let crashes else { return Self.interruption }
        switch error {
        case .timedOut:
            return PublishError(path: "plan.pdf", problem: .invalid(
                "weasyprint did not print the plan within \(Int(timeout.rounded())) seconds; its driver was stopped and a new one prints the next plans"))
        case .gone(let reason):
            let next = crashes <= Self.restarts ? "it is started again for the next plans" : "it is not started again"
            return PublishError(path: "plan.pdf", problem: .invalid("the weasyprint driver \(reason) while printing this plan; \(next)" + (log.isEmpty ? "" : ":\n\(log)")))
        case .protocolError(let message):
            return PublishError(path: "plan.pdf", problem: .invalid("the weasyprint driver \(message); this PDF was not printed"))
        }
    }

    // MARK: - Interruption

    static let interruption = PublishError(path: "plan.pdf", problem: .invalid("the run was interrupted; this PDF was not printed"))
}

/// One driver process: jobs written to its stdin, one JSON line each, and its answers read from its stdout, one line each.
///
/// `@unchecked Sendable`: `buffer` and `ready` are used by one document at a time (`WarmWeasyPrint` hands it out);
/// the process's end is in `ending`, which any thread may read or kill.
final class WeasyPrintDriver: @unchecked Sendable {
    enum Failure: Error {
        case timedOut
        /// The driver died: "exited with status 1", "was killed by signal 9".
        case gone(String)
        case protocolError(String)
    }

    /// The driver's process id, also its process group's.
    let pid: pid_t
    private let input: Int32
    private let output: Int32
    private let log: String
    private var buffer: [UInt8] = []
    private var ready: Bool?
    private let ending = Locked(Ending())

    /// Whether the driver was killed, and reaped with its wait status.
    private struct Ending {
        var killed = false
        var reaped = false
        var status: Int32 = 0
    }

    /// The longest answer read: answers are a few hundred bytes, error messages at most a few KB.
    static let lineLimit = 1 << 20

    struct SpawnError: Error, CustomStringConvertible {
        var call: String, code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    /// Starts `arguments` in a process group of its own, stdin and stdout piped, stderr appended to `log`.
    init(_ arguments: [String], environment: [String: String], log: String) throws {
        self.log = log
        func pipePair() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard Glibc.pipe(&fds) == 0 else { throw SpawnError(call: "pipe", code: errno) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return (fds[0], fds[1])
        }
        let jobs = try pipePair()
        let answers: (read: Int32, write: Int32)
        do { answers = try pipePair() } catch {
            Glibc.close(jobs.read); Glibc.close(jobs.write)
            throw error
        }
        // Searching the PATH: `#!/usr/bin/env python3` names env by its path, and a bare `python3` is looked up on it.
        let started = Spawn.inGroup(arguments, environment: environment, searchingPath: true) { actions in
            posix_spawn_file_actions_adddup2(&actions, jobs.read, 0)
            posix_spawn_file_actions_adddup2(&actions, answers.write, 1)
            posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        Glibc.close(jobs.read)
        Glibc.close(answers.write)
        let pid: pid_t
        switch started {
        case .success(let started): pid = started
        case .failure(let failure):
            Glibc.close(jobs.write)
            Glibc.close(answers.read)
            throw SpawnError(call: "posix_spawn \(arguments[0])", code: failure.code)
        }
        self.pid = pid
        input = jobs.write
        output = answers.read
    }

    deinit {
        kill()
        Glibc.close(input)
        Glibc.close(output)
    }

    /// Whether the driver has exited (reaping it if so).
    var hasExited: Bool {
        ending.withLock { ending in
            if !ending.reaped, waitpid(pid, &ending.status, WNOHANG) == pid { ending.reaped = true }
            return ending.reaped
        }
    }

    /// The last lines the driver wrote to stderr, for error messages.
    var logTail: String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    /// Kills the driver's whole process group and reaps it. Safe to call more than once.
    func kill() {
        ending.withLock { ending in
            if !ending.killed { _ = killpg(pid, SIGKILL) }
            ending.killed = true
            if !ending.reaped {
                while waitpid(pid, &ending.status, 0) < 0 && errno == EINTR {}
                ending.reaped = true
            }
        }
        Interruption.shared.ended(pid)
    }

    /// True once the driver imported WeasyPrint, false when it could not.
    func waitUntilReady(deadline: Date) throws(Failure) -> Bool {
        if let ready { return ready }
        let line = try readLine(deadline: deadline)
        let answer = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
        guard let isReady = answer?["ready"] as? Bool else { throw .protocolError("did not say it was ready") }
        ready = isReady
        return isReady
    }

    /// Sends `job` and waits for its answer.
    func send(_ job: [String: Any], deadline: Date) throws(Failure) -> [String: Any] {
        guard let data = try? JSONSerialization.data(withJSONObject: job) else { throw .protocolError("was given a job it cannot read") }
        var bytes = [UInt8](data) + [UInt8(ascii: "\n")]
        while !bytes.isEmpty {
            let count = Glibc.write(input, bytes, bytes.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .gone(exitDescription(waiting: true))
            }
            bytes.removeFirst(count)
        }
        let line = try readLine(deadline: deadline)
        guard let answer = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
            throw .protocolError("answered something that is not JSON")
        }
        return answer
    }

    /// The next line of the driver's stdout, without its newline.
    private func readLine(deadline: Date) throws(Failure) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return line
            }
            guard buffer.count <= Self.lineLimit else { throw .protocolError("wrote an answer longer than \(Self.lineLimit) bytes") }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw .timedOut }
            var watched = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            // In slices: a driver started by another worker at the same moment may hold a copy of this pipe, so its
            // end is not always seen as the end of the pipe; its exit is.
            let ready = poll(&watched, 1, Int32(min(remaining, 0.2) * 1000) + 1)
            if ready < 0 && errno != EINTR { throw .gone(exitDescription(waiting: true)) }
            guard ready > 0 else {
                if hasExited { throw .gone(exitDescription(waiting: false)) }
                continue
            }
            let count = Glibc.read(output, &chunk, chunk.count)
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                throw .gone(exitDescription(waiting: true))
            }
        }
    }

    /// "exited with status 1", "was killed by signal 9": waits a moment for the driver to end when it closed its output.
    private func exitDescription(waiting: Bool) -> String {
        let (reaped, status) = ending.withLock { ending in
            if !ending.reaped {
                for _ in 0..<(waiting ? 50 : 1) {
                    if waitpid(pid, &ending.status, WNOHANG) == pid { ending.reaped = true; break }
                    usleep(20_000)
                }
            }
            return (ending.reaped, ending.status)
        }
        guard reaped else { return "closed its output" }
        let signal = status & 0x7F
        return signal == 0 ? "exited with status \((status >> 8) & 0xFF)" : "was killed by signal \(signal)"
    }
}
