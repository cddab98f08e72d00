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

    package init(program: String, searchPath: String) {
        self.program = program
        self.searchPath = searchPath
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

    /// Pipes the message to the program and waits for it.
    ///
    /// - Throws: `EmailError` when the program is missing, cannot start, or
    ///   exits with a non-zero status (its output, stderr included, is in the error).
    package func send(_ message: Data) throws(EmailError) {
        guard let executable else { throw EmailError(place: "--sendmail", problem: .programNotFound(program)) }
        // A program that quits before reading its input must give an error here, not kill BackPlan with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-i", "-t"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw EmailError(place: "--sendmail", problem: .cannotRun(program: program, reason: AtomicFile.reason(error)))
        }
        // Write on another thread while this one drains the output, so neither pipe can fill up and stall both sides.
        let writer = input.fileHandleForWriting
        let written = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? writer.write(contentsOf: message)
            try? writer.close()
            written.signal()
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        written.wait()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw EmailError(place: "--sendmail", problem: .programFailed(
                program: program, status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self)))
        }
    }
}
