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

    func inputs(preparing names: [String] = []) throws -> Inputs {
        try Inputs.load(catalogPath: catalog, templatesPath: templates, preparing: names)
    }
}

/// The flags every plan-writing command shares.
struct PlanOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder to write into.", valueName: "dir"))
    var output: String = "Output"

    // `.unconditional`: "-1" is a (bad) value, not an unknown option, so the message says what a seed is.
    @Option(name: .long, parsing: .unconditional, help: "Seed of the planner's choices (0 to 18446744073709551615); the same seed gives the same plan.",
            transform: PlanOptions.seed(from:))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("First day of week 1, overriding the preferences' start.", valueName: "YYYY-MM-DD"))
    var start: String?

    @Option(name: .long, help: ArgumentHelp("Number of weeks (1-12), overriding the preferences.", valueName: "n"))
    var weeks: Int?

    @Option(name: .long, help: "Page size for printing.")
    var paper: Paper = .a4

    @Option(name: .long, help: "The HTML-to-PDF engine; default: Chromium (one warm browser per run) if installed, else WeasyPrint.")
    var pdfEngine: PDFEngineKind?

    @Option(name: .long, help: ArgumentHelp("A clinic's brand YAML (name, address, phone, website, email, logo) for the cover and footer.", valueName: "file"))
    var brand: String?

    @Flag(name: .long, help: "Print body text at 16 pt or more instead of 12 (also `large_print: true` in the preferences).")
    var largePrint = false

    @Option(name: .long, help: ArgumentHelp("The exercise site's address (as `site --base-url`): each move of the handout links to its page, with a QR code.", valueName: "url"))
    var siteURL: String?

    @Option(name: .long, help: ArgumentHelp("Seconds a PDF engine or sendmail may run before it and everything it started are stopped.", valueName: "seconds"))
    var timeout: Int = 120

    @Flag(name: .long, help: "Say more about what was done.")
    var verbose = false

    static func seed(from text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("expected a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    func validate() throws {
        if let siteURL, SiteSettings.normalizedBaseURL(siteURL) == nil {
            throw ValidationError("--site-url '\(siteURL)' is not a web address; expected http:// or https:// and a host, such as https://clinic.example.org/moves/")
        }
        if let start, CivilDate(iso: start) == nil {
            throw ValidationError("--start '\(start)' is not a date; expected YYYY-MM-DD, such as 2026-11-30")
        }
        if !(1...86_400).contains(timeout) {
            throw ValidationError("--timeout \(timeout) is out of range 1..86400 (seconds)")
        }
        if let weeks, !Preferences.weeksRange.contains(weeks) {
            throw ValidationError("--weeks \(weeks) is out of range 1..12")
        }
    }

    /// The run's PDF printer when `formats` has a PDF, started now so the browser boots while the plans are made; close it at the end.
    func printer(for formats: [OutputFormat]) throws -> PrintEngine? {
        guard formats.contains(.pdf) else { return nil }
        // SIGINT and SIGTERM go through `Interruption`, which also stops the warm browser, so the run can still
        // clean up and say what it wrote; caught before the browser starts, so it is never left behind.
        Interruption.shared.catchSignals()
        return try PrintEngine.find(pdfEngine, searchPath: Environment.searchPath(), mode: try Environment.pdfMode(),
                                    timeout: TimeInterval(timeout))
    }

    func settings() throws -> PlanSettings {
        var settings = PlanSettings(today: Environment.today())
        settings.writtenAt = try Environment.writtenAt()
        settings.seed = seed
        settings.start = start.flatMap(CivilDate.init(iso:))
        settings.weeks = weeks
        settings.paper = paper
        settings.pdfEngine = pdfEngine
        settings.searchPath = Environment.searchPath()
        settings.timeout = TimeInterval(timeout)
        settings.brand = try brand.map(BrandFile.load)
        settings.largePrint = largePrint
        settings.siteURL = siteURL.flatMap(SiteSettings.normalizedBaseURL)
        return settings
    }
}

/// `--format`: which files `plan` writes (`email` always writes plan.eml).
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Comma-separated formats: md, html, ics, json, pdf (default: md,html,ics,json).", valueName: "list"))
    var format: String?

    @Flag(name: .long, help: "Also write plan.pdf (short for adding pdf to --format).")
    var pdf = false

    func validate() throws {
        _ = try formats()
    }

    func formats() throws -> [OutputFormat] {
        var formats: [OutputFormat] = []
        if let format {
            for word in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                guard let value = OutputFormat(rawValue: word) else {
                    throw ValidationError("--format '\(word)' is not a format; expected a comma list of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !formats.contains(value) { formats.append(value) }
            }
            if formats.isEmpty { throw ValidationError("--format is empty; expected a comma list such as md,html,json") }
        } else {
            formats = OutputFormat.defaults
        }
        if pdf && !formats.contains(.pdf) { formats.append(.pdf) }
        return formats
    }
}

extension Paper: ExpressibleByArgument {
    /// `a4`, `A4`, `Letter`: page sizes are written either way.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
extension PDFEngineKind: ExpressibleByArgument {}

/// What the command reads from its surroundings, read once here at the edge.
enum Environment {
    /// Today's date in the machine's time zone, or `BACKPLAN_TODAY` (YYYY-MM-DD) when set.
    ///
    /// The override makes "next Monday" and the stale-start warning reproducible in tests and scripted runs.
    static func today() -> CivilDate {
        if let text = ProcessInfo.processInfo.environment["BACKPLAN_TODAY"], let date = CivilDate(iso: text) { return date }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The time files are written: `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) when set, else now.
    ///
    /// Only plan.eml's Date and plan.ics's DTSTAMP carry it; with the variable
    /// set, the same inputs give byte-identical files again.
    static func writtenAt() throws -> Date {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !text.isEmpty else {
            return Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        }
        guard let seconds = Int64(text), seconds >= 0, seconds < 253_402_300_800 else {
            throw ValidationError("SOURCE_DATE_EPOCH '\(text)' is not a time; expected whole seconds since 1970-01-01 00:00 UTC, such as 1764460800")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Where programs such as sendmail are looked up: the PATH, then where sendmail traditionally lives.
    static func searchPath() -> String {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") + ":/usr/sbin:/usr/lib"
    }

    /// How `--pdf` prints: one warm Chromium for the run, or with `BACKPLAN_PDF_MODE=process-per-plan` one engine process per plan.
    static func pdfMode() throws -> PrintEngine.Mode {
        guard let text = ProcessInfo.processInfo.environment["BACKPLAN_PDF_MODE"], !text.isEmpty else { return .warm }
        guard let mode = PrintEngine.Mode(rawValue: text) else {
            throw ValidationError("BACKPLAN_PDF_MODE '\(text)' is not a way to print; expected one of: \(PrintEngine.Mode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return mode
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
