import Foundation
import Testing

/// `--pdf` with one warm Chromium per run: same pages as a fresh engine, failures per row, nothing left behind.
@Suite("Warm Chromium runs", .serialized,
       .enabled(if: toolExists("chromium") && PDFTests.hasPoppler, "needs chromium and poppler-utils (apt-get install chromium poppler-utils)"))
struct WarmPDFTests {
    /// Each run gets its own TMPDIR, so leftovers of this run alone are looked for.
    static func environment(_ scratch: ScratchFolder, _ extra: [String: String] = [:]) throws -> [String: String] {
        let temporary = scratch.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        return ["TMPDIR": temporary.path, "BACKPLAN_PDF_MODE": "warm"].merging(extra) { $1 }
    }

    /// The options of a page-equality look: `--paper a4|letter`, or for "branded" a clinic's brand file (with an SVG logo) written into `scratch`.
    static func paper(_ look: String, in scratch: ScratchFolder) throws -> [String] {
        guard look == "branded" else { return ["--paper", look] }
        try scratch.write("brand/brand.yaml", "name: Riverside Physio\nphone: \"+44 1234 567890\"\nlogo: logo.svg\n")
        try scratch.write("brand/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><rect width=\"120\" height=\"40\" fill=\"#000\"/></svg>")
        return ["--brand", "brand/brand.yaml"]
    }

    /// No process mentions the run's TMPDIR (the browser's --user-data-dir is inside) and no browser folder is left.
    static func expectNothingLeft(_ scratch: ScratchFolder, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let temporary = scratch.url.appendingPathComponent("tmp").path
        // Chromium's crash handler is not in the browser's process group: it quits on its own once the browser is gone.
        var processes = ""
        for _ in 0..<30 {
            processes = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/pgrep"), ["-fa", temporary]).stdout
            if processes.isEmpty { break }
            usleep(100_000)
        }
        #expect(processes.isEmpty, "left running: \(processes)", sourceLocation: sourceLocation)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        // Chromium keeps its singleton socket in a folder of TMPDIR, which a killed browser leaves unless BackPlan removes it.
        #expect(folders.filter { $0.hasPrefix("backplan-") || $0.hasPrefix("org.chromium.") }.isEmpty, "left in TMPDIR: \(folders)", sourceLocation: sourceLocation)
    }

    /// A copy of the default templates whose plan.html never finishes loading for people with `large_print: true`.
    ///
    /// The printed page's Content-Security-Policy blocks scripts from its `<head>` on, and nothing outside
    /// the page may be referred to; a script before the head runs before the policy and spins for good.
    static func hangingTemplates(in scratch: ScratchFolder) throws {
        let export = try Backplan.run(["templates", "export", "templates"], in: scratch.url)
        try #require(export.status == 0, "\(export.stderr)")
        let path = "templates/plan.html.mustache"
        let template = try scratch.read(path)
        try #require(template.contains("<html lang=\"en\">\n<head>"))
        try scratch.write(path, template.replacingOccurrences(of: "<html lang=\"en\">\n<head>", with: "<html lang=\"en\">\n{{#largePrint}}<script>for (;;) {}</script>{{/largePrint}}<head>"))
    }

    /// `chromium --headless --print-to-pdf` of `page` alone, as someone would print plan.html by hand.
    static func chromiumAlone(_ page: URL, to pdf: URL, in scratch: ScratchFolder) throws {
        let chromium = try ChildProcess.run(tool: "which", ["chromium"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var arguments = ["--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(scratch.url.appendingPathComponent("alone-profile").path)",
                         "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString]
        if getuid() == 0 { arguments.append("--no-sandbox") }
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.url.path
        let result = try ChildProcess.run(URL(fileURLWithPath: chromium), arguments, environment: environment)
        try #require(result.status == 0 && FileManager.default.fileExists(atPath: pdf.path), "chromium alone: \(result.stderr)")
    }

    @Test("the warm browser prints the same pages as a fresh engine and as Chromium alone printing plan.html",
          arguments: ["a4", "letter", "branded"])
    func samePages(look: String) throws {
        let scratch = try ScratchFolder()
        let arguments = ["plan", "--format", "html,pdf", "--pdf-engine", "chromium", "--start", "2026-11-30"] + (try Self.paper(look, in: scratch))
        let warm = try Backplan.run(arguments + ["--output", "warm"], in: scratch.url, environment: try Self.environment(scratch))
        try #require(warm.status == 0, "\(warm.stderr)")
        let fresh = try Backplan.run(arguments + ["--output", "fresh"], in: scratch.url,
                                     environment: try Self.environment(scratch, ["BACKPLAN_PDF_MODE": "process-per-plan"]))
        try #require(fresh.status == 0, "\(fresh.stderr)")
        // The page as printed without script: a browser that runs plan.html's checklist script prints its
        // controls too, while plan.pdf is the blank sheet (the print path allows no script).
        let page = try scratch.read("warm/plan.html")
        let withoutScript = page.replacingOccurrences(of: #"(?s)<script\b.*?</script>"#, with: "", options: .regularExpression)
        #expect(withoutScript != page, "plan.html carries the checklist script")
        let alonePage = try scratch.write("alone/plan.html", withoutScript)
        let alone = scratch.url.appendingPathComponent("alone.pdf")
        try Self.chromiumAlone(alonePage, to: alone, in: scratch)
        let warmPDF = scratch.url.appendingPathComponent("warm/plan.pdf").path
        let warmInfo = try Poppler.info(warmPDF)
        let warmPages = try Poppler.pages(warmPDF, count: warmInfo.pages)
        #expect(warmInfo.pages >= 5, "cover and 4 weeks at least")
        for other in [scratch.url.appendingPathComponent("fresh/plan.pdf").path, alone.path] {
            let info = try Poppler.info(other)
            #expect(warmInfo.pages == info.pages, "\(other)")
            #expect(warmInfo.size == info.size, "\(other)")
            #expect(try warmPages == Poppler.pages(other, count: info.pages), "\(other)")
        }
        if look == "branded" { #expect(warmPages.last?.contains("Riverside Physio · +44 1234 567890") == true) }
        try Self.expectNothingLeft(scratch)
    }

    @Test("a row whose document hangs fails with the engine's message; the other rows print; nothing is left running",
          .timeLimit(.minutes(3)))
    func rowFailsAlone() throws {
        let scratch = try ScratchFolder()
        try Self.hangingTemplates(in: scratch)
        try scratch.write("roster.csv", "name,large_print\nAda One,false\nBo Two,true\nCy Three,false\nDee Four,false\n")
        let result = try Backplan.run(["batch", "roster.csv", "--format", "pdf", "--pdf-engine", "chromium", "--templates", "templates", "--weeks", "1", "--jobs", "2", "--timeout", "10"],
                                      in: scratch.url, environment: try Self.environment(scratch))
        #expect(result.status == 1)
        #expect(result.stderr.contains("roster.csv:3: plan.pdf: chromium did not print the plan within 10 seconds (stopped while loading the page)"), "\(result.stderr)")
        #expect(result.stdout.contains("batch: 3 written, 1 failed"), "\(result.stdout)")
        for folder in ["ada-one", "cy-three", "dee-four"] {
            #expect(scratch.exists("Output/\(folder)/plan.pdf"), "\(folder)")
        }
        #expect(!scratch.exists("Output/bo-two/plan.pdf"))
        try Self.expectNothingLeft(scratch)
    }

    @Test("a failed plan run leaves no browser behind",
          .timeLimit(.minutes(3)))
    func failedRun() throws {
        let scratch = try ScratchFolder()
        try Self.hangingTemplates(in: scratch)
        try scratch.write("me.yaml", "name: Bo\nlarge_print: true\n")
        let result = try Backplan.run(["plan", "me.yaml", "--pdf", "--pdf-engine", "chromium", "--templates", "templates", "--weeks", "1", "--timeout", "3"],
                                      in: scratch.url, environment: try Self.environment(scratch))
        #expect(result.status != 0)
        #expect(result.stderr.contains("chromium did not print the plan within 3 seconds"), "\(result.stderr)")
        #expect(!scratch.exists("Output/plan.pdf"))
        try Self.expectNothingLeft(scratch)
    }

    @Test("SIGINT or SIGTERM in the middle of a batch closes the browser, removes its folder and exits 130 or 143", arguments: [SIGINT, SIGTERM])
    func interrupted(signalNumber: Int32) throws {
        try Self.interruptBatch(engine: "chromium", rows: 60, signal: signalNumber, waitingUpTo: 120)
    }

    /// Runs `batch --format pdf` of `rows` people with `engine`, sends `signal` once the first PDFs are written (so the
    /// engine is busy printing), and expects the run's own interruption path: exit 128 + the signal, stopped early, nothing left.
    static func interruptBatch(engine: String, rows: Int, signal: Int32, waitingUpTo seconds: TimeInterval,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name\n" + (1...rows).map { "Person \($0)\n" }.joined())
        var environment = ProcessInfo.processInfo.environment
        environment.merge(try Self.environment(scratch)) { $1 }
        environment["HOME"] = scratch.url.path
        let process = Process()
        process.executableURL = Backplan.binary
        process.arguments = ["batch", "roster.csv", "--format", "pdf", "--pdf-engine", engine, "--weeks", "1", "--quiet"]
        process.currentDirectoryURL = scratch.url
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline, !scratch.exists("Output/person-2/plan.pdf") { usleep(50_000) }
        try #require(process.isRunning, "the batch ended before it could be interrupted", sourceLocation: sourceLocation)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, sourceLocation: sourceLocation)
        #expect(process.terminationStatus == 128 + signal, sourceLocation: sourceLocation)
        #expect(!scratch.exists("Output/person-\(rows)/plan.pdf"), "the run stopped early", sourceLocation: sourceLocation)
        usleep(200_000)
        try expectNothingLeft(scratch, sourceLocation: sourceLocation)
    }
}
