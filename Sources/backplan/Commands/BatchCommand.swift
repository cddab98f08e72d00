import ArgumentParser
import BackPlanCore
import BackPlanPublish
import Foundation

/// `backplan batch ROSTER`: a plan for every person of a roster, several at once.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Write plans for every person of a CSV or YAML roster.",
        discussion: """
            A CSV roster has a header row whose columns are preference keys (name is required, \
            lists are written neck;upper-back, an empty cell keeps the default); a YAML roster is \
            a list of preference mappings. An optional id column names each person's folder, \
            otherwise it is a unique slug of the name. Each person gets DIR/<folder>/plan.*, \
            exactly what `backplan plan` writes for them with --seed set to the row's seed \
            (printed on the plan and with --verbose). A bad row is reported by its row number \
            (the CSV header is row 1) and the others are still written; the exit status is 1 \
            if any row failed. With --after-dir DIR, a person whose DIR/<folder>/log.csv exists \
            gets the next block made from it, as `plan --after` does; a bad log fails that row \
            with the log's file:line.
            """
    )

    @Argument(help: ArgumentHelp("The roster: a .csv file with a header row, or a .yaml list of people.", valueName: "roster"))
    var roster: String

    @OptionGroup var sources: SourceOptions
    @OptionGroup var options: PlanOptions
    @OptionGroup var formats: FormatOptions

    @Option(name: .long, help: ArgumentHelp("Rows planned at the same time (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Write only slice K of N: data row i (the first person is 1) when (i - 1) mod N is K - 1.", valueName: "K/N"))
    var shard: String?

    @Flag(name: .long, help: "Leave people whose files are all there, none empty, and newer than the roster, catalog and templates.")
    var skipExisting = false

    @Flag(name: .long, help: "Print nothing but failed rows: no progress, no summary.")
    var quiet = false

    @Flag(name: .long, help: "Also write each person's plan.eml, to the row's email (needs --from).")
    var email = false

    @Option(name: .long, help: ArgumentHelp("Sender of the messages, such as \"Clinic <clinic@example.org>\".", valueName: "address"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Subject of the messages (default: \"Back plan for NAME: FIRST DAY to LAST DAY\").", valueName: "text"))
    var subject: String?

    @Flag(name: .long, help: "Send each message with the sendmail program after writing it (needs --email).")
    var send = false

    @Option(name: .long, help: ArgumentHelp("The sendmail-compatible program --send runs, by name or path (default: sendmail).", valueName: "program"))
    var sendmail: String?

    @Flag(name: .long, help: "With --send: send again to people whose plan.sent says this very message was sent already.")
    var resend = false

    @Option(name: .customLong("after-dir"), help: ArgumentHelp("Last block's logs, DIR/<folder>/log.csv per person (the folders batch writes): each person with a log gets the next block, the others a first block.", valueName: "dir"))
    var afterDirectory: String?

    func validate() throws {
        if let jobs, !BatchSettings.jobsRange.contains(jobs) {
            throw ValidationError("--jobs \(jobs) is out of range \(BatchSettings.jobsRange.lowerBound)..\(BatchSettings.jobsRange.upperBound)")
        }
        if let shard {
            do { _ = try RosterShard(parsing: shard) } catch { throw ValidationError(error.description) }
        }
        if quiet && options.verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if email && from == nil { throw ValidationError("--email needs --from, the sender of the messages") }
        if !email && (from != nil || subject != nil || send) {
            throw ValidationError("--from, --subject and --send only apply with --email")
        }
        if sendmail != nil && !send { throw ValidationError("--sendmail only applies with --send") }
        if resend && !send { throw ValidationError("--resend only applies with --send") }
        if let afterDirectory {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: afterDirectory, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--after-dir \(afterDirectory) is not a folder; give the folder holding each person's <folder>/log.csv")
            }
        }
    }

    func run() async throws {
        var planSettings = try options.settings()
        planSettings.formats = try formats.formats()
        // One warm engine for every row; closed at the end of the run, also when it fails.
        planSettings.printer = try options.printer(for: planSettings.formats)
        // SIGINT and SIGTERM kill running helpers with their process groups, and the warm browser, and end the run cleanly (`Interruption`).
        Interruption.shared.catchSignals()
        defer { planSettings.printer?.close() }
        var settings = BatchSettings(plan: planSettings, output: options.output, jobs: jobs ?? Environment.coreCount())
        settings.shard = try shard.map { try RosterShard(parsing: $0) } ?? .all
        settings.skipExisting = skipExisting
        settings.afterDirectory = afterDirectory
        settings.inputFiles = [sources.catalog, sources.templates, options.brand].compactMap { $0 }
        if email, let from {
            settings.email = try BatchEmail(from: from, subject: subject, sendmail: send ? (sendmail ?? "sendmail") : nil, searchPath: Environment.searchPath(), timeout: TimeInterval(options.timeout))
            settings.email?.resend = resend
        }
        // Each message carries plan.md and plan.html, whatever the files written.
        let rendered = planSettings.formats + (email ? [.md, .html] : [])
        let runner = BatchRunner(publisher: PlanPublisher(inputs: try sources.inputs(preparing: OutputFormat.templates(for: rendered))), settings: settings)
        let mode: BatchProgressDisplay.Mode = quiet ? .quiet : (Environment.stderrIsTerminal() ? .bar : .lines)
        var progress = BatchProgressDisplay(mode: mode, total: mode == .quiet ? 0 : try runner.rowCount(roster: roster))
        let summary = try await runner.run(roster: roster) { result, summary in
            if case .failed(let message) = result.outcome { progress.fail(message) }
            if options.verbose { print(Self.line(result, output: options.output)) }
            progress.update(summary)
        }
        progress.finish()
        if let signal = summary.interruptedBy {
            // Printed even with --quiet: the run did not do what was asked.
            print("batch: stopped by \(Interruption.name(of: signal)): \(summary); run again with --skip-existing to finish")
            throw ExitCode(128 + signal)
        }
        if !quiet { print("batch: \(summary)") }
        if summary.failed > 0 { throw ExitCode.failure }
    }

    /// `row 2: Output/alex-doe: plan.md, plan.html (seed 123)`, for `--verbose`.
    static func line(_ result: BatchRowResult, output: String) -> String {
        let place = "row \(result.row)" + (result.folder.map { ": \(output)/\($0)" } ?? "")
        let seed = result.seed.map { " (seed \($0))" } ?? ""
        switch result.outcome {
        case .written(let files): return "\(place): \(files.joined(separator: ", "))\(seed)"
        case .skipped: return "\(place): up to date, skipped\(seed)"
        case .failed: return "\(place): failed"
        case .alreadySent(let recipient, let date):
            return "\(place): already sent to \(recipient) on \(PlanMessage.sentText(date)), not sent again\(seed)"
        case .stopped: return "\(place): stopped"
        }
    }
}
