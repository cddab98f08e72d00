import Foundation
import Testing

/// SIGINT and SIGTERM stop `batch` cleanly: helpers killed with their process groups, the summary printed,
/// nothing half-written left; the next `--skip-existing` run removes what a killed run left and finishes the work.
@Suite("Interrupting backplan batch")
struct InterruptionTests {
    static let rows = 30

    /// A scratch folder with a roster of `rows` people and a sendmail that records its process group, then hangs
    /// with a grandchild of its own (both in that group).
    static func prepare() throws -> (ScratchFolder, hanging: URL, quick: URL) {
        let scratch = try ScratchFolder()
        let people = (1...rows).map { "Person \($0),p\($0)@example.com" }
        try scratch.write("roster.csv", "name,email\n" + people.joined(separator: "\n") + "\n")
        let groups = scratch.url.appendingPathComponent("groups").path
        let hanging = try scratch.write("bin/hanging-sendmail", "#!/bin/sh\ncat >/dev/null\necho $$ >> '\(groups)'\nsleep 300 &\nwait\n")
        let quick = try scratch.write("bin/quick-sendmail", "#!/bin/sh\ncat >/dev/null\n")
        for program in [hanging, quick] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        }
        return (scratch, hanging, quick)
    }

    static func arguments(sendmail: URL, skipExisting: Bool = false) -> [String] {
        ["batch", "roster.csv", "--output", "out", "--format", "md", "--email", "--from", "clinic@example.org",
         "--send", "--sendmail", sendmail.path, "--jobs", "2"] + (skipExisting ? ["--skip-existing"] : [])
    }

    /// The process groups the hanging sendmail recorded.
    static func groups(in scratch: ScratchFolder) -> [pid_t] {
        ((try? scratch.read("groups")) ?? "").split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Folders below `out` with nothing in them, and temporary files left there.
    static func leftovers(in scratch: ScratchFolder) -> [String] {
        let out = scratch.url.appendingPathComponent("out").path
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: out)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: out + "/" + path, isDirectory: &isDirectory), isDirectory.boolValue, (try? FileManager.default.contentsOfDirectory(atPath: out + "/" + path))?.isEmpty ?? false {
                found.append(path + "/")
            }
            if path.hasSuffix(".tmp") { found.append(path) }
        }
        return found.sorted()
    }

    /// Runs backplan with `arguments`, sends `signal` once `whenStarted` holds (or 60 s passed), and waits up to 20 s for it to end.
    /// Nil (with the issue recorded and every helper group killed) when it does not end.
    static func runInterrupted(_ arguments: [String], in scratch: ScratchFolder, signal: Int32, environment: [String: String] = [:],
                               whenStarted: () -> Bool) throws -> (Process, stdout: String, stderr: String)? {
        let process = Process()
        process.executableURL = Backplan.binary
        process.arguments = arguments
        process.currentDirectoryURL = scratch.url
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": scratch.url.path,
                               "LANG": "C.UTF-8", "TZ": "UTC", "BACKPLAN_TODAY": "2026-03-01", "SOURCE_DATE_EPOCH": Backplan.sourceDateEpoch]
            .merging(Backplan.sanitizerEnvironment) { $1 }.merging(environment) { $1 }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let started = Date()
        while !whenStarted(), Date().timeIntervalSince(started) < 60 { usleep(20_000) }
        #expect(whenStarted(), "the helpers did not start within 60 s")
        kill(process.processIdentifier, signal)
        let signalled = Date()
        while process.isRunning, Date().timeIntervalSince(signalled) < 20 { usleep(20_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            for group in groups(in: scratch) { kill(-group, SIGKILL) }
            Issue.record("backplan did not stop within 20 s of the signal")
            return nil
        }
        return (process, String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// Whether every process of `group` is gone, waiting up to 2 s.
    static func isGone(group: pid_t) -> Bool {
        for _ in 0..<100 {
            if kill(-group, 0) != 0 && errno == ESRCH { return true }
            usleep(20_000)
        }
        return false
    }

    @Test("a signal during plan --format pdf kills the engine's group, removes its scratch folder, writes nothing and exits 130")
    func planInterrupted() throws {
        let scratch = try ScratchFolder()
        let groups = scratch.url.appendingPathComponent("groups").path
        let engine = try EmailCommandTests.script(in: scratch, "bin/weasyprint", "echo $$ >> '\(groups)'\n/bin/sleep 300 &\nwait\n")
        let temporary = scratch.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        guard let (process, _, errors) = try Self.runInterrupted(
            ["plan", "--format", "pdf", "--weeks", "1", "--output", "out"], in: scratch, signal: SIGINT,
            environment: ["PATH": engine.deletingLastPathComponent().path, "TMPDIR": temporary.path],
            whenStarted: { !Self.groups(in: scratch).isEmpty }) else { return }
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(process.terminationStatus) \(errors)")
        #expect(errors.hasSuffix("backplan: stopped by SIGINT\n"), "\(errors)")
        for group in Self.groups(in: scratch) { #expect(Self.isGone(group: group), "process group \(group) outlived backplan") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
        #expect(!scratch.files().contains { $0.hasPrefix("out/") })
    }

    @Test("a signal during batch kills the helpers' groups, prints the summary and exits 128 + the signal; --skip-existing finishes",
          arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func interrupted(signal: Int32, status: Int32) throws {
        let (scratch, hanging, quick) = try Self.prepare()
        guard let (process, output, errors) = try Self.runInterrupted(Self.arguments(sendmail: hanging), in: scratch, signal: signal,
                                                                       whenStarted: { Self.groups(in: scratch).count >= 2 }) else { return }
        #expect(process.terminationReason == .exit && process.terminationStatus == status, "\(process.terminationStatus) \(errors)")
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        // The rows under way are stopped (their sendmail killed, or not started once the signal came), none failed.
        #expect(output.hasPrefix("batch: stopped by \(name): 0 written, 0 failed, 0 skipped, "), "\(output)")
        #expect(output.contains(" stopped in ") && output.hasSuffix("; run again with --skip-existing to finish\n"), "\(output)")
        #expect(!errors.contains("failed"), "\(errors)")
        // Nothing of the helpers' groups is left: sendmail and the sleep it started are gone.
        for group in Self.groups(in: scratch) { #expect(Self.isGone(group: group), "process group \(group) outlived backplan") }
        #expect(Self.leftovers(in: scratch) == [])
        // Nothing was recorded as sent: the next run sends both.
        #expect(!scratch.files().contains { $0.hasSuffix("plan.sent") })

        // What a killed run leaves (a temporary file of a process that is gone, an empty folder) goes on the next run.
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        try scratch.write("out/person-3/.plan.md.\(dead.processIdentifier).tmp", "half a pl")
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("out/gone-person"), withIntermediateDirectories: true)
        let again = try Backplan.run(Self.arguments(sendmail: quick, skipExisting: true), in: scratch.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("batch: \(Self.rows) written, 0 failed, 0 skipped in"), "\(again.stdout)")
        #expect(Self.leftovers(in: scratch) == [])
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("out/gone-person").path))
        #expect(scratch.files().filter { $0.hasSuffix("plan.sent") }.count == Self.rows)
    }
}
