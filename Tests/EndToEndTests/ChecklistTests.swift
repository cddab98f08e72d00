import Foundation
import Testing

/// plan.html as a checklist: its script is allowed by hash and nothing else runs; in a real browser the
/// boxes fill in, the saved log feeds `progress` and `plan --after`, and printing shows no button.
@Suite("plan.html as a checklist")
struct ChecklistTests {
    static let preferences = "name: Alex\nequipment: [resistance-band, chair]\nweeks: 2\n"
    static let options = ["--start", "2026-11-30"]

    /// A scratch folder with p.yaml and its plan written into out/.
    static func planned(_ extra: [String] = []) throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", preferences)
        let result = try Backplan.run(["plan", "p.yaml", "--output", "out"] + options + extra, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        return scratch
    }

    /// The text between the page's `<script>` and `</script>` (the one without a type), and the hash its policy names.
    static func scriptAndPolicy(_ html: String) throws -> (script: String, policy: String) {
        let script = try #require(html.firstMatch(of: /<script>(?s)(.*?)<\/script>/)?.output.1)
        let policy = try #require(html.firstMatch(of: /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.output.1)
        return (String(script), String(policy))
    }

    @Test("the policy allows the script by the SHA-256 of its exact bytes, and nothing from the network")
    func policyHash() throws {
        let scratch = try Self.planned()
        let html = try scratch.read("out/plan.html")
        let (script, policy) = try Self.scriptAndPolicy(html)
        #expect(policy.hasPrefix("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-"))
        #expect(html.components(separatedBy: "<script").count - 1 == 2, "the data element and the script, nothing else")
        try #require(toolExists("python3"), "needs python3 to hash the script independently")
        try scratch.write("script.js", script)
        let hashed = try ChildProcess.run(tool: "python3", ["-c", "import base64,hashlib,sys; print(base64.b64encode(hashlib.sha256(open(sys.argv[1],'rb').read()).digest()).decode())", scratch.url.appendingPathComponent("script.js").path])
        #expect(policy.contains("script-src 'sha256-\(hashed.stdout.trimmingCharacters(in: .whitespacesAndNewlines))'"))
    }

    @Test("without the page shell's checklist fields (a user's older plan.html template) the page has no script")
    func olderTemplate() throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", Self.preferences)
        try scratch.write("t/plan.html.mustache", "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{title}}</title></head><body>{{{body}}}</body></html>\n")
        let result = try Backplan.run(["plan", "p.yaml", "--output", "out", "--templates", "t"] + Self.options, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let html = try scratch.read("out/plan.html")
        #expect(!html.contains("<script") && !html.contains("Content-Security-Policy"))
        #expect(html.contains("<li>☐ <strong>1. Neck roll</strong>"))
    }

    @Test("the email's HTML is the printable plan: no script, no policy",
          .enabled(if: PythonInspector.available("email"), "needs python3 (apt-get install python3)"))
    func emailHasNoScript() throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", Self.preferences)
        let result = try Backplan.run(["email", "p.yaml", "--to", "a@example.com", "--from", "c@example.org", "--output", "out"] + Self.options, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let message = try PythonInspector.message(scratch.url.appendingPathComponent("out/plan.eml"))
        let html = try #require(message.tree.leaf("text/html")?.text)
        #expect(html.contains("<li>☐ <strong>1. Neck roll</strong>"))
        #expect(!html.contains("<script") && !html.contains("Content-Security-Policy") && !html.contains("Save my log"))
    }

    // MARK: - In a browser

    /// What the person enters: all of Monday, two moves of Wednesday (row hurt), Friday skipped, all of
    /// the second Monday and Wednesday, pain before and after; a note with a comma and quotes.
    static let entries = """
        [
         {"date": "2026-11-30", "done": "all", "pain_before": 4, "pain_after": 3, "notes": "felt fine, a bit \\"stiff\\""},
         {"date": "2026-12-02", "done": ["arm-circles", "row"], "pain_before": 3, "pain_after": 3, "hurt": ["row"]},
         {"date": "2026-12-07", "done": "all", "pain_before": 3, "pain_after": 2},
         {"date": "2026-12-09", "done": "all", "pain_before": 2, "pain_after": 2}
        ]
        """

    @Test("in Chromium: tick, score, reload, save the log; progress and plan --after read it; printing shows no button",
          .enabled(if: ChecklistBrowser.available, ChecklistBrowser.skipReason),
          .timeLimit(.minutes(3)))
    func browser() throws {
        let scratch = try Self.planned()
        try scratch.write("entries.json", Self.entries)
        let shots = ProcessInfo.processInfo.environment["BACKPLAN_CHECKLIST_SHOTS"]
        let report = try ChecklistBrowser.fill(page: scratch.url.appendingPathComponent("out/plan.html"),
                                               entries: scratch.url.appendingPathComponent("entries.json"),
                                               output: scratch.url.appendingPathComponent("browser"), shots: shots)
        #expect(report.consoleErrors.isEmpty, "the script ran without errors (a wrong hash is an error here)")
        // Two weeks of three sessions: every move and the cardio warm-up of each day can be ticked.
        #expect(report.before.ticks > 6 * 10)
        #expect(report.before.checked == 0)
        #expect(report.reloaded.checked == report.filled.checked && report.filled.checked > 0, "ticks are kept on the device")
        #expect(report.painValues == ["4", "3", "3", "3", "3", "2", "2", "2"])
        // A score out of range is marked and said in words, not only in red; cleared, the words go.
        #expect(report.invalidHint == .init(invalid: "true", text: "Write a number from 0 to 10", afterClearing: ""))
        // A phone 390 px wide: nothing scrolls sideways, every target is at least 44 px tall.
        #expect(report.before.scrollWidth <= 390)
        #expect((report.before.moveLabelMinHeight ?? 0) >= 44 && (report.before.hurtLabelMinHeight ?? 0) >= 44)
        #expect((report.before.painFieldMinHeight ?? 0) >= 44 && (report.before.buttonHeight ?? 0) >= 44)
        #expect(report.before.buttonText == "Save my log")

        let id = try #require(try scratch.read("out/plan.json").firstMatch(of: /"plan_id" : "([0-9a-f]+)"/)?.output.1)
        let log = try scratch.read("browser/log.csv")
        #expect(log == #"""
            plan_id,date,done,pain_before,pain_after,hurt,notes
            \#(id),2026-11-30,all,4,3,,"felt fine, a bit ""stiff"""
            \#(id),2026-12-02,arm-circles;row,3,3,row,
            \#(id),2026-12-04,,,,,
            \#(id),2026-12-07,all,3,2,,
            \#(id),2026-12-09,all,2,2,,
            \#(id),2026-12-11,,,,,

            """#)

        let progress = try Backplan.run(["progress", "browser/log.csv", "p.yaml", "--output", "progress"] + Self.options, in: scratch.url)
        try #require(progress.status == 0, "\(progress.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("progress/progress.json").utf8)) as? [String: Any])
        #expect(json["done"] as? Int == 4 && json["planned"] as? Int == 6)
        #expect((json["pain"] as? [[String: Any]])?.compactMap { $0["pain_before"] as? Int } == [4, 3, 3, 2])
        #expect((json["pain"] as? [[String: Any]])?.compactMap { $0["pain_after"] as? Int } == [3, 3, 2, 2])
        #expect(json["hurt"] as? [String] == ["row"])
        #expect(try scratch.read("progress/progress.md").contains("Marked as hurting: Row."))

        let next = try Backplan.run(["plan", "p.yaml", "--after", "browser/log.csv", "--output", "next"] + Self.options, in: scratch.url)
        try #require(next.status == 0, "\(next.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("next/plan.json").utf8)) as? [String: Any])
        #expect(plan["start"] as? String == "2026-12-14")
        #expect(((plan["after"] as? [String: Any])?["reasons"] as? [String])?.contains("Row hurt, so it is left out of this block.") == true)

        try #require(toolExists("pdftotext"), "needs poppler-utils to read the printed page")
        let printed = try ChildProcess.run(tool: "pdftotext", [scratch.url.appendingPathComponent("browser/printed.pdf").path, "-"])
        try #require(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("Monday 30 November"))
        #expect(printed.stdout.contains("Pain before (0-10):"))
        #expect(!printed.stdout.contains("Save my log") && !printed.stdout.contains("kept on this device"))
    }

    @Test("in Chromium: day sections from other templates are left as they are, without errors or a bar",
          .enabled(if: ChecklistBrowser.available, ChecklistBrowser.skipReason),
          .timeLimit(.minutes(3)))
    func otherMarkup() throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", Self.preferences)
        // A session template of a clinic: its own heading and list, no tick box glyph, no pain line.
        try scratch.write("t/plan-session.md.mustache", "#### Session on {{date}}\n\n{{#blocks}}{{#items}}\n- [ ] {{name}}: {{dose}}\n{{/items}}{{/blocks}}\n\n")
        let result = try Backplan.run(["plan", "p.yaml", "--output", "out", "--templates", "t"] + Self.options, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        try scratch.write("entries.json", "[]")
        let report = try ChecklistBrowser.fill(page: scratch.url.appendingPathComponent("out/plan.html"),
                                               entries: scratch.url.appendingPathComponent("entries.json"),
                                               output: scratch.url.appendingPathComponent("browser"), shots: nil)
        #expect(report.consoleErrors.isEmpty)
        #expect(report.before.ticks == 0 && report.before.buttonText == nil)
        #expect(report.log == nil)
        #expect(try scratch.read("out/plan.html").contains("[ ] Neck roll: 30 s"))
    }
}

/// plan.html driven in Chromium through Selenium, by `Tests/Scripts/checklist_browser.py`.
enum ChecklistBrowser {
    static let script = Backplan.packageRoot.appendingPathComponent("Tests/Scripts/checklist_browser.py")

    /// What is missing, as the script says it; nil when everything is there.
    static let missing: String? = {
        guard toolExists("python3") else { return "python3" }
        guard let result = try? ChildProcess.run(tool: "python3", [script.path, "check"]) else { return "python3" }
        return result.status == 0 ? nil : result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    static var available: Bool { missing == nil }

    static var skipReason: Comment {
        "needs Chromium, chromedriver and selenium (apt-get install chromium chromium-driver; pip install selenium): \(missing ?? "")"
    }

    struct Measures: Decodable {
        var ticks: Int
        var checked: Int
        var moveLabelMinHeight: Double?
        var hurtLabelMinHeight: Double?
        var painFieldMinHeight: Double?
        var buttonHeight: Double?
        var buttonText: String?
        var scrollWidth: Int
    }

    struct InvalidHint: Decodable, Equatable {
        var invalid: String
        var text: String
        var afterClearing: String
    }

    struct Report: Decodable {
        var before: Measures
        var filled: Measures
        var reloaded: Measures
        var painValues: [String]
        var invalidHint: InvalidHint?
        var consoleErrors: [String]
        var log: String?
        var pdf: String
    }

    static func fill(page: URL, entries: URL, output: URL, shots: String?) throws -> Report {
        let result = try ChildProcess.run(tool: "python3", [script.path, "fill", page.path, entries.path, output.path] + (shots.map { [$0] } ?? []))
        try #require(result.status == 0, "checklist_browser.py failed: \(result.stderr)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Report.self, from: Data(result.stdout.utf8))
    }
}
