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
        // The sendmail stand-in: msmtp with only command-line settings (--host reads no configuration file).
        let wrapper = try EmailCommandTests.script(in: scratch, "msmtp-local", """
            exec msmtp --host=127.0.0.1 --port=\(server.port) --auth=off --tls=off --from=praxis@example.org "$@"

            """)

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
}
