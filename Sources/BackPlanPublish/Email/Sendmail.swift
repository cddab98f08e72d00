import Foundation

/// A sendmail-compatible program (msmtp, Postfix's or exim's `sendmail`), run as `PROGRAM -i -t`.
///
/// The only place the email feature starts a child process. `-t` takes the
/// recipients from the message's headers and `-i` keeps a line holding a
/// single dot from ending the message early.
package struct Sendmail: Sendable {
    /// A program name looked up on `searchPath`, or a path to it.
    package var program: String
    /// The PATH to look the program up on, read by the CLI.
    package var searchPath: String
    /// Seconds the program may run before it and everything it started are killed (`--timeout`).
    package var timeout: TimeInterval

    package init(program: String, searchPath: String, timeout: TimeInterval = 120) {
        self.program = program
        self.searchPath = searchPath
        self.timeout = timeout
    }

    /// The program's file, or nil when there is no such executable.
    package var executable: URL? {
        if program.contains("/") {
            return FileManager.default.isExecutableFile(atPath: program) ? URL(fileURLWithPath: program) : nil
        }
        return searchPath.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0), isDirectory: true).appendingPathComponent(program) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Pipes the message to the program and waits for it, at most `timeout` seconds.
    ///
    /// - Throws: `EmailError` when the program is missing, cannot start, exits
    ///   with a non-zero status, is killed or runs out of time (its output, stderr included, is in the error).
    package func send(_ message: Data) throws(EmailError) {
        guard let executable else { throw EmailError(place: "--sendmail", problem: .programNotFound(program)) }
        let outcome: ChildProcess.Outcome
        do throws(ChildProcessStartError) {
            outcome = try ChildProcess.run(executable.path, ["-i", "-t"], input: message, timeout: timeout)
        } catch {
            throw EmailError(place: "--sendmail", problem: .cannotRun(program: program, reason: error.reason))
        }
        guard outcome.termination == .exited(0) else {
            throw EmailError(place: "--sendmail", problem: .programFailed(
                program: program, what: outcome.termination.description(timeout: timeout), output: String(decoding: outcome.output, as: UTF8.self)))
        }
    }
}
