import BackPlanCore
import BackPlanRender
import Foundation

/// How a batch run works: the plan settings every row shares, plus where and how many at once.
public struct BatchSettings: Sendable {
    /// The settings of every row's plan; its `seed` is the run's seed, from which each row's seed derives.
    public var plan: PlanSettings
    /// The folder that receives one sub-folder per person.
    public var output: String
    /// How many rows are planned and written at the same time.
    public var jobs: Int
    /// The slice of the roster this run writes.
    public var shard: RosterShard = .all
    /// Leave people whose files are all there, none empty, and newer than the roster and `inputFiles`.
    public var skipExisting = false
    /// Files besides the roster the output depends on (`--catalog`, the files of `--templates`), for `skipExisting`.
    public var inputFiles: [String] = []
    /// With `--email`: every person also gets `plan.eml`, addressed to the row's `email`.
    public var email: BatchEmail?
    /// With `--after-dir`: the folder of last block's logs, one person's at `<folder>/log.csv` (the layout
    /// `batch` writes its plans in), from which each person with a log gets the next block.
    public var afterDirectory: String?

    /// How rows are written: each one flushed to the disk before its message is sent (`--send`), so a
    /// crash cannot lose the plan.eml that marks it sent; otherwise not, and the run flushes as it goes and at its end.
    package var durability: AtomicFile.Durability { email?.sendmail == nil ? .deferred : .synced }

    /// The workers a run may have: more only costs memory, and the pipeline's window (`jobs × 64` rows) must not overflow.
    public static let jobsRange = 1...1024

    public init(plan: PlanSettings, output: String, jobs: Int) {
        self.plan = plan
        self.output = output
        self.jobs = min(max(Self.jobsRange.lowerBound, jobs), Self.jobsRange.upperBound)
    }

    /// Where the log of the person in `folder` is looked for with `--after-dir`; nil without it.
    public func logPath(folder: String) -> String? {
        afterDirectory.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + folder + "/" + Checklist.logFileName }
    }

    /// The settings of one row's plan: the run's settings with the row's own seed and folder.
    public func planSettings(folder: String) -> PlanSettings {
        var settings = plan
        settings.seed = RosterRow.seed(base: plan.seed, folder: folder)
        settings.folder = output + "/" + folder
        return settings
    }
}

/// `batch --email`: who the messages come from, and whether they are sent.
public struct BatchEmail: Sendable {
    /// The sender and subject of every message; the recipient is each row's `email`.
    public var message: EmailSettings
    /// With `--send`: the program each message is piped to after it is written.
    package var sendmail: Sendmail?
    /// With `--resend`: send a person's message even when their `plan.sent` says this very message was sent.
    public var resend = false

    /// Checks the sender and subject once, so a bad one stops the run before any row.
    ///
    /// - Throws: `EmailError` for a sender that is not an address or a line break in either.
    public init(from: String, subject: String?, sendmail program: String?, searchPath: String, timeout: TimeInterval = 120) throws {
        _ = try Mailbox(parsing: from, place: "--from")
        if let subject, subject.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw EmailError(place: "--subject", problem: .lineBreak)
        }
        message = EmailSettings(to: nil, from: from, subject: subject)
        sendmail = program.map { Sendmail(program: $0, searchPath: searchPath, timeout: timeout) }
        if let sendmail, sendmail.executable == nil {
            throw EmailError(place: "--sendmail", problem: .programNotFound(sendmail.program))
        }
    }
}
