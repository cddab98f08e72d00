import ArgumentParser
import BackPlanCore
import BackPlanPublish
import Foundation

/// `backplan progress LOG PREFS`: what the log says of the plan, and what the next block will do.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Write progress.md, progress.html (with a pain chart) and progress.json from a plan's log.",
        discussion: "Give the preferences and options (--start, --weeks, --seed, ...) the plan was made with."
    )

    @Argument(help: ArgumentHelp("The filled-in log of the plan.", valueName: "log.csv"))
    var log: String

    @Argument(help: ArgumentHelp("The preferences YAML file the plan was made from.", valueName: "prefs.yaml"))
    var preferences: String

    @OptionGroup var sources: SourceOptions
    @OptionGroup var options: PlanOptions

    func run() throws {
        let person = try PlanCommand.loadPreferences(preferences)
        let publisher = PlanPublisher(inputs: try sources.inputs())
        let settings = try options.settings()
        let logged = try publisher.logged(person, settings: settings, logPath: log)
        for url in try publisher.publishProgress(logged, settings: settings, to: options.output) {
            print(PlanCommand.display(url))
        }
    }
}
