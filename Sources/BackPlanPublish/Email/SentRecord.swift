import Foundation

/// `plan.sent`: what was sent, to whom and when, written next to `plan.eml` once the sendmail program took it.
///
/// The Message-ID comes from the plan, the sender, the recipient and the
/// subject, so it names the message: a later `--send` of a message with the
/// same Message-ID is the same message again and is not sent (`--resend`
/// sends it on purpose); a changed plan has another Message-ID and is sent.
package struct SentRecord: Equatable, Sendable {
    /// The record's file name in the person's folder.
    package static let fileName = "plan.sent"

    /// The message's Message-ID header, angle brackets included.
    package var messageID: String
    /// The recipient as shown to the user: `Alex Doe <alex@example.com>`.
    package var recipient: String
    /// When sendmail took the message (the time of writing: `SOURCE_DATE_EPOCH` or the clock).
    package var sentAt: Date

    package init(messageID: String, recipient: String, sentAt: Date) {
        self.messageID = messageID
        self.recipient = recipient
        self.sentAt = sentAt
    }

    /// The file's text: one `key: value` line each, after a line telling a reader what the file is for.
    package var data: Data {
        Data("""
            # plan.eml was sent; a later --send skips it while its Message-ID is the same. --resend (or deleting this file) sends it again.
            message-id: \(messageID)
            to: \(Self.oneLine(recipient))
            sent: \(Self.timestamp(sentAt))

            """.utf8)
    }

    /// Reads a record; nil for a file that is not one (an older record or one edited by hand is treated as no record).
    package init?(parsing data: Data) {
        guard data.count <= 64 * 1024, let text = String(data: data, encoding: .utf8) else { return nil }
        var fields: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon]] = line[line.index(after: colon)...].drop { $0 == " " }
        }
        guard let id = fields["message-id"], id.hasPrefix("<"), id.hasSuffix(">"),
              let recipient = fields["to"], let sent = fields["sent"], let date = Self.date(parsing: sent)
        else { return nil }
        self.init(messageID: String(id), recipient: String(recipient), sentAt: date)
    }

    /// The Message-ID header of a message BackPlan wrote: searched in its header block only.
    package static func messageID(of message: Data) -> String? {
        let headerEnd = message.firstRange(of: Data("\r\n\r\n".utf8))?.lowerBound ?? message.endIndex
        guard let headers = String(data: message[..<headerEnd], encoding: .utf8) else { return nil }
        for line in headers.components(separatedBy: "\r\n") {
            let prefix = "message-id:"
            if line.lowercased().hasPrefix(prefix) {
                return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// `2026-12-07T17:45:03Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    private static func date(parsing text: Substring) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.date(from: String(text))
    }

    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}

extension OutputFolder {
    /// The sent record in `folder` (relative to this output folder, "" for itself); nil when there is none or it is not one.
    package func sentRecord(in folder: String) -> SentRecord? {
        let path = folder.isEmpty ? SentRecord.fileName : "\(folder)/\(SentRecord.fileName)"
        guard let url = try? url(for: path), let data = try? Inputs.readData(url.path, limit: 64 * 1024) else { return nil }
        return SentRecord(parsing: data)
    }

    /// Whether `message` is the one `folder`'s record says was sent.
    package func wasSent(_ message: Data, in folder: String) -> SentRecord? {
        guard let record = sentRecord(in: folder), let id = SentRecord.messageID(of: message), id == record.messageID else { return nil }
        return record
    }
}

/// What `email --send` did with a message.
public enum SendOutcome: Equatable, Sendable {
    /// The sendmail program took it; the recipient as shown to the user.
    case sent(to: String)
    /// The folder's `plan.sent` says this very message was sent, to whom and when; it was not sent again.
    case alreadySent(to: String, at: Date)
}

extension PlanPublisher {
    /// Sends the message written at `file` unless its folder's `plan.sent` says it was sent already (or with `resend`),
    /// then records the send next to it.
    ///
    /// The record is written only after the program succeeded; a crash between the two sends the message once more at most.
    package func send(_ file: URL, with sendmail: Sendmail, recipient: String, at date: Date, resend: Bool) throws -> SendOutcome {
        let message = try Inputs.readData(file.path, limit: Int.max)
        let output = OutputFolder(path: file.deletingLastPathComponent().path)
        if !resend, let record = output.wasSent(message, in: "") {
            return .alreadySent(to: record.recipient, at: record.sentAt)
        }
        try sendmail.send(message)
        if let id = SentRecord.messageID(of: message) {
            _ = try output.write([(SentRecord.fileName, SentRecord(messageID: id, recipient: recipient, sentAt: date).data)])
        }
        return .sent(to: recipient)
    }
}
