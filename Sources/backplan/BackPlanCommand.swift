import ArgumentParser
import BackPlanRender

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

    /// This release of BackPlan, as `--version` shows it with the libcmark it runs with.
    static let version = "0.1.0"
}
