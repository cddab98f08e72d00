import Foundation

/// What happened to one roster row.
public struct BatchRowResult: Equatable, Sendable {
    /// What was done with the row.
    public enum Outcome: Equatable, Sendable {
        /// The person's files were written; their names inside the person's folder.
        case written([String])
        /// `--skip-existing` found the person's files complete and up to date.
        case skipped
        /// With `--send`: the person's `plan.sent` says this very message was sent already, so nothing was written or sent.
        case alreadySent(to: String, at: Date)
        /// The row could not be planned or written; the message names the row.
        case failed(String)
        /// SIGINT or SIGTERM stopped the row's helper (a PDF engine, sendmail) before it was done; the message says what stopped.
        case stopped(String)
    }

    /// The row number, as in messages.
    public var row: Int
    /// The person's folder inside the output folder, when the row got one.
    public var folder: String?
    /// The planner seed of the row (`backplan plan --seed` with it makes the same files).
    public var seed: UInt64?
    public var outcome: Outcome

    public init(row: Int, folder: String?, seed: UInt64?, outcome: Outcome) {
        self.row = row
        self.folder = folder
        self.seed = seed
        self.outcome = outcome
    }
}
