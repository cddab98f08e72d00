import ArgumentParser
import BackPlanCore
import BackPlanPublish
import Foundation

/// `backplan email PREFS --to --from`: the plan as an email message, optionally sent.
struct EmailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: "Write the plan as an email message (plan.eml), and send it with --send.",
        discussion: """
            plan.eml holds the plan as text (Markdown) and HTML, with plan.ics attached for the \
            person's calendar. The HTML shows the figures as PNG images drawn by rsvg-convert \
            (librsvg2-bin) when it is on the PATH, and goes without them when it is not. With --send it is handed to a sendmail-compatible program as \
            `PROGRAM -i -t` (msmtp, Postfix's or exim's sendmail); the file is written either way.
            """
    )

    @Argument(help: ArgumentHelp("The person's preferences YAML.", valueName: "prefs.yaml"))
    var preferences: String

    @Option(name: .long, help: ArgumentHelp("Recipient, such as alex@example.com or \"Alex Doe <alex@example.com>\" (default: the preferences' email).", valueName: "address"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Sender, such as \"Clinic <clinic@example.org>\".", valueName: "address"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("Subject line (default: \"Back plan for NAME: FIRST DAY to LAST DAY\").", valueName: "text"))
    var subject: String?

    @Flag(name: .long, help: "Also send the message with the sendmail program.")
    var send = false

    @Option(name: .long, help: ArgumentHelp("The sendmail-compatible program --send runs, by name or path.", valueName: "program"))
    var sendmail: String = "sendmail"

    @Flag(name: .long, help: "With --send: send even when plan.sent says this very message was sent already.")
    var resend = false

    @Flag(name: .long, help: "Attach plan.pdf as well (needs WeasyPrint or Chromium).")
    var pdf = false

    @Flag(name: .long, help: "Write even over a plan made for another person (read from plan.json in the folder).")
    var force = false

    @OptionGroup var sources: SourceOptions
    @OptionGroup var options: PlanOptions

    func validate() throws {
        if resend && !send { throw ValidationError("--resend only applies with --send") }
    }

    func run() throws {
        let person = try PlanCommand.loadPreferences(preferences)
        let publisher = PlanPublisher(inputs: try sources.inputs(preparing: OutputFormat.templates(for: [.md, .html])))
        let email = EmailSettings(to: to, from: from, subject: subject)
        var settings = try options.settings()
        settings.formats = pdf ? [.pdf] : []
        settings.printer = try options.printer(for: settings.formats)
        // SIGINT and SIGTERM kill running helpers with their process groups, and the warm browser, and end the run cleanly (`Interruption`).
        Interruption.shared.catchSignals()
        defer { settings.printer?.close() }
        if let warning = publisher.startWarning(for: person, settings: settings) { PlanCommand.warn(warning) }
        let written = try publisher.publishEmail(person, settings: settings, email: email, to: options.output, force: force)
        print(PlanCommand.display(written.file))
        if options.verbose, let note = publisher.emailPicturesNote(settings: settings) { print(note) }
        guard send else { return }
        let sender = Sendmail(program: sendmail, searchPath: Environment.searchPath(), timeout: TimeInterval(options.timeout))
        switch try publisher.send(written.file, with: sender, recipient: written.recipient,
                                  at: settings.writtenAt, resend: resend) {
        case .sent(let recipient):
            print("Sent to \(recipient)" + (options.verbose ? " with \(sendmail)" : ""))
        case .alreadySent(let recipient, let date):
            print("Not sent: this message went to \(recipient) on \(PlanMessage.sentText(date)) (\(options.output)/plan.sent); --resend sends it again")
        }
    }
}
