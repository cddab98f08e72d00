import Foundation
import Testing

@Suite("backplan plan, run as a user would")
struct PlanCommandTests {
    @Test("with no file it writes the example person's plan into Output/ and prints the paths")
    func example() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--start", "2026-11-30"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Output/plan.md\nOutput/plan.html\nOutput/plan.ics\nOutput/plan.json\n")
        let markdown = try scratch.read("Output/plan.md")
        #expect(markdown.hasPrefix("# Back plan for Alex Doe\n"))
        #expect(markdown.contains("## Week 4: 21 December 2026 to 27 December 2026"))
        let html = try scratch.read("Output/plan.html")
        #expect(html.contains("<h1>Back plan for Alex Doe</h1>"))
        #expect(html.contains("size: A4;"))
        #expect(!html.contains("http://") && !html.contains("https://"), "the page must not reach the network")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("Output/plan.json").utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "backplan.plan/1")
        #expect((json["weeks"] as? [Any])?.count == 4)
    }

    @Test("the same inputs give byte-identical files in any folder")
    func deterministic() throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", "name: Dee\nstart: 2027-01-04\nequipment: [dumbbells, chair]\n")
        for folder in ["one", "two/deeper"] {
            let result = try Backplan.run(["plan", "p.yaml", "--output", folder, "--seed", "42"], in: scratch.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        for name in ["plan.md", "plan.html", "plan.ics", "plan.json"] {
            #expect(try scratch.read("one/\(name)") == scratch.read("two/deeper/\(name)"), "\(name) differs")
        }
        let other = try Backplan.run(["plan", "p.yaml", "--output", "three", "--seed", "43"], in: scratch.url)
        #expect(other.status == 0)
        #expect(try scratch.read("three/plan.json") != scratch.read("one/plan.json"), "another seed should change the plan")
    }

    @Test("a hostile name comes out inert in plan.html")
    func hostileName() throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", "name: \"<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\"\n")
        let result = try Backplan.run(["plan", "p.yaml"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let page = try scratch.read("Output/plan.html")
        // The page's own checklist (its data and script) is the only script, and the name is not in it.
        let checklist = try #require(page.range(of: "<script type=\"application/json\" id=\"backplan-checklist\">"))
        #expect(!page[checklist.lowerBound...].contains("alert"))
        let html = String(page[..<checklist.lowerBound])
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.lowercased().contains("href=\"javascript"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("bad preferences give the located message and write nothing", arguments: [
        ("minutes: 500\n", "p.yaml:1:10: minutes: 500 is out of range 10..90"),
        ("areas: [neck, nek]\n", "p.yaml:1:15: areas[2]: 'nek' is not allowed (did you mean 'neck'?)"),
        ("", "p.yaml:1: the file is empty"),
        ("- a\n", "p.yaml:1:1: expected a mapping of keys, found a list"),
    ])
    func badPreferences(yaml: String, expected: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", yaml)
        let result = try Backplan.run(["plan", "p.yaml"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
        #expect(!scratch.exists("Output"))
    }

    @Test("options are checked before anything is written", arguments: [
        (["--format", "md,docx"], "--format 'docx' is not a format"),
        (["--weeks", "13"], "--weeks 13 is out of range 1..12"),
        (["--start", "2026-13-01"], "--start '2026-13-01' is not a date"),
        (["--paper", "a5"], "a5"),
        (["missing.yaml"], "missing.yaml: cannot read: no such file"),
    ])
    func badOptions(arguments: [String], expected: String) throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan"] + arguments, in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
        #expect(!scratch.exists("Output"))
    }

    @Test("--format, --paper and --weeks shape what is written")
    func formats() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--format", "json,html", "--paper", "letter", "--weeks", "2"], in: scratch.url)
        #expect(result.status == 0)
        #expect(scratch.files() == ["Output/plan.html", "Output/plan.json"])
        #expect(try scratch.read("Output/plan.html").contains("size: letter;"))
        #expect(try scratch.read("Output/plan.json").contains("\"weeks\" : 2"))
    }

    @Test("templates export copies the defaults, and --templates uses an edited one")
    func templates() throws {
        let scratch = try ScratchFolder()
        let export = try Backplan.run(["templates", "export", "mine"], in: scratch.url)
        #expect(export.status == 0)
        #expect(scratch.exists("mine/plan.md.mustache"))
        #expect(try Backplan.run(["templates", "export", "mine"], in: scratch.url).status != 0, "must not overwrite without --force")
        let edited = try scratch.read("mine/plan.md.mustache").replacingOccurrences(of: "# {{title}}", with: "# My clinic: {{title}}")
        let only = try ScratchFolder()
        try only.write("plan.md.mustache", edited)
        let result = try Backplan.run(["plan", "--templates", only.url.path, "--format", "md"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.read("Output/plan.md").hasPrefix("# My clinic: Back plan for Alex Doe"))
    }

    @Test("a broken template names its file and line, and nothing is written")
    func brokenTemplate() throws {
        let scratch = try ScratchFolder()
        try scratch.write("t/plan-week.md.mustache", "## Week {{number}}\n\n{{#sessions}}\n{{> plan-session.md}}\n")
        let result = try Backplan.run(["plan", "--templates", "t"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("t/plan-week.md.mustache:"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("never closed"), "stderr: \(result.stderr)")
        #expect(!scratch.exists("Output"))
    }

    @Test("a misspelt field in a plan template is an error at its line, for plan and batch, and nothing is written")
    func misspeltField() throws {
        let scratch = try ScratchFolder()
        try scratch.write("t/plan-week.md.mustache", "## Week {{number}}: {{form}} to {{to}}\n")
        try scratch.write("roster.csv", "name\nAlex Doe\n")
        for arguments in [["plan", "--templates", "t"], ["batch", "roster.csv", "--templates", "t", "--output", "Output"]] {
            let result = try Backplan.run(arguments, in: scratch.url)
            #expect(result.status != 0)
            #expect(result.stderr.contains("t/plan-week.md.mustache:1: 'form' in {{form}} is not a field of the plan"), "stderr: \(result.stderr)")
            #expect(result.stderr.contains("(did you mean 'from'?)"), "stderr: \(result.stderr)")
            #expect(!scratch.exists("Output"))
        }
    }

    @Test("the binary carries its catalog and templates when copied elsewhere")
    func copiedBinary() throws {
        let scratch = try ScratchFolder()
        let copy = scratch.url.appendingPathComponent("bin/backplan")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Backplan.binary, to: copy)
        let result = try ChildProcess.run(copy, ["plan", "--output", scratch.url.appendingPathComponent("out").path], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(scratch.exists("out/plan.html"))
    }
}

@Suite("plan.html as a browser reads it")
struct PlanHTMLTests {
    @Test("plan.html is valid HTML5 with lang, a title, a description and one h1, for hostile names too",
          .enabled(if: SiteChecks.hasHTML5Lib, "needs python3 with html5lib (pip install html5lib)"),
          arguments: ["name: Alex Doe\n", "name: \"<script>alert(1)</script> & [x](javascript:alert(1))\"\npain: moderate\n", "pain: severe\n"])
    func valid(yaml: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", yaml)
        try #require(try Backplan.run(["plan", "p.yaml", "--format", "html"], in: scratch.url).status == 0)
        let result = try SiteChecks.python([SiteChecks.checker.path, scratch.url.appendingPathComponent("Output/plan.html").path])
        // The landmark checks are for the site's pages; a plan is one printable document.
        let problems = result.stdout.split(separator: "\n").filter { !$0.contains("landmark") }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("another person's plan in the folder is not replaced without --force; the same person's changed plan is")
    func noSilentReplacement() throws {
        let scratch = try ScratchFolder()
        try scratch.write("alice.yaml", "name: Alice Doe\nstart: 2026-11-30\n")
        try scratch.write("bob.yaml", "name: Bob Roe\nstart: 2026-11-30\n")
        try #require(try Backplan.run(["plan", "alice.yaml"], in: scratch.url).status == 0)
        let alice = try scratch.read("Output/plan.json")
        let planID = try #require((try JSONSerialization.jsonObject(with: Data(alice.utf8)) as? [String: Any])?["plan_id"] as? String)
        let refusal = "Error: Output/plan.json: this folder holds the plan of Alice Doe (plan \(planID)); writing Bob Roe's plan would replace it. Give another --output, or --force to replace it\n"

        for arguments in [["plan", "bob.yaml"], ["email", "bob.yaml", "--from", "clinic@example.org", "--to", "bob@example.org"]] {
            let refused = try Backplan.run(arguments, in: scratch.url)
            #expect(refused.status != 0, "\(arguments)")
            #expect(refused.stderr == refusal, "\(arguments)")
            #expect(refused.stdout.isEmpty)
            #expect(try scratch.read("Output/plan.json") == alice, "Alice's plan is still there")
            #expect(!scratch.exists("Output/plan.eml"))
        }

        try scratch.write("alice.yaml", "name: Alice Doe\nstart: 2026-11-30\nminutes: 45\n")
        let changed = try Backplan.run(["plan", "alice.yaml"], in: scratch.url)
        #expect(changed.status == 0, "the same person's changed plan replaces hers: \(changed.stderr)")
        #expect(try scratch.read("Output/plan.json") != alice)

        let forced = try Backplan.run(["plan", "bob.yaml", "--force"], in: scratch.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try scratch.read("Output/plan.json").contains("\"name\" : \"Bob Roe\""))
    }
}
