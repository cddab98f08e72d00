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
    /// Seconds a helper program (PDF engine, sendmail) may run before its whole process group is killed (`--timeout`).
    public var timeout: TimeInterval = 120
    /// Today in the user's zone, for "next Monday"; read by the CLI, never here.
    public var today: CivilDate
    /// Print at least 16 pt (`--large-print`), whatever the preferences say.
    public var largePrint = false
    /// The site's address (`--site-url`, normalised to end in `/`): the handout links each move to its page, with a QR code.
    public var siteURL: String?
    /// When the files are written: `plan.eml`'s Date and `plan.ics`'s DTSTAMP; read by the CLI (`SOURCE_DATE_EPOCH` or the clock).
    ///
    /// Only those two fields carry it; plan.md, plan.html and plan.json keep no time of the run (SPEC rule 9).
    public var writtenAt = Date(timeIntervalSince1970: 0)
    /// The folder the plan's files go to: a plan.ics already there is the calendar being replaced, whose SEQUENCE the new one continues.
    public var folder: String?
    /// Where the doses start (0 bottom to 1 top), continuing a previous block (`plan --after`); nil: where the level starts.
    public var startLevel: Double?
    /// Why this block is as it is, for its cover and plan.json (`plan --after`).
    public var after: AfterNote?

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
                 largePrint: settings.largePrint || plan.person.largePrint, siteURL: settings.siteURL, checklist: true)
    }

    /// The person with command-line overrides applied, and the plan made for them.
    public func plan(for person: Preferences, settings: PlanSettings) -> Plan {
        var person = person
        if let weeks = settings.weeks { person.weeks = weeks }
        let start = settings.start ?? person.start ?? settings.today.nextMonday
        person.start = start
        var plan = Planner(catalog: inputs.catalog).plan(for: person, start: start, seed: settings.seed, startLevel: settings.startLevel)
        plan.after = settings.after
        return plan
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
        var fingerprint = Fingerprint(
            plan.person.canonicalText, plan.start.iso, String(plan.seed), settings.paper.rawValue,
            settings.brand?.canonicalText ?? "",
            inputs.fingerprint,
            // Later settings join the id only when used, so earlier plans keep theirs.
            settings.largePrint ? "large-print" : "", settings.siteURL ?? "")
        if let level = settings.startLevel { fingerprint.combine("start-level=\(level)") }
        if let after = settings.after { fingerprint.combine((["after=\(after.rule)"] + after.reasons.map(\.text)).joined(separator: "\n")) }
        return fingerprint.hex(digits: 8)
    }

    /// The files of the plan in the asked formats, as (file name, bytes), rendered before anything is written.
    public func files(for person: Preferences, settings: PlanSettings) throws -> [(path: String, data: Data)] {
        try documents(for: person, settings: settings).files(settings.formats)
    }

    /// The plan's calendar: with a `time`, timed in the preferences' `timezone`, or in floating local time when they name none.
    ///
    /// Floating time (RFC 5545 form 1, no `Z` or TZID) keeps 07:30 at 07:30
    /// wherever the person's calendar is, which is what "time: 07:30" means;
    /// the machine writing the file may be in another zone than the person.
    ///
    /// - Throws: `PublishError` when the zone is not in the system's zone database.
    package func calendar(for plan: Plan, settings: PlanSettings) throws(PublishError) -> PlanCalendar {
        let stamp = Int(settings.writtenAt.timeIntervalSince1970.rounded(.down))
        let previous = try Self.previousCalendar(in: settings.folder)
        guard plan.person.time != nil, let identifier = plan.person.timezone else {
            return PlanCalendar(plan: plan, catalog: inputs.catalog, zone: nil, stamp: stamp, previous: previous)
        }
        guard let zone = CalendarZone(identifier: identifier, covering: plan.start, through: plan.end) else {
            throw PublishError(path: OutputFormat.ics.fileName, problem: .invalid("the time zone '\(identifier)' is not in this machine's zone database; set 'timezone' in the preferences to an IANA name such as Europe/Berlin"))
        }
        return PlanCalendar(plan: plan, catalog: inputs.catalog, zone: zone, stamp: stamp, previous: previous)
    }

    /// The text of `folder/plan.ics`, nil when there is none.
    ///
    /// - Throws: `PublishError` when it is there but cannot be read.
    static func previousCalendar(in folder: String?) throws(PublishError) -> String? {
        guard let folder else { return nil }
        let url = try OutputFolder(path: folder).url(for: OutputFormat.ics.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return String(decoding: try Data(contentsOf: url), as: UTF8.self)
        } catch {
            throw PublishError(path: url.path, problem: .cannotRead(AtomicFile.reason(error)))
        }
    }

    /// Renders and writes the plan into `folder`; returns the plan and the files written.
    ///
    /// - Throws: `PublishError.Problem.otherPersonsPlan` when `folder` holds another person's plan, unless `force`.
    public func publish(_ person: Preferences, settings: PlanSettings, to folder: String, force: Bool = false) throws -> (documents: PlanDocuments, files: [URL]) {
        var settings = settings
        settings.folder = folder
        let output = OutputFolder(path: folder)
        if !force { try output.checkOwner(isNot: plan(for: person, settings: settings).person.name, shownAs: folder) }
        let documents = try documents(for: person, settings: settings)
        return (documents, try output.write(documents.files(settings.formats)))
    }
}
