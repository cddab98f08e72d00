import Foundation
import Testing

/// `email --send` through a real SMTP path: msmtp delivering to an aiosmtpd server on 127.0.0.1.
@Suite("backplan email --send, delivered over SMTP")
struct SMTPDeliveryTests {
    @Test("exactly one message reaches the recipient, its calendar intact",
          .enabled(if: toolExists("msmtp"), "needs msmtp; `make test-deps` installs it"),
          .enabled(if: PythonInspector.available("aiosmtpd"), "needs python3 with aiosmtpd; `make test-deps` installs it"))
    func delivery() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", EmailCommandTests.preferences)
        let server = try SMTPSink(folder: scratch.url.appendingPathComponent("inbox"))
        defer { server.stop() }
        let wrapper = try Self.msmtp(to: server, from: "praxis@example.org", in: scratch)

        let result = try Backplan.run(["email", "zoe.yaml", "--from", "Praxis <praxis@example.org>", "--send", "--sendmail", wrapper.path], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        server.stop()

        #expect(server.messages == ["message-1.eml"])
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: server.folder.appendingPathComponent("message-1.json"))) as? [String: Any])
        #expect(envelope["rcpt_tos"] as? [String] == ["zoe@example.com"])
        #expect(envelope["mail_from"] as? String == "praxis@example.org")

        let received = try PythonInspector.message(server.folder.appendingPathComponent("message-1.eml"))
        let written = try PythonInspector.message(scratch.url.appendingPathComponent("Output/plan.eml"))
        #expect(received.defects.isEmpty)
        #expect(received.addresses["To"] == [.init(name: "Zoë Müller", address: "zoe@example.com")])
        // With rsvg-convert on the PATH the HTML travels in a multipart/related with its figures.
        #expect(received.tree.shape == written.tree.shape)
        #expect(received.tree.shape.hasPrefix("multipart/mixed(multipart/alternative(text/plain,"))
        #expect(received.tree.leaves("image/png").map(\.pngWidth) == written.tree.leaves("image/png").map(\.pngWidth))
        let calendar = try #require(received.tree.leaf("text/calendar")?.contentBase64)
        #expect(calendar == written.tree.leaf("text/calendar")?.contentBase64, "the calendar arrives byte for byte")
        #expect(received.tree.leaf("text/calendar")?.params?["method"] == "PUBLISH")
    }

    @Test("a second batch --send sends nothing and says so; --resend sends again; a changed plan is sent",
          .enabled(if: toolExists("msmtp"), "needs msmtp; `make test-deps` installs it"),
          .enabled(if: PythonInspector.available("aiosmtpd"), "needs python3 with aiosmtpd; `make test-deps` installs it"))
    func batchSendsOnce() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name,email\nAlex Doe,alex@example.com\nZoë Müller,zoe@example.net\n")
        let server = try SMTPSink(folder: scratch.url.appendingPathComponent("inbox"))
        defer { server.stop() }
        let wrapper = try Self.msmtp(to: server, from: "clinic@example.org", in: scratch)
        let batch = ["batch", "roster.csv", "--output", "out", "--format", "md", "--email", "--from", "Clinic <clinic@example.org>",
                     "--send", "--sendmail", wrapper.path, "--start", "2026-12-14"]
        let environment = ["SOURCE_DATE_EPOCH": "1796400000"]

        let first = try Backplan.run(batch, in: scratch.url, environment: environment)
        try #require(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("batch: 2 written, 0 failed, 0 skipped in "))
        #expect(server.messages.count == 2)
        let record = try scratch.read("out/alex-doe/plan.sent")
        #expect(record.contains("\nto: Alex Doe <alex@example.com>\n"))
        #expect(record.contains("\nsent: 2026-12-04T"), "the time of writing, from SOURCE_DATE_EPOCH: \(record)")
        let eml = try scratch.read("out/alex-doe/plan.eml")
        let messageID = try #require(eml.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: ") }).dropFirst("Message-ID: ".count)
        #expect(record.contains("\nmessage-id: \(messageID)\n"))

        let second = try Backplan.run(batch + ["--verbose"], in: scratch.url, environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(server.messages.count == 2, "nothing sent the second time")
        #expect(second.stdout.contains("row 2: out/alex-doe: already sent to Alex Doe <alex@example.com> on "), "\(second.stdout)")
        #expect(second.stdout.contains("\nbatch: 0 written, 0 failed, 0 skipped, 2 already sent (not sent again; --resend sends them) in "), "\(second.stdout)")

        let resent = try Backplan.run(batch + ["--resend"], in: scratch.url, environment: environment)
        #expect(resent.status == 0, "\(resent.stderr)")
        #expect(resent.stdout.hasPrefix("batch: 2 written, 0 failed, 0 skipped in "))
        #expect(server.messages.count == 4, "--resend sends both again")

        let changed = try Backplan.run(batch + ["--weeks", "3"], in: scratch.url, environment: environment)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(server.messages.count == 6, "a changed plan is a new message, sent without --resend")
    }

    @Test("email --send twice sends once and says why; --resend sends again",
          .enabled(if: toolExists("msmtp"), "needs msmtp; `make test-deps` installs it"),
          .enabled(if: PythonInspector.available("aiosmtpd"), "needs python3 with aiosmtpd; `make test-deps` installs it"))
    func emailSendsOnce() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", EmailCommandTests.preferences)
        let server = try SMTPSink(folder: scratch.url.appendingPathComponent("inbox"))
        defer { server.stop() }
        let wrapper = try Self.msmtp(to: server, from: "praxis@example.org", in: scratch)
        let email = ["email", "zoe.yaml", "--from", "Praxis <praxis@example.org>", "--send", "--sendmail", wrapper.path]
        let first = try Backplan.run(email, in: scratch.url)
        try #require(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasSuffix("Sent to Zoë Müller <zoe@example.com>\n"), "\(first.stdout)")
        let second = try Backplan.run(email, in: scratch.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Not sent: this message went to Zoë Müller <zoe@example.com> on "), "\(second.stdout)")
        #expect(second.stdout.contains("(Output/plan.sent); --resend sends it again\n"))
        #expect(server.messages.count == 1)
        let third = try Backplan.run(email + ["--resend"], in: scratch.url)
        #expect(third.stdout.hasSuffix("Sent to Zoë Müller <zoe@example.com>\n"), "\(third.stdout)")
        #expect(server.messages.count == 2)
    }

    /// The sendmail stand-in: msmtp with only command-line settings (--host reads no configuration file), delivering to `server`.
    static func msmtp(to server: SMTPSink, from sender: String, in scratch: ScratchFolder) throws -> URL {
        try EmailCommandTests.script(in: scratch, "msmtp-local", """
            exec msmtp --host=127.0.0.1 --port=\(server.port) --auth=off --tls=off --from=\(sender) "$@"

            """)
    }
}
