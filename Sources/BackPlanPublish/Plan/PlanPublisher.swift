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

    /// Whether writing `formats` renders plan.html (plan.pdf is printed from it).
    static func rendersHTML(_ formats: some Sequence<OutputFormat>) -> Bool {
        formats.contains { $0 == .html || $0 == .pdf }
    }

    /// Whether writing `formats` renders plan.md (plan.html is converted from it); calendars and JSON need no template.
    static func rendersMarkdown(_ formats: some Sequence<OutputFormat>) -> Bool {
        formats.contains { $0 == .md } || rendersHTML(formats)
    }

    /// The templates that writing `formats` renders: what `Inputs.load` can compile while it reads the catalog.
    public static func templates(for formats: [OutputFormat]) -> [String] {
        guard rendersMarkdown(formats) else { return [] }
        return PlanRenderer.templateNames(html: rendersHTML(formats))
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
    /// A clinic's details for the cover and footer (`--brand`).
    public var brand: Brand?
    /// The engine `--pdf-engine` asks for; nil finds one.
    public var pdfEngine: PDFEngineKind?
    /// The run's PDF printer (one warm engine for every plan); nil starts an engine process per plan.
    public var printer: PrintEngine?
    /// The PATH to look for PDF engines on, read by the CLI.
    public var searchPath = "/usr/local/bin:/usr/bin:/bin"
    /// Today in the user's zone, for "next Monday"; read by the CLI, never here.
    public var today: CivilDate
    /// The machine's IANA time zone, for calendar times when the preferences name none; read by the CLI.
    public var machineTimeZone: String = "UTC"
    /// Print at least 16 pt (`--large-print`), whatever the preferences say.
    public var largePrint = false
    /// The site's address (`--site-url`, normalised to end in `/`): the handout links each move to its page, with a QR code.
    public var siteURL: String?

    public init(today: CivilDate) {
        self.today = today
    }
}

/// Plans a person and renders every asked format, in memory.
public struct PlanPublisher: Sendable {
    public let inputs: Inputs
    /// The figures and QR codes of the run, drawn once per move for every plan it writes.
    let art: HandoutArt
    /// The PNGs of those pictures for emails, drawn once per picture for every message the run writes.
    let mailPictures = MailPictures()

    public init(inputs: Inputs) {
        self.inputs = inputs
        art = HandoutArt(catalog: inputs.catalog)
    }

    /// How the plan looks on paper and on screen: its id, paper, brand, print size and site links.
    func look(for plan: Plan, planID: String, settings: PlanSettings) -> PlanLook {
        PlanLook(planID: planID, paper: settings.paper, brand: settings.brand,
                 largePrint: settings.largePrint || plan.person.largePrint, siteURL: settings.siteURL)
    }

    /// The person with command-line overrides applied, and the plan made for them.
    public func plan(for person: Preferences, settings: PlanSettings) -> Plan {
        var person = person
        if let weeks = settings.weeks { person.weeks = weeks }
        let start = settings.start ?? person.start ?? settings.today.nextMonday
        person.start = start
        return Planner(catalog: inputs.catalog).plan(for: person, start: start, seed: settings.seed)
    }

    /// A warning when the plan starts more than a week before today: likely a stale `start`, not a wish.
    ///
    /// Not an error: remaking an old plan on purpose must still work, with the same bytes.
    public func startWarning(for person: Preferences, settings: PlanSettings) -> String? {
        let start = settings.start ?? person.start ?? settings.today.nextMonday
        guard start < settings.today.adding(days: -7) else { return nil }
        let days = settings.today.daysSinceEpoch - start.daysSinceEpoch
        return "warning: the plan starts on \(start.iso), \(Plural.count(days, "day")) before today (\(settings.today.iso)); its first weeks are in the past. Give a later 'start' or --start to plan from now."
    }

    /// A short id of everything that made the plan, printed on it so a paper copy can be made again.
    public func planID(for plan: Plan, settings: PlanSettings) -> String {
        Fingerprint(
            plan.person.canonicalText, plan.start.iso, String(plan.seed), settings.paper.rawValue,
            settings.brand?.canonicalText ?? "",
            inputs.fingerprint,
            // Later settings join the id only when used, so earlier plans keep theirs.
            settings.largePrint ? "large-print" : "", settings.siteURL ?? ""
        ).hex(digits: 8)
    }

    /// The files of the plan in the asked formats, as (file name, bytes), rendered before anything is written.
    public func files(for person: Preferences, settings: PlanSettings) throws -> [(path: String, data: Data)] {
        try documents(for: person, settings: settings).files(settings.formats)
    }

    /// The plan's calendar, timed in the preferences' zone (else the machine's) when they give a `time`.
    ///
    /// - Throws: `PublishError` when the zone is not in the system's zone database.
    package func calendar(for plan: Plan, settings: PlanSettings) throws(PublishError) -> PlanCalendar {
        guard plan.person.time != nil else { return PlanCalendar(plan: plan, catalog: inputs.catalog, zone: nil) }
        let identifier = plan.person.timezone ?? settings.machineTimeZone
        guard let zone = CalendarZone(identifier: identifier, covering: plan.start, through: plan.end) else {
            throw PublishError(path: OutputFormat.ics.fileName, problem: .invalid("the time zone '\(identifier)' is not in this machine's zone database; set 'timezone' in the preferences to an IANA name such as Europe/Berlin"))
        }
        return PlanCalendar(plan: plan, catalog: inputs.catalog, zone: zone)
    }

    /// Renders and writes the plan into `folder`; returns the plan and the files written.
    public func publish(_ person: Preferences, settings: PlanSettings, to folder: String) throws -> (documents: PlanDocuments, files: [URL]) {
        let documents = try documents(for: person, settings: settings)
        return (documents, try OutputFolder(path: folder).write(documents.files(settings.formats)))
    }
}
