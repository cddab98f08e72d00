import ArgumentParser
import BackPlanCore
import BackPlanPublish
import BackPlanRender
import Foundation

/// `--catalog` and `--templates`: where the data and templates come from.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use this catalog YAML instead of the built-in one.", valueName: "file"))
    var catalog: String?

    @Option(name: .long, help: ArgumentHelp("A folder of templates; each file there replaces the default of the same name.", valueName: "dir"))
    var templates: String?

    func inputs() throws -> Inputs {
        try Inputs.load(catalogPath: catalog, templatesPath: templates)
    }
}

/// The flags every plan-writing command shares.
struct PlanOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder to write into.", valueName: "dir"))
    var output: String = "Output"

    @Option(name: .long, help: "Seed of the planner's choices; the same seed gives the same plan.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("First day of week 1, overriding the preferences' start.", valueName: "YYYY-MM-DD"))
    var start: String?

    @Option(name: .long, help: ArgumentHelp("Number of weeks (1-12), overriding the preferences.", valueName: "n"))
    var weeks: Int?

    @Option(name: .long, help: "Page size for printing.")
    var paper: Paper = .a4

    @Option(name: .long, help: ArgumentHelp("Comma-separated formats: md, html, json (default: md,html,json).", valueName: "list"))
    var format: String?

    @Flag(name: .long, help: "Say more about what was done.")
    var verbose = false

    func validate() throws {
        if let start, CivilDate(iso: start) == nil {
            throw ValidationError("--start '\(start)' is not a date; expected YYYY-MM-DD, such as 2026-11-30")
        }
        if let weeks, !Preferences.weeksRange.contains(weeks) {
            throw ValidationError("--weeks \(weeks) is out of range 1..12")
        }
        _ = try formats()
    }

    func formats() throws -> [OutputFormat] {
        guard let format else { return OutputFormat.defaults.filter { $0 != .ics } }
        var formats: [OutputFormat] = []
        for word in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let value = OutputFormat(rawValue: word) else {
                throw ValidationError("--format '\(word)' is not a format; expected a comma list of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !formats.contains(value) { formats.append(value) }
        }
        if formats.isEmpty { throw ValidationError("--format is empty; expected a comma list such as md,html,json") }
        return formats
    }

    func settings() throws -> PlanSettings {
        var settings = PlanSettings(today: Environment.today())
        settings.seed = seed
        settings.start = start.flatMap(CivilDate.init(iso:))
        settings.weeks = weeks
        settings.paper = paper
        settings.formats = try formats()
        return settings
    }
}

extension Paper: ExpressibleByArgument {}

/// What the command reads from its surroundings, read once here at the edge.
enum Environment {
    /// Today's date in the machine's time zone.
    static func today() -> CivilDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The number of cores available, the default worker count of `batch`.
    static func coreCount() -> Int {
        ProcessInfo.processInfo.activeProcessorCount
    }

    /// Whether stderr is a terminal, where `batch` draws a progress bar.
    static func stderrIsTerminal() -> Bool {
        isatty(STDERR_FILENO) == 1
    }
}
