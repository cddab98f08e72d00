import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How BackPlan starts every helper program (`ChildProcess`, the warm Chromium, the WeasyPrint drivers).
///
/// With `posix_spawn`, in a process group of its own, so that a terminal's
/// Ctrl-C reaches BackPlan only and the whole group (the helper and whatever it
/// starts) can be killed at once; with an empty signal mask and default
/// handling of every signal, whatever BackPlan ignores or catches itself (an
/// ignored SIGPIPE would otherwise stay ignored across exec).
///
/// BackPlan itself ignores SIGPIPE from the first helper it starts: writing
/// to a helper that quit (sendmail before reading its input, a browser or
/// driver that died) must be an error of that write, not kill BackPlan.
enum Spawn {
    /// Starts `arguments` (the executable's path first) with the descriptors `arrange` sets up, and the
    /// environment given (sorted, so a helper sees the same order each run) or BackPlan's own when nil.
    ///
    /// With `searchingPath`, a first argument without a slash is looked up on BackPlan's PATH (`posix_spawnp`).
    ///
    /// - Returns: the process id, also its process group's; or the error number `posix_spawn` gave.
    static func inGroup(_ arguments: [String], environment: [String: String]?, searchingPath: Bool = false,
                        arrange: (inout posix_spawn_file_actions_t) -> Void) -> Result<pid_t, Failure> {
        signal(SIGPIPE, SIG_IGN)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        arrange(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { (envp ?? []).forEach { free($0) } }
        var pid: pid_t = 0
        let spawn = searchingPath ? posix_spawnp : posix_spawn
        let code = envp.map { spawn(&pid, arguments[0], &actions, &attributes, argv, $0) }
            ?? spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        return code == 0 ? .success(pid) : .failure(Failure(code: code))
    }

    /// `posix_spawn` failed: the error number it gave.
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "posix_spawn: \(String(cString: strerror(code)))" }
    }
}

