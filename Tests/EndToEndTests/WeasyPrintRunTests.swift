import Foundation
import Testing

enum InstalledWeasyPrintCommand {
    /// Whether the `weasyprint` on the PATH is a Python script (what the driver runs with); a wrapper is run once per plan.
    static let isPython: Bool = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let path = paths.map({ "\($0)/weasyprint" }).first(where: FileManager.default.isExecutableFile(atPath:)),
              let head = FileManager.default.contents(atPath: path)?.prefix(128) else { return false }
        return String(decoding: head, as: UTF8.self).split(separator: "\n").first?.contains("python") == true
    }()
}

/// `--pdf-engine weasyprint`: one driver process for the run prints the same pages as a `weasyprint` process per plan, and leaves nothing behind.
@Suite("WeasyPrint for a run", .serialized,
       .enabled(if: InstalledWeasyPrintCommand.isPython && PDFTests.hasPoppler,
                "needs WeasyPrint installed as a Python program and poppler-utils (apt-get install weasyprint poppler-utils)"))
struct WeasyPrintRunTests {

    @Test("the driver prints the same pages as a weasyprint process per plan: page count, size and text, A4, Letter and branded",
          arguments: ["a4", "letter", "branded"])
    func samePages(look: String) throws {
        let scratch = try ScratchFolder()
        let arguments = ["plan", "--format", "pdf", "--pdf-engine", "weasyprint", "--start", "2026-11-30"] + (try WarmPDFTests.paper(look, in: scratch))
        let driver = try Backplan.run(arguments + ["--output", "driver"], in: scratch.url, environment: try WarmPDFTests.environment(scratch))
        try #require(driver.status == 0, "\(driver.stderr)")
        let fresh = try Backplan.run(arguments + ["--output", "fresh"], in: scratch.url,
                                     environment: try WarmPDFTests.environment(scratch, ["BACKPLAN_PDF_MODE": "process-per-plan"]))
        try #require(fresh.status == 0, "\(fresh.stderr)")
        let driverPDF = scratch.url.appendingPathComponent("driver/plan.pdf").path
        let freshPDF = scratch.url.appendingPathComponent("fresh/plan.pdf").path
        let driverInfo = try Poppler.info(driverPDF)
        let freshInfo = try Poppler.info(freshPDF)
        #expect(driverInfo.pages >= 5, "cover and 4 weeks at least")
        #expect(driverInfo.pages == freshInfo.pages)
        #expect(driverInfo.size == freshInfo.size)
        #expect(driverInfo.size.hasPrefix(look == "letter" ? "612 x 792" : "595.2"), "\(driverInfo.size)")
        let driverPages = try Poppler.pages(driverPDF, count: driverInfo.pages)
        #expect(try driverPages == Poppler.pages(freshPDF, count: freshInfo.pages))
        if look == "branded" { #expect(driverPages.last?.contains("Riverside Physio · +44 1234 567890") == true) }
        try WarmPDFTests.expectNothingLeft(scratch)
    }

    @Test("a batch prints every row with the driver; nothing is left running or in TMPDIR", .timeLimit(.minutes(5)))
    func batch() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name\nAda One\nBo Two\nCy Three\n")
        let result = try Backplan.run(["batch", "roster.csv", "--format", "pdf", "--pdf-engine", "weasyprint", "--weeks", "1", "--jobs", "2"],
                                      in: scratch.url, environment: try WarmPDFTests.environment(scratch))
        #expect(result.status == 0, "\(result.stderr)")
        for folder in ["ada-one", "bo-two", "cy-three"] {
            #expect(scratch.exists("Output/\(folder)/plan.pdf"), "\(folder)")
        }
        try WarmPDFTests.expectNothingLeft(scratch)
    }

    @Test("SIGINT or SIGTERM in the middle of a batch kills the drivers, removes their folder and exits 130 or 143",
          .timeLimit(.minutes(5)), arguments: [SIGINT, SIGTERM])
    func interrupted(signalNumber: Int32) throws {
        try WarmPDFTests.interruptBatch(engine: "weasyprint", rows: 40, signal: signalNumber, waitingUpTo: 180)
    }
}
