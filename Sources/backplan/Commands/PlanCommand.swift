import ArgumentParser
import BackPlanCore
import BackPlanPublish
import Foundation

/// `backplan plan [PREFS]`: one person's plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write one person's plan (plan.md, plan.html, plan.ics, plan.json).",
        discussion: """
            Without a preferences file the built-in example person is used:

            \(Preferences.exampleYAML)
            """
    )

    @Argument(help: ArgumentHelp("A preferences YAML file; omit it for the built-in example person.", valueName: "prefs.yaml"))
    var preferences: String?

    @OptionGroup var sources: SourceOptions
    @OptionGroup var options: PlanOptions
    @OptionGroup var formats: FormatOptions

    func run() throws {
        let person = try preferences.map(Self.loadPreferences) ?? .example
        let chosen = try formats.formats()
        let publisher = PlanPublisher(inputs: try sources.inputs(preparing: OutputFormat.templates(for: chosen)))
        var settings = try options.settings()
        settings.formats = chosen
        let written = try publisher.publish(person, settings: settings, to: options.output)
        if options.verbose {
            let plan = publisher.plan(for: person, settings: settings)
            print("Plan \(publisher.planID(for: plan, settings: settings)) for \(plan.person.name): \(plan.weeks.count) weeks, \(plan.sessions.count) sessions from \(plan.start.iso)")
            for note in plan.notes { print("note: \(note)") }
        }
        for url in written { print(Self.display(url)) }
    }

    static func loadPreferences(_ path: String) throws -> Preferences {
        try Preferences(data: try Inputs.readData(path, limit: Inputs.smallFileLimit), file: path)
    }

    /// A path relative to the working directory when it is inside it.
    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
    }
}
