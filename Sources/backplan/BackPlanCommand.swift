import ArgumentParser
import BackPlanPublish
import BackPlanRender
import Foundation

/// The `backplan` command: exercise plans for neck, shoulder and back pain.
@main
struct BackPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backplan",
        abstract: "Turns neck, shoulder and back exercise advice into printable weekly plans.",
        discussion: """
            With no preferences file, `backplan plan` writes a plan for a built-in example person \
            into Output/. See `backplan help <command>` for each command's options.
            """,
        version: "backplan \(version) (libcmark \(CommonMark.libraryVersion))",
        subcommands: [PlanCommand.self, LogCommand.self, ProgressCommand.self, SiteCommand.self, EmailCommand.self, BatchCommand.self, CatalogCommand.self, TemplatesCommand.self]
    )

    /// Parses and runs the command; an error's message is printed with control characters escaped.
    ///
    /// ArgumentParser's own `main` prints messages as they are, and they quote
    /// input (a roster's name, a file's value) that may hold terminal escapes.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            exitIfInterrupted()
        } catch {
            exitIfInterrupted(after: error)
            let code = exitCode(for: error)
            // Help, --version and a clean exit print as ArgumentParser prints them.
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            FileHandle.standardError.write(Data((TerminalText.escaped(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }

    /// Exits with 128 + the signal when SIGINT or SIGTERM stopped a command that catches them (`Interruption`),
    /// saying so after the error it caused (a helper killed), so a script sees the interruption, not a failure.
    static func exitIfInterrupted(after error: (any Error)? = nil) {
        guard let signal = Interruption.shared.signal else { return }
        Interruption.shared.waitForCleanUp()
        let stopped = "backplan: stopped by \(Interruption.name(of: signal))"
        let message = error.map { TerminalText.escaped(fullMessage(for: $0)) + "\n" + stopped } ?? stopped
        if error.map({ !($0 is ExitCode) }) ?? true {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        Foundation.exit(128 + signal)
    }

    /// This release of BackPlan, as `--version` shows it with the libcmark it runs with.
    static let version = "0.1.0"
}
