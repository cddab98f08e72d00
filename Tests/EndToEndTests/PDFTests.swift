import Foundation
import Testing

/// `plan --pdf` with the engines of the machine, checked with poppler's pdfinfo and pdftotext.
@Suite("Printed plans (PDF)")
struct PDFTests {
    static let hasPoppler = toolExists("pdfinfo") && toolExists("pdftotext")

    @Test("WeasyPrint: A4 by default, a cover, each week on a new page, the name, dates and week 1's moves",
          .enabled(if: toolExists("weasyprint") && hasPoppler, "needs weasyprint and poppler-utils (apt-get install weasyprint poppler-utils)"))
    func weasyprintA4() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--pdf", "--pdf-engine", "weasyprint", "--start", "2026-11-30"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let pdf = scratch.url.appendingPathComponent("Output/plan.pdf").path
        let info = try Poppler.info(pdf)
        #expect(info.size == "595.276 x 841.89", "page size \(info.size)")
        let pages = try Poppler.pages(pdf, count: info.pages)
        #expect(pages[0].contains("Back plan for Alex Doe"))
        #expect(pages[0].contains("30 November 2026 to 27 December 2026"))
        #expect(pages[0].contains("Stop and see a healthcare professional"))
        for week in 1...4 {
            let starts = pages.indices.filter { pages[$0].contains("Week \(week): ") && pages[$0].contains("at a glance") }
            #expect(starts.count == 1, "week \(week) should start exactly one page")
        }
        #expect(info.pages >= 5, "cover + 4 weeks at least")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("Output/plan.json").utf8)) as? [String: Any])
        let week1 = try #require((json["weeks"] as? [[String: Any]])?.first?["sessions"] as? [[String: Any]])
        let names = Set(week1.flatMap { ($0["blocks"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] } }.compactMap { $0["name"] as? String })
        let text = pages.joined(separator: "\n")
        for name in names { #expect(text.contains(name), "\(name) missing from the PDF") }
        #expect(pages.allSatisfy { $0.contains("Plan ") }, "every page has the plan id in its footer")
    }

    @Test("Chromium: Letter with --paper letter",
          .enabled(if: toolExists("chromium") && hasPoppler, "needs chromium and poppler-utils (apt-get install chromium poppler-utils)"))
    func chromiumLetter() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--format", "pdf", "--pdf-engine", "chromium", "--paper", "letter", "--weeks", "2"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(scratch.files() == ["Output/plan.pdf"])
        let info = try Poppler.info(scratch.url.appendingPathComponent("Output/plan.pdf").path)
        #expect(info.size == "612 x 792")
        #expect(info.pages >= 3)
    }

    @Test("a brand shows on the cover and in the footer, with its logo embedded",
          .enabled(if: (toolExists("weasyprint") || toolExists("chromium")) && hasPoppler, "needs weasyprint or chromium, and poppler-utils"))
    func brand() throws {
        let scratch = try ScratchFolder()
        try scratch.write("brand/brand.yaml", "name: Riverside Physio\nphone: \"+44 1234 567890\"\nlogo: logo.svg\n")
        try scratch.write("brand/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><rect width=\"120\" height=\"40\" fill=\"#000\"/></svg>")
        let result = try Backplan.run(["plan", "--pdf", "--brand", "brand/brand.yaml", "--weeks", "1"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let html = try scratch.read("Output/plan.html")
        #expect(html.contains("src=\"data:image/svg+xml;base64,"))
        let pdf = scratch.url.appendingPathComponent("Output/plan.pdf").path
        let pages = try Poppler.pages(pdf, count: try Poppler.info(pdf).pages)
        #expect(pages[0].contains("Riverside Physio"))
        #expect(pages.last!.contains("Riverside Physio · +44 1234 567890"), "the footer carries the brand")
    }

    @Test("bad brand files are clear errors and nothing is written", arguments: [
        ("name: A\ncolour: red\n", "brand.yaml:2:1: colour: unknown key"),
        ("phone: 1\n", "brand.yaml:1:1: name: is required but missing"),
        ("name: A\nlogo: missing.png\n", "missing.png does not exist"),
        ("name: A\nlogo: brand.yaml\n", "is not a PNG, JPEG, GIF, WebP or SVG image"),
    ])
    func badBrand(yaml: String, expected: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("brand.yaml", yaml)
        let result = try Backplan.run(["plan", "--brand", "brand.yaml"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
        #expect(!scratch.exists("Output"))
    }

    @Test("no engine on the PATH: says what to install, writes nothing")
    func noEngine() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--pdf"], in: scratch.url, environment: ["PATH": scratch.url.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no HTML-to-PDF engine found; install WeasyPrint (`apt-get install weasyprint`) or Chromium"))
        #expect(!scratch.exists("Output"))
    }

    @Test("Chromium prints warm by default, over its DevTools pipe; BACKPLAN_PDF_MODE=process-per-plan starts it for each plan",
          arguments: zip(["", "warm", "process-per-plan"], ["--remote-debugging-pipe", "--remote-debugging-pipe", "--print-to-pdf="]))
    func pdfMode(mode: String, flag: String) throws {
        let scratch = try ScratchFolder()
        // A "chromium" that notes how it was started and prints nothing.
        let engine = try scratch.write("bin/chromium", "#!/bin/sh\necho \"$@\" >> \"${0%/*}/../arguments\"\nexit 0\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: engine.path)
        let result = try Backplan.run(["plan", "--pdf", "--pdf-engine", "chromium", "--timeout", "10"], in: scratch.url,
                                      environment: ["PATH": engine.deletingLastPathComponent().path, "BACKPLAN_PDF_MODE": mode])
        #expect(result.status != 0)
        let arguments = try scratch.read("arguments")
        #expect(arguments.contains(flag), "\(arguments)")
        #expect(!scratch.exists("Output/plan.pdf"))
    }

    @Test("an unknown BACKPLAN_PDF_MODE is refused, naming the allowed values")
    func unknownPDFMode() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--pdf"], in: scratch.url, environment: ["BACKPLAN_PDF_MODE": "fast"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("BACKPLAN_PDF_MODE 'fast' is not a way to print; expected one of: warm, process-per-plan"), "\(result.stderr)")
        #expect(!scratch.exists("Output"))
    }

    @Test("a failing engine shows its stderr and writes nothing")
    func failingEngine() throws {
        let scratch = try ScratchFolder()
        let engine = try scratch.write("bin/weasyprint", "#!/bin/sh\necho 'cannot load fonts' >&2\nexit 3\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: engine.path)
        let result = try Backplan.run(["plan", "--pdf"], in: scratch.url, environment: ["PATH": engine.deletingLastPathComponent().path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("weasyprint failed with exit status 3:\ncannot load fonts"), "stderr: \(result.stderr)")
        #expect(!scratch.exists("Output"))
    }
}

/// poppler-utils, as a reader of the PDFs would use them.
enum Poppler {
    struct Info {
        var pages: Int
        var size: String
    }

    static func info(_ pdf: String) throws -> Info {
        let text = try run("pdfinfo", [pdf])
        let lines = text.split(separator: "\n")
        let pages = lines.first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
        let size = lines.first { $0.hasPrefix("Page size:") }.map { line in
            String(line.dropFirst(10).trimmingCharacters(in: .whitespaces).split(separator: " pts").first ?? "")
        } ?? ""
        return Info(pages: pages, size: size)
    }

    /// The text of every page, one string each.
    static func pages(_ pdf: String, count: Int) throws -> [String] {
        try (1...max(count, 1)).map { page in try run("pdftotext", ["-f", "\(page)", "-l", "\(page)", "-layout", pdf, "-"]) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        try ChildProcess.run(tool: tool, arguments).stdout
    }
}
