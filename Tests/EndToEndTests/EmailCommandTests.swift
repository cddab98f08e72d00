import Foundation
import Testing

/// `backplan email`: plan.eml as a mail client reads it (Python's `email` package), and `--send`.
@Suite("backplan email, run as a user would")
struct EmailCommandTests {
    static let preferences = """
        name: Zoë Müller
        email: zoe@example.com
        start: 2026-10-19
        weeks: 2
        time: "07:30"
        timezone: Europe/Berlin

        """

    /// A PATH without rsvg-convert: the email goes without figures.
    static let pathWithoutRasterizer = ["PATH": "/nonexistent/backplan-test"]

    @Test("plan.eml is multipart/mixed: Markdown and HTML alternatives, plan.ics attached, names encoded",
          .enabled(if: PythonInspector.available("email"), "needs python3"))
    func structure() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        // Without rsvg-convert: the HTML alternative stands alone, plan.html without its figures.
        let result = try Backplan.run(["email", "zoe.yaml", "--from", "Praxis Übel <praxis@example.org>", "--output", "mail"],
                                      in: scratch.url, environment: Self.pathWithoutRasterizer)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "mail/plan.eml\n")
        #expect(result.stderr.isEmpty)
        try #require(try Backplan.run(["plan", "zoe.yaml", "--output", "plan"], in: scratch.url).status == 0)

        let message = try PythonInspector.message(scratch.url.appendingPathComponent("mail/plan.eml"))
        #expect(message.defects.isEmpty)
        #expect(message.tree.shape == "multipart/mixed(multipart/alternative(text/plain,text/html),text/calendar)")
        #expect(message.addresses["To"] == [.init(name: "Zoë Müller", address: "zoe@example.com")], "RFC 2047 round trip")
        #expect(message.addresses["From"] == [.init(name: "Praxis Übel", address: "praxis@example.org")])
        #expect(message.headers["Subject"] == "Back plan for Zoë Müller: 19 October 2026 to 1 November 2026")
        #expect(message.headers["MIME-Version"] == "1.0")
        #expect(message.dateParsed == "2026-11-27T09:15:07+00:00", "SOURCE_DATE_EPOCH")
        #expect(message.headers["Message-ID"]??.hasSuffix(".20261019@example.org>") == true)
        #expect(message.rawHeaders.contains("To: =?utf-8?q?Zo=C3=AB_M=C3=BCller?= <zoe@example.com>"))
        #expect(message.headerAscii && message.bodyAscii, "7-bit: encoded headers, quoted-printable and base64 bodies")
        #expect(message.maxLineOctets <= 76)
        #expect(message.bareLf == 0)

        let plain = try #require(message.tree.leaf("text/plain"))
        let html = try #require(message.tree.leaf("text/html"))
        let calendar = try #require(message.tree.leaf("text/calendar"))
        #expect(plain.encoding == "quoted-printable" && html.encoding == "quoted-printable")
        // MIME text travels with CRLF line breaks; the files on disk use LF. The text part is
        // plan.md without the HTML-only markers where the HTML places its tick-box grids.
        let markdown = try scratch.read("plan/plan.md").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<!-- backplan:") }.joined(separator: "\n")
        #expect(plain.text?.replacingOccurrences(of: "\r\n", with: "\n") == markdown)
        #expect(plain.text?.contains("<!--") == false)
        let figures = try Regex(#"<figure class="move-figure">[\s\S]*?</figure>\n"#)
        // plan.html's checklist (its policy, data and script) stays out of the message: mail clients strip scripts.
        let checklist = try Regex(#"<meta http-equiv="Content-Security-Policy"[^>]*>\n|<script type="application/json" id="backplan-checklist">[\s\S]*?</script>\n<script>[\s\S]*?</script>\n"#)
        let page = try scratch.read("plan/plan.html")
        #expect(page.contains("<script>"))
        #expect(html.text?.replacingOccurrences(of: "\r\n", with: "\n") == page.replacing(figures, with: "").replacing(checklist, with: ""))
        #expect(html.text?.contains("<img") == false && html.text?.contains("cid:") == false && html.text?.contains("<svg") == false)
        #expect(message.tree.leaves("image/png").isEmpty)
        #expect(calendar.params?["method"] == "PUBLISH")
        #expect(calendar.disposition == "attachment" && calendar.filename == "Back plan - Zoë Müller - 2026-10-19.ics", "RFC 2231 round trip")
        let raw = try scratch.read("mail/plan.eml")
        #expect(raw.contains(" filename=\"Back plan - Zoe Muller - 2026-10-19.ics\"\r\n"), "ASCII fallback")
        #expect(raw.contains(" name=\"Back plan - Zoe Muller - 2026-10-19.ics\"\r\n"))
        #expect(calendar.contentBase64.flatMap { Data(base64Encoded: $0) } == (try Data(contentsOf: scratch.url.appendingPathComponent("plan/plan.ics"))))
    }

    @Test("with SOURCE_DATE_EPOCH the same inputs give the same bytes, Date, DTSTAMP and Message-ID included")
    func deterministic() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        for folder in ["a", "b"] {
            let result = try Backplan.run(["email", "zoe.yaml", "--from", "praxis@example.org", "--output", folder], in: scratch.url)
            try #require(result.status == 0, "\(result.stderr)")
            try #require(try Backplan.run(["plan", "zoe.yaml", "--output", folder], in: scratch.url).status == 0)
        }
        #expect(try scratch.read("a/plan.eml") == scratch.read("b/plan.eml"))
        #expect(try scratch.read("a/plan.ics") == scratch.read("b/plan.ics"))
        #expect(try scratch.read("a/plan.eml").contains("Date: Fri, 27 Nov 2026 09:15:07 +0000\r\n"))
        #expect(try scratch.read("a/plan.ics").contains("DTSTAMP:20261127T091507Z\r\n"))
        let other = try Backplan.run(["email", "zoe.yaml", "--from", "praxis@example.org", "--to", "sam@example.net", "--output", "c"], in: scratch.url)
        try #require(other.status == 0)
        let messageID = { (text: String) in text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") } }
        #expect(messageID(try scratch.read("a/plan.eml")) != messageID(try scratch.read("c/plan.eml")), "another recipient, another Message-ID")
    }

    @Test("without SOURCE_DATE_EPOCH, Date and DTSTAMP are the time the files are written",
          .enabled(if: PythonInspector.available("email", "icalendar"), "needs python3 and icalendar"))
    func dateIsNow() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let before = Date()
        for arguments in [["email", "zoe.yaml", "--from", "praxis@example.org", "--output", "out"], ["plan", "zoe.yaml", "--output", "out"]] {
            let result = try Backplan.run(arguments, in: scratch.url, unsetting: ["SOURCE_DATE_EPOCH"])
            try #require(result.status == 0, "\(result.stderr)")
        }
        let iso = ISO8601DateFormatter()
        let message = try PythonInspector.message(scratch.url.appendingPathComponent("out/plan.eml"))
        let date = try #require(message.dateParsed.flatMap { iso.date(from: $0) })
        #expect(abs(date.timeIntervalSince(before)) < 60, "Date \(date) is within a minute of \(before)")
        let calendar = try PythonInspector.calendar(scratch.url.appendingPathComponent("out/plan.ics"))
        for event in calendar.events {
            let stamp = try #require(iso.date(from: event.dtstamp))
            #expect(abs(stamp.timeIntervalSince(before)) < 60, "DTSTAMP \(stamp) is within a minute of \(before)")
        }
    }

    @Test("a SOURCE_DATE_EPOCH that is not whole seconds is refused")
    func badSourceDateEpoch() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let result = try Backplan.run(["email", "zoe.yaml", "--from", "praxis@example.org"], in: scratch.url, environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: SOURCE_DATE_EPOCH 'yesterday' is not a time; expected whole seconds since 1970-01-01 00:00 UTC"))
        #expect(scratch.files() == ["zoe.yaml"])
    }

    @Test("header injection and malformed addresses are refused and nothing is written", arguments: [
        (["--to", "zoe@example.com\r\nBcc: victim@example.net"], "Error: --to: contains a line break (CR or LF), which a mail header cannot hold; write it on one line\n"),
        (["--from", "Praxis\n<praxis@example.org>"], "Error: --from: contains a line break (CR or LF), which a mail header cannot hold; write it on one line\n"),
        (["--subject", "Hello\nBcc: victim@example.net"], "Error: --subject: contains a line break (CR or LF), which a mail header cannot hold; write it on one line\n"),
        (["--subject", "Hello\rX-Spam: yes"], "Error: --subject: contains a line break (CR or LF), which a mail header cannot hold; write it on one line\n"),
        (["--to", "zoe@example.com, sam@example.net"], "Error: --to: 'zoe@example.com, sam@example.net' is not an email address; expected alex@example.com or \"Alex Doe <alex@example.com>\"\n"),
        (["--from", "praxis"], "Error: --from: 'praxis' is not an email address; expected alex@example.com or \"Alex Doe <alex@example.com>\"\n"),
    ])
    func refused(arguments: [String], stderr: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        var all = ["email", "zoe.yaml", "--from", "praxis@example.org", "--output", "mail"]
        all += arguments
        let result = try Backplan.run(all, in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr == stderr)
        #expect(result.stdout.isEmpty)
        #expect(scratch.files() == ["zoe.yaml"])
    }

    @Test("without --to and without an email in the preferences there is no recipient")
    func noRecipient() throws {
        let scratch = try ScratchFolder()
        try scratch.write("sam.yaml", "name: Sam\n")
        let result = try Backplan.run(["email", "sam.yaml", "--from", "praxis@example.org"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr == "Error: --to: no recipient; pass --to ADDRESS or set 'email' in the preferences file\n")
        #expect(scratch.files() == ["sam.yaml"])
    }

    @Test("--send pipes the message to PROGRAM -i -t")
    func sendPipes() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let program = try Self.script(in: scratch, "capture", "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/arguments\"\ncat > \"$(dirname \"$0\")/received\"\n")
        let result = try Backplan.run(["email", "zoe.yaml", "--from", "praxis@example.org", "--send", "--sendmail", program.path, "--verbose"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Output/plan.eml\nSent to Zoë Müller <zoe@example.com> with \(program.path)\n")
        #expect(try scratch.read("arguments") == "-i\n-t\n")
        #expect(try scratch.read("received") == scratch.read("Output/plan.eml"))
    }

    @Test("--send without --verbose says in one line to whom the message went")
    func sendSaysToWhom() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let program = try Self.script(in: scratch, "swallow", "cat > /dev/null\n")
        let result = try Backplan.run(["email", "zoe.yaml", "--from", "praxis@example.org", "--to", "Sam Roe <sam@example.net>", "--send", "--sendmail", program.path],
                                      in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Output/plan.eml\nSent to Sam Roe <sam@example.net>\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("a failing sendmail is an error showing its stderr, and plan.eml is still written")
    func sendFails() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let program = try Self.script(in: scratch, "failing", "echo 'sendmail: cannot connect to mail.example.org' >&2\nexit 75\n")
        let result = try Backplan.run(["email", "zoe.yaml", "--from", "praxis@example.org", "--send", "--sendmail", program.path], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr == "Error: --sendmail: '\(program.path)' failed with exit status 75:\nsendmail: cannot connect to mail.example.org\n")
        #expect(scratch.exists("Output/plan.eml"))
    }

    @Test("a missing sendmail is a clear error, and plan.eml is still written")
    func sendMissing() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let result = try Backplan.run(["email", "zoe.yaml", "--from", "praxis@example.org", "--send", "--sendmail", "no-such-sendmail"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr == "Error: --sendmail: 'no-such-sendmail' was not found on the PATH; install msmtp-mta, Postfix or exim, or pass --sendmail with the program's path\n")
        #expect(scratch.exists("Output/plan.eml"))
    }

    /// An executable shell script in the scratch folder.
    static func script(in scratch: ScratchFolder, _ name: String, _ body: String) throws -> URL {
        let url = try scratch.write(name, "#!/bin/sh\n" + body)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }
}
