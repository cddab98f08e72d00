/// A problem with an email's addresses or subject, or with handing it to sendmail, with the option it is about.
public struct EmailError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        /// A CR or LF, which would let the text add header lines of its own.
        case lineBreak
        case notAnAddress(String)
        case noRecipient
        case programNotFound(String)
        case cannotRun(program: String, reason: String)
        /// `what` says how it ended: "failed with exit status 75", "was killed by signal 9", "did not finish within…".
        case programFailed(program: String, what: String, output: String)
    }

    /// The option or key at fault: `--to`, `--from`, `--subject`, `name`, `--sendmail`.
    public var place: String
    public var problem: Problem

    public init(place: String, problem: Problem) {
        self.place = place
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .lineBreak:
            return "\(place): contains a line break (CR or LF), which a mail header cannot hold; write it on one line"
        case .notAnAddress(let text):
            return "\(place): '\(text)' is not an email address; expected alex@example.com or \"Alex Doe <alex@example.com>\""
        case .noRecipient:
            return "\(place): no recipient; pass --to ADDRESS or set 'email' in the preferences file"
        case .programNotFound(let program):
            return "\(place): '\(program)' was not found on the PATH; install msmtp-mta, Postfix or exim, or pass --sendmail with the program's path"
        case let .cannotRun(program, reason):
            return "\(place): cannot run '\(program)': \(reason)"
        case let .programFailed(program, what, output):
            let detail = output.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(place): '\(program)' \(what)" + (detail.isEmpty ? " and printed nothing" : ":\n\(detail)")
        }
    }
}
