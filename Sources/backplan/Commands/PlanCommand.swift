import ArgumentParser
import BackPlanCore
import BackPlanPublish
import BackPlanRender
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

    @Flag(name: .long, help: "Write even over a plan made for another person (read from plan.json in the folder).")
    var force = false

    @OptionGroup var sources: SourceOptions
    @OptionGroup var options: PlanOptions
    @OptionGroup var formats: FormatOptions

    @Option(name: .long, help: ArgumentHelp("The log of the plan these preferences and options make: write the next block, by the README's rules.", valueName: "log.csv"))
    var after: String?

    func validate() throws {
        if after != nil && preferences == nil {
            throw ValidationError("--after needs the preferences file the logged plan was made from")
        }
    }

    func run() throws {
        var person = try preferences.map(Self.loadPreferences) ?? .example
        let chosen = try formats.formats()
        let publisher = PlanPublisher(inputs: try sources.inputs(preparing: OutputFormat.templates(for: chosen)))
        var settings = try options.settings()
        settings.formats = chosen
        if let after {
            let logged = try publisher.logged(person, settings: settings, logPath: after)
            (person, settings, _) = publisher.nextBlock(after: logged, settings: settings)
        }
        settings.printer = try options.printer(for: chosen)
        // SIGINT and SIGTERM kill running helpers with their process groups, and the warm browser, and end the run cleanly (`Interruption`).
        Interruption.shared.catchSignals()
        defer { settings.printer?.close() }
        if let warning = publisher.startWarning(for: person, settings: settings) { Self.warn(warning) }
        let (documents, written) = try publisher.publish(person, settings: settings, to: options.output, force: force)
        if options.verbose {
            let plan = documents.plan
            print("Plan \(documents.planID) for \(plan.person.name): \(Plural.count(plan.weeks.count, "week")), \(Plural.count(plan.sessions.count, "session")) from \(plan.start.iso)")
            for note in plan.notes { print("note: \(note.text)") }
            for reason in plan.after?.reasons ?? [] { print("why: \(reason.text)") }
        }
        for url in written { print(Self.display(url)) }
    }

    /// One line on stderr that does not stop the command.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
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
