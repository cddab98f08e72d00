import ArgumentParser
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
        } catch {
            let code = exitCode(for: error)
            // Help, --version and a clean exit print as ArgumentParser prints them.
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            FileHandle.standardError.write(Data((TerminalText.escaped(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }

    /// This release of BackPlan, as `--version` shows it with the libcmark it runs with.
    static let version = "0.1.0"
}
