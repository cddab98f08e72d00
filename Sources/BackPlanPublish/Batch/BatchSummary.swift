import BackPlanCore
import Foundation

/// The counts of a batch run so far, and how long it has taken.
public struct BatchSummary: Equatable, Sendable, CustomStringConvertible {
    public var written = 0
    public var skipped = 0
    public var failed = 0
    /// With `--send`: people whose current message was sent by an earlier run, left alone.
    public var alreadySent = 0
    /// Rows under way when SIGINT or SIGTERM came, whose helper was stopped.
    public var stopped = 0
    /// The signal that ended the run early (`Interruption`), if one did.
    public var interruptedBy: Int32?
    public var elapsed: Duration = .zero

    public init() {}

    /// Rows done, whatever their outcome.
    public var done: Int { written + skipped + failed + alreadySent + stopped }

    /// Adds one row's outcome to the counts.
    public mutating func count(_ outcome: BatchRowResult.Outcome) {
        switch outcome {
        case .written: written += 1
        case .skipped: skipped += 1
        case .failed: failed += 1
        case .alreadySent: alreadySent += 1
        case .stopped: stopped += 1
        }
    }

    /// Rows finished per second so far.
    public var rate: Double {
        let seconds = elapsed.seconds
        return seconds > 0 ? Double(done) / seconds : 0
    }

    /// "12 written, 3 failed, 1 skipped in 0.42 s (36 plans/s)"; rows already sent or stopped by a signal are counted only when there are some.
    public var description: String {
        let seconds = elapsed.seconds
        let sent = alreadySent == 0 ? "" : ", \(alreadySent) already sent (not sent again; --resend sends \(alreadySent == 1 ? "it" : "them"))"
        return "\(written) written, \(failed) failed, \(skipped) skipped" + sent + (stopped > 0 ? ", \(stopped) stopped" : "") + " in \(String(format: "%.2f", seconds)) s (\(Int(rate.rounded())) \(Plural.word(Int(rate.rounded()), "plan"))/s)"
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
