import BackPlanCore
import BackPlanRender
import Foundation

/// A file format `plan` can write.
public enum OutputFormat: String, CaseIterable, Sendable, Comparable {
    case md, html, ics, json, pdf

    /// The formats written when `--format` is not given.
    public static let defaults: [OutputFormat] = [.md, .html, .ics, .json]

    public var fileName: String { "plan.\(rawValue)" }

    public static func < (a: OutputFormat, b: OutputFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Settings of one plan run that are not the person's preferences.
public struct PlanSettings: Sendable {
    public var seed: UInt64 = 1
    /// Overrides the preferences' `start`.
    public var start: CivilDate?
    /// Overrides the preferences' `weeks`.
    public var weeks: Int?
    public var paper: Paper = .a4
    public var formats: [OutputFormat] = OutputFormat.defaults
    /// Today in the user's zone, for "next Monday"; read by the CLI, never here.
    public var today: CivilDate

    public init(today: CivilDate) {
        self.today = today
    }
}

/// Plans a person and renders every asked format, in memory.
public struct PlanPublisher: Sendable {
    public let inputs: Inputs

    public init(inputs: Inputs) {
        self.inputs = inputs
    }

    /// The person with command-line overrides applied, and the plan made for them.
    public func plan(for person: Preferences, settings: PlanSettings) -> Plan {
        var person = person
        if let weeks = settings.weeks { person.weeks = weeks }
        let start = settings.start ?? person.start ?? settings.today.nextMonday
        person.start = start
        return Planner(catalog: inputs.catalog).plan(for: person, start: start, seed: settings.seed)
    }

    /// A short id of everything that made the plan, printed on it so a paper copy can be made again.
    public func planID(for plan: Plan, settings: PlanSettings) -> String {
        Fingerprint(
            String(reflecting: plan.person), plan.start.iso, String(plan.seed), settings.paper.rawValue,
            inputs.catalogText, inputs.templatesFingerprint
        ).hex(digits: 8)
    }

    /// The files of the plan in the asked formats, as (file name, bytes), rendered before anything is written.
    public func files(for person: Preferences, settings: PlanSettings) throws -> [(path: String, data: Data)] {
        let plan = plan(for: person, settings: settings)
        let id = planID(for: plan, settings: settings)
        let renderer = PlanRenderer(templates: inputs.templates, catalog: inputs.catalog)
        let formats = Set(settings.formats)
        var files: [(path: String, data: Data)] = []
        let (markdown, html) = try renderer.documents(plan, planID: id, paper: settings.paper, html: formats.contains(.html))
        for format in formats.sorted() {
            switch format {
            case .md:
                files.append((format.fileName, Data(markdown.utf8)))
            case .html:
                files.append((format.fileName, Data((html ?? "").utf8)))
            case .json:
                files.append((format.fileName, Data(plan.json(planID: id).utf8)))
            case .ics, .pdf:
                throw PublishError(path: format.fileName, problem: .invalid("the \(format.rawValue) format is not available in this version; use md, html or json"))
            }
        }
        return files
    }

    /// Renders and writes the plan into `folder`; returns the files written.
    public func publish(_ person: Preferences, settings: PlanSettings, to folder: String) throws -> [URL] {
        let files = try files(for: person, settings: settings)
        return try OutputFolder(path: folder).write(files)
    }
}
