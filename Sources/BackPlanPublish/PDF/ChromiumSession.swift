import Foundation
import BackPlanRender

#if canImport(Glibc)
import Glibc
#endif

/// One headless Chromium, started once and driven over `--remote-debugging-pipe`.
///
/// Started with `posix_spawn`, because Foundation's `Process` cannot hand a
/// child descriptors 3 and 4; in a process group of its own, so that closing
/// it can stop the renderers too (`killpg`), and so that a terminal's Ctrl-C
/// reaches BackPlan only, which then closes the browser itself. Its profile
/// and log live in one temporary folder, removed on close.
///
/// `pid`, `folder` and `pipe` are constants and the pipe is itself
/// thread-safe; whether the browser was killed and reaped is in `ending`.
package final class ChromiumSession: Sendable {
    /// The browser's process id, also its process group's.
    package let pid: pid_t
    /// The temporary folder: `profile/` (the user data dir) and `chromium.log`.
    package let folder: URL
    let pipe: DevToolsPipe
    private let ending = Locked((killed: false, reaped: false))

    /// The flags of every warm browser; `--user-data-dir` and the pipe come on top.
    static let flags = [
        "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
        "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--mute-audio", "--hide-scrollbars", "--disable-breakpad",
        // No network, as for a browser per plan (PDFEngine): every name resolves to nothing, every request meets a closed port.
        "--disable-remote-fonts", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ]

    /// Starts `executable`; returns at once, the browser answers the first command once it is up.
    ///
    /// - Throws: `PublishError` when the folder, the pipes or the process cannot be made.
    package init(executable: URL) throws(PublishError) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-chromium-\(UUID().uuidString)", isDirectory: true)
        let profile = folder.appendingPathComponent("profile", isDirectory: true)
        let log = folder.appendingPathComponent("chromium.log")
        do {
            try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: folder.path, problem: .cannotWrite(AtomicFile.reason(error)))
        }
        var arguments = [executable.path] + Self.flags + ["--user-data-dir=\(profile.path)", "--remote-debugging-pipe"]
        if getuid() == 0 { arguments.append("--no-sandbox") }  // Chromium refuses to sandbox as root
        arguments.append("about:blank")
        var environment = ProcessInfo.processInfo.environment
        // Caches and crash reports under HOME stay in the temporary folder.
        environment["HOME"] = folder.path
        environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        environment["XDG_CACHE_HOME"] = folder.appendingPathComponent("cache").path
        do {
            let (pid, toBrowser, fromBrowser) = try Self.spawn(arguments, environment: environment, log: log.path)
            self.pid = pid
            self.folder = folder
            self.pipe = DevToolsPipe(toBrowser: toBrowser, fromBrowser: fromBrowser)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw PublishError(path: executable.path, problem: .invalid("cannot start chromium: \(error)"))
        }
    }

    deinit { close() }

    /// The last lines Chromium wrote to stderr, for error messages.
    package var logTail: String {
        let text = (try? String(contentsOf: folder.appendingPathComponent("chromium.log"), encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").filter { !$0.contains("unexpected operator") }
        return lines.suffix(10).joined(separator: "\n")
    }

    /// Whether the browser process has exited (reaping it if so).
    package var hasExited: Bool {
        ending.withLock { ending in
            if ending.reaped { return true }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { ending.reaped = true }
            return ending.reaped
        }
    }

    /// Closes the browser: SIGKILL to its whole process group (renderers included), then removes the folder. Safe to call more than once.
    ///
    /// Nothing of the profile is kept, so neither the browser's own shutdown
    /// nor even its answer to `Browser.close` is waited for.
    package func close() {
        kill()
    }

    /// Stops the browser and every process of its group at once, reaps it and removes the folder.
    package func kill() {
        let (wasKilled, singleton) = ending.withLock { ending in
            // The group outlives its leader while renderers are alive: signal it even when the leader has exited.
            let wasKilled = ending.killed
            if !ending.killed { _ = killpg(pid, SIGKILL) }
            ending.killed = true
            // Read before the profile goes: where the browser keeps its singleton socket.
            let singleton = wasKilled ? nil : singletonFolder()
            if !ending.reaped {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                ending.reaped = true
            }
            return (wasKilled, singleton)
        }
        pipe.end("chromium was closed")
        if !wasKilled { endStrays() }
        if let singleton { try? FileManager.default.removeItem(at: singleton) }
        AtomicFile.removeTemporaryFolder(folder)
    }

    /// The folder of TMPDIR holding the browser's singleton socket, linked from the profile; a browser killed with SIGKILL leaves it behind.
    private func singletonFolder() -> URL? {
        let link = folder.appendingPathComponent("profile/SingletonSocket").path
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let parent = URL(fileURLWithPath: target).deletingLastPathComponent()
        return parent.lastPathComponent.hasPrefix("org.chromium.Chromium.") ? parent : nil
    }

    /// Kills the processes outside the browser's group that work in its folder, and waits (up to 2 s) until they are gone.
    ///
    /// Chromium's crash handler starts in a session of its own (so `killpg` misses
    /// it) with its database in the profile, and may write there while the folder is removed.
    private func endStrays() {
        let marker = Data(folder.path.utf8)
        func strays() -> [pid_t] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap { pid_t($0) }.filter { process in
                // A process that has exited (a zombie) has an empty command line.
                FileManager.default.contents(atPath: "/proc/\(process)/cmdline")?.range(of: marker) != nil
            }
        }
        for _ in 0..<100 {
            let found = strays()
            if found.isEmpty { return }
            for process in found { Glibc.kill(process, SIGKILL) }
            usleep(20_000)
        }
    }

    // MARK: - Spawning

    private struct SpawnError: Error, CustomStringConvertible {
        var call: String, code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    /// Starts the browser with its command pipe on fd 3 and its reply pipe on fd 4, stdout and stderr into `log`.
    private static func spawn(_ arguments: [String], environment: [String: String], log: String) throws -> (pid_t, Int32, Int32) {
        // Our ends are close-on-exec; the child's are first moved above 9, so dup2 onto 3 and 4 never meets itself.
        func pipePair() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            // Glibc's pipe2 is not imported into Swift; the copies made next are close-on-exec.
            guard Glibc.pipe(&fds) == 0 else { throw SpawnError(call: "pipe", code: errno) }
            let high = fds.map { fcntl($0, F_DUPFD_CLOEXEC, 10) }
            fds.forEach { Glibc.close($0) }
            guard high.allSatisfy({ $0 >= 0 }) else { throw SpawnError(call: "fcntl", code: errno) }
            return (high[0], high[1])
        }
        let commands = try pipePair()
        let replies = try pipePair()
        defer {
            Glibc.close(commands.read)
            Glibc.close(replies.write)
        }

        let started = Spawn.inGroup(arguments, environment: environment) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            posix_spawn_file_actions_adddup2(&actions, commands.read, 3)
            posix_spawn_file_actions_adddup2(&actions, replies.write, 4)
        }
        switch started {
        case .success(let pid):
            return (pid, commands.write, replies.read)
        case .failure(let failure):
            Glibc.close(commands.write)
            Glibc.close(replies.read)
            throw SpawnError(call: "posix_spawn", code: failure.code)
        }
    }
}
