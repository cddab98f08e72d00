import BackPlanCore
import Foundation

/// Who a plan's email goes to and from, and its subject, as the user gave them (checked by `PlanMessage`).
public struct EmailSettings: Sendable {
    /// The recipient; nil sends to the preferences' `email`, under the person's name.
    public var to: String?
    public var from: String
    /// Nil gives "Back plan for NAME: FIRST DAY to LAST DAY".
    public var subject: String?

    public init(to: String?, from: String, subject: String?) {
        self.to = to
        self.from = from
        self.subject = subject
    }
}

/// The email of a plan (`plan.eml`): its Markdown and HTML as alternatives, with `plan.ics` attached.
///
/// The Date is the time of writing, given by the caller (the CLI reads
/// `SOURCE_DATE_EPOCH` or the clock); the Message-ID comes from the plan, so
/// with `SOURCE_DATE_EPOCH` set the same inputs give the same bytes.
package struct PlanMessage: Sendable {
    package var from: Mailbox
    package var to: Mailbox
    package var subject: String

    /// Checks every address, name and subject before anything is rendered.
    package init(settings: EmailSettings, plan: Plan) throws(EmailError) {
        from = try Mailbox(parsing: settings.from, place: "--from")
        if let to = settings.to {
            self.to = try Mailbox(parsing: to, place: "--to")
        } else if let email = plan.person.email {
            self.to = try Mailbox(name: plan.person.name, address: email, place: "the preferences' name and email")
        } else {
            throw EmailError(place: "--to", problem: .noRecipient)
        }
        let subject = settings.subject ?? "Back plan for \(plan.person.name): \(plan.start.longText) to \(plan.end.longText)"
        if subject.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw EmailError(place: settings.subject == nil ? "name" : "--subject", problem: .lineBreak)
        }
        self.subject = String(subject.unicodeScalars.filter { $0.properties.generalCategory != .control }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
    }

    /// The whole message; with `images`, the HTML and the images it refers to by `cid:` travel together in a `multipart/related`.
    package func message(planID: String, plan: Plan, markdown: String, html: String, images: [MailMessage.Part] = [],
                         ics: String, pdf: Data? = nil, writtenAt: Date) -> MailMessage {
        let seed = Fingerprint("backplan.email/1", planID, from.address, to.address, subject).hex()
        let htmlPart = MailMessage.Part(contentType: "text/html; charset=utf-8", content: .text(html))
        let alternatives = MailMessage.Part(contentType: "multipart/alternative", content: .multipart(subtype: "alternative", [
            .init(contentType: "text/plain; charset=utf-8", content: .text(Self.plainText(markdown))),
            images.isEmpty ? htmlPart : .init(contentType: "multipart/related; type=\"text/html\"",
                                              content: .multipart(subtype: "related", [htmlPart] + images)),
        ]))
        let calendar = MailMessage.Part(contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                                        content: .attachment(Data(ics.utf8), fileName: Self.attachmentName(plan, "ics")))
        var parts = [alternatives, calendar]
        if let pdf {
            parts.append(MailMessage.Part(contentType: "application/pdf", content: .attachment(pdf, fileName: Self.attachmentName(plan, "pdf"))))
        }
        let headers = [
            "From: \(from.header)",
            "To: \(to.header)",
            MIMEEncoding.unstructured("Subject", subject),
            "Date: \(Self.date(utcSeconds: Int(writtenAt.timeIntervalSince1970.rounded(.down))))",
            "Message-ID: <\(seed).\(CalendarFormat.date(plan.start))@\(from.domain)>",
        ]
        return MailMessage(headers: headers,
                           body: .init(contentType: "multipart/mixed", content: .multipart(subtype: "mixed", parts)),
                           boundarySeed: seed)
    }

    /// What an attachment is saved as: `Back plan - Alex Doe - 2026-12-14.pdf`, so a person's plans stay apart in a downloads folder.
    static func attachmentName(_ plan: Plan, _ fileExtension: String) -> String {
        let name = String(plan.person.name.unicodeScalars.map { "/\\".unicodeScalars.contains($0) ? "-" : Character($0) })
        return "Back plan - \(name) - \(plan.start.iso).\(fileExtension)"
    }

    /// RFC 5322 date-time of an instant, in UTC: `Mon, 30 Nov 2026 07:30:05 +0000`.
    static func date(utcSeconds: Int) -> String {
        let (day, seconds) = utcDay(utcSeconds)
        let time = "\(pad(seconds / 3600)):\(pad(seconds % 3600 / 60)):\(pad(seconds % 60))"
        return "\(day.weekday.shortTitle), \(pad(day.day)) \(day.monthName.prefix(3)) \(day.year) \(time) +0000"
    }

    /// When a message was sent, for people: `7 December 2026 at 17:45 UTC`.
    package static func sentText(_ date: Date) -> String {
        let (day, seconds) = utcDay(Int(date.timeIntervalSince1970.rounded(.down)))
        return "\(day.longText) at \(pad(seconds / 3600)):\(pad(seconds % 3600 / 60)) UTC"
    }

    /// The UTC day of an instant and the seconds since its midnight.
    private static func utcDay(_ utcSeconds: Int) -> (CivilDate, Int) {
        let days = utcSeconds >= 0 ? utcSeconds / 86_400 : (utcSeconds - 86_399) / 86_400
        return (CivilDate(daysSinceEpoch: days), utcSeconds - days * 86_400)
    }

    private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// The Markdown as a mail client shows text: without the HTML-only markers.
    ///
    /// A marker line (where the HTML places a grid, a card's frame, a figure or
    /// a QR code) would show in the text part as a raw comment that means
    /// nothing to a reader; each card's steps already say what its figure shows.
    static func plainText(_ markdown: String) -> String {
        markdown.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !($0.hasPrefix("<!-- backplan:") && $0.hasSuffix("-->")) }
            .joined(separator: "\n")
    }
}
