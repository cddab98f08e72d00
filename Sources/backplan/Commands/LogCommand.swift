import ArgumentParser
import BackPlanCore
import BackPlanPublish
import Foundation

/// `backplan log PREFS`: the empty log of a plan, to fill in session by session.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Write log.csv, the empty log of the plan these preferences and options make.",
        discussion: """
            Columns: plan_id,date,done,pain_before,pain_after,hurt,notes; one row per session. \
            done is all, none or move ids separated by ';'; pain scores 0-10 or empty; hurt is move ids \
            separated by ';'. Give the same options (--start, --weeks, --seed, ...) as for `plan`.
            """
    )

    @Argument(help: ArgumentHelp("The preferences YAML file the plan was made from.", valueName: "prefs.yaml"))
    var preferences: String

    @OptionGroup var sources: SourceOptions
    @OptionGroup var options: PlanOptions

    func run() throws {
        let person = try PlanCommand.loadPreferences(preferences)
        let publisher = PlanPublisher(inputs: try sources.inputs())
        for url in try publisher.publishLog(person, settings: try options.settings(), to: options.output) {
            print(PlanCommand.display(url))
        }
    }
}
