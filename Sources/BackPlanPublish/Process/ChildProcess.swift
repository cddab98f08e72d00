import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a helper program (a PDF engine, sendmail) in a process group of its own, with a time limit.
///
/// The one way `PDFEngine` and `Sendmail` start programs, so both get the same
/// guarantees: the child and everything it starts form one process group,
/// killed whole at the time limit; its output (stdout and stderr together) is
/// read while it runs and only the last `outputLimit` bytes are kept; and the
/// run ends when the child itself exits. A grandchild that outlives it (a
/// daemon, `sleep 1000 &`) may hold the output pipe open for ever, so the pipe
/// is drained of what is there and then let go, never read to its end.
/// Foundation's `Process` offers neither a process group nor that end.
package enum ChildProcess {
    /// How the child ended.
    package enum Termination: Equatable, Sendable {
        case exited(Int32)
        case killedBySignal(Int32)
        /// The time limit passed; the whole process group was killed.
        case timedOut

        /// "failed with exit status 3", "was killed by signal 9", "did not finish within 120 seconds and was stopped".
        package func description(timeout: TimeInterval) -> String {
            switch self {
            case .exited(let status): "failed with exit status \(status)"
            case .killedBySignal(let signal): "was killed by signal \(signal)"
            case .timedOut: "did not finish within \(Self.seconds(timeout)) and was stopped"
            }
        }

        private static func seconds(_ value: TimeInterval) -> String {
            value == value.rounded() ? "\(Int(value)) seconds" : "\(value) seconds"
        }
    }

    /// What a run gave.
    package struct Outcome: Sendable {
        package var termination: Termination
        /// The end of what the child printed on stdout and stderr.
        package var output: Data
    }

    /// The most output kept: the last 64 KB, where the error usually is.
    package static let outputLimit = 64 * 1024

    /// Starts `executable` with `arguments`, feeds it `input` (or /dev/null), and waits until it exits or `timeout` passes.
    ///
    /// - Parameter environment: the child's environment; nil passes this process's own.
    /// - Throws: the `errno` of a failed start (no such program, not executable).
    package static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        input: Data? = nil, timeout: TimeInterval
    ) throws(ChildProcessStartError) -> Outcome {
        var outputPipe: [Int32] = [-1, -1]
        var inputPipe: [Int32] = [-1, -1]
        guard makePipe(&outputPipe) == 0 else { throw ChildProcessStartError(code: errno) }
        if input != nil, makePipe(&inputPipe) != 0 {
            let code = errno
            close(outputPipe[0]); close(outputPipe[1])
            throw ChildProcessStartError(code: code)
        }

        let spawned = Spawn.inGroup([executable] + arguments, environment: environment) { actions in
            if input != nil {
                posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
            } else {
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            }
            posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 2)
            // Descriptors BackPlan inherited without close-on-exec (a test runner's pipes, a shell's)
            // would otherwise pass to the helper and to whatever it leaves running.
            if let closeFrom = closeFromFunction { _ = closeFrom(&actions, 3) }
        }
        close(outputPipe[1])
        if input != nil { close(inputPipe[0]) }
        let pid: pid_t
        switch spawned {
        case .success(let started): pid = started
        case .failure(let failure):
            close(outputPipe[0])
            if input != nil { close(inputPipe[1]) }
            throw ChildProcessStartError(code: failure.code)
        }
        // After SIGINT or SIGTERM (`Interruption`) the group is killed, now or when the signal comes.
        if !Interruption.shared.started(pid) {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        defer { Interruption.shared.ended(pid) }
        return wait(for: pid, output: outputPipe[0], input: input.map { (inputPipe[1], $0) }, timeout: timeout)
    }

    /// Feeds the input and reads the output as both become ready, until the child exits or the time is up.
    private static func wait(for pid: pid_t, output: Int32, input: (descriptor: Int32, data: Data)?, timeout: TimeInterval) -> Outcome {
        var outputDescriptor = output
        var inputDescriptor = input?.descriptor ?? -1
        _ = fcntl(outputDescriptor, F_SETFL, fcntl(outputDescriptor, F_GETFL) | O_NONBLOCK)
        if inputDescriptor >= 0 { _ = fcntl(inputDescriptor, F_SETFL, fcntl(inputDescriptor, F_GETFL) | O_NONBLOCK) }
        let data = input?.data ?? Data()
        var written = 0
        var kept = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        defer {
            if outputDescriptor >= 0 { close(outputDescriptor) }
            if inputDescriptor >= 0 { close(inputDescriptor) }
        }

        /// Reads what the pipe holds now; false at its end or on an error.
        func drain() -> Bool {
            while true {
                let count = read(outputDescriptor, &buffer, buffer.count)
                if count > 0 {
                    kept.append(contentsOf: buffer[0..<count])
                    if kept.count > outputLimit { kept.removeFirst(kept.count - outputLimit) }
                    continue
                }
                if count < 0 && errno == EINTR { continue }
                return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
            }
        }
        func closeInput() {
            if inputDescriptor >= 0 { close(inputDescriptor); inputDescriptor = -1 }
        }
        if data.isEmpty { closeInput() }

        let deadline = Date().addingTimeInterval(timeout)
        var pause: Int32 = 1
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno == ECHILD) {
                if outputDescriptor >= 0 { _ = drain() }
                return Outcome(termination: termination(status), output: kept)
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                if outputDescriptor >= 0 { _ = drain() }
                return Outcome(termination: .timedOut, output: kept)
            }
            var watched: [pollfd] = []
            if outputDescriptor >= 0 { watched.append(pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0)) }
            if inputDescriptor >= 0 { watched.append(pollfd(fd: inputDescriptor, events: Int16(POLLOUT), revents: 0)) }
            // The child's exit is checked between polls: short at first, so a quick helper costs little.
            let ready = poll(&watched, nfds_t(watched.count), min(pause, Int32(remaining * 1000) + 1))
            pause = min(pause * 2, 50)
            guard ready > 0 else { continue }
            for entry in watched where entry.revents != 0 {
                if entry.fd == outputDescriptor, !drain() {
                    close(outputDescriptor)
                    outputDescriptor = -1
                } else if entry.fd == inputDescriptor {
                    let count = data.withUnsafeBytes { bytes in
                        Glibc.write(inputDescriptor, bytes.baseAddress! + written, min(bytes.count - written, 64 * 1024))
                    }
                    if count > 0 { written += count }
                    // EPIPE: the child stopped reading; what it did with the rest shows in its status.
                    if written == data.count || (count < 0 && errno != EAGAIN && errno != EINTR) { closeInput() }
                }
            }
        }
    }

    /// A pipe whose ends close on exec, so a helper started at the same time by another row never holds them.
    ///
    /// `pipe2` sets the flag atomically; it is a GNU extension the Swift C modules
    /// do not declare, so it is looked up at run time, with `pipe` and `fcntl` where it is missing.
    private static func makePipe(_ ends: inout [Int32]) -> Int32 {
        if let pipe2 = pipe2Function { return pipe2(&ends, O_CLOEXEC) }
        guard pipe(&ends) == 0 else { return -1 }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return 0
    }

    private static let pipe2Function: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "pipe2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    }()

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34), looked up at run time for the same reason as `pipe2`.
    private static let closeFromFunction: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// The `wait` status in words: `WIFEXITED`, `WTERMSIG` and the like are C macros Swift does not import.
    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .killedBySignal(signal)
    }
}

/// A helper program could not be started.
package struct ChildProcessStartError: Error, Sendable {
    package var code: Int32

    /// "no such file", "permission denied".
    package var reason: String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        default: String(cString: strerror(code))
        }
    }
}
