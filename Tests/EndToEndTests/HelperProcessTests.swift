import Foundation
import Testing

/// PDF engines and sendmail run in a process group of their own, with a time limit, and never keep backplan waiting.
///
/// The helpers' sleeps are bounded (30 s), so a regression makes a test slow and failing, never hung.
@Suite("Helper programs: time limits and process groups")
struct HelperProcessTests {
    static let preferences = "name: Zoe\nemail: zoe@example.com\nweeks: 1\n"

    /// Runs backplan and says how long it took.
    static func timed(_ arguments: [String], in scratch: ScratchFolder, environment: [String: String] = [:]) throws -> (Backplan.Result, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try Backplan.run(arguments, in: scratch.url, environment: environment)
        return (result, clock.now - start)
    }

    static func script(_ scratch: ScratchFolder, _ name: String, _ body: String) throws -> URL {
        try EmailCommandTests.script(in: scratch, name, body)
    }

    /// Whether the process whose id the helper wrote into `file` is gone.
    static func isGone(pidFile: URL) -> Bool {
        guard let pid = Int32((try? String(contentsOf: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else { return false }
        for _ in 0..<100 {
            if kill(pid, 0) != 0 && errno == ESRCH { return true }
            usleep(20_000)
        }
        return false
    }

    @Test("a sendmail that leaves a child holding its output does not keep backplan waiting")
    func sendmailGrandchild() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let program = try Self.script(scratch, "sendmail", "cat > /dev/null\n/bin/sleep 30 &\necho queued\nexit 0\n")
        let (result, elapsed) = try Self.timed(["email", "zoe.yaml", "--from", "clinic@example.org", "--send", "--sendmail", program.path], in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < .seconds(15), "took \(elapsed)")
    }

    @Test("a hanging sendmail is stopped at --timeout, with everything it started")
    func sendmailTimeout() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let program = try Self.script(scratch, "sendmail", "/bin/sleep 30 &\necho $! > \"${0%/*}/child.pid\"\nwait\n")
        let (result, elapsed) = try Self.timed(["email", "zoe.yaml", "--from", "clinic@example.org", "--send", "--sendmail", program.path, "--timeout", "2"], in: scratch)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: --sendmail: '\(program.path)' did not finish within 2 seconds and was stopped and printed nothing\n")
        #expect(elapsed < .seconds(15), "took \(elapsed)")
        #expect(Self.isGone(pidFile: scratch.url.appendingPathComponent("child.pid")), "the helper's child was killed with it")
    }

    @Test("a sendmail killed by a signal is reported as such, not as an exit status")
    func sendmailSignal() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let program = try Self.script(scratch, "sendmail", "cat > /dev/null\nkill -9 $$\n")
        let (result, _) = try Self.timed(["email", "zoe.yaml", "--from", "clinic@example.org", "--send", "--sendmail", program.path], in: scratch)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: --sendmail: '\(program.path)' was killed by signal 9 and printed nothing\n")
    }

    @Test("a PDF engine that leaves a child holding its output does not keep backplan waiting")
    func engineGrandchild() throws {
        let scratch = try ScratchFolder()
        let engine = try Self.script(scratch, "bin/weasyprint", "for last; do :; done\nprintf '%%PDF-1.4\\n' > \"$last\"\n/bin/sleep 30 &\necho started >&2\nexit 0\n")
        let (result, elapsed) = try Self.timed(["plan", "--format", "pdf", "--weeks", "1"], in: scratch, environment: ["PATH": engine.deletingLastPathComponent().path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < .seconds(15), "took \(elapsed)")
    }

    @Test("a hanging PDF engine is stopped at --timeout, with its children, and nothing is written")
    func engineTimeout() throws {
        let scratch = try ScratchFolder()
        let engine = try Self.script(scratch, "bin/weasyprint", "echo 'loading fonts' >&2\n/bin/sleep 30 &\necho $! > \"${0%/*}/child.pid\"\nwait\n")
        let (result, elapsed) = try Self.timed(["plan", "--format", "pdf", "--weeks", "1", "--timeout", "2"], in: scratch, environment: ["PATH": engine.deletingLastPathComponent().path])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: plan.pdf: weasyprint did not finish within 2 seconds and was stopped:\nloading fonts\n")
        #expect(elapsed < .seconds(15), "took \(elapsed)")
        #expect(Self.isGone(pidFile: scratch.url.appendingPathComponent("bin/child.pid")))
        #expect(!scratch.exists("Output"))
    }

    @Test("a helper's output is capped to its last 64 KB")
    func outputCapped() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", Self.preferences)
        let program = try Self.script(scratch, "sendmail", "cat > /dev/null\nhead -c 5000000 /dev/zero | tr '\\0' 'x'\necho\necho THE-END\nexit 1\n")
        let (result, elapsed) = try Self.timed(["email", "zoe.yaml", "--from", "clinic@example.org", "--send", "--sendmail", program.path], in: scratch)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("THE-END\n"))
        #expect(result.stderr.utf8.count < 70_000)
        #expect(elapsed < .seconds(15))
    }
}
