import Foundation
import Testing

/// The loop as a user runs it: `log` writes the empty log, `progress` reads it back, `plan --after` makes the next block.
@Suite("log, progress and plan --after")
struct LoopCommandTests {
    static let preferences = "name: Alex\nequipment: [resistance-band, chair]\nweeks: 2\n"
    static let options = ["--start", "2026-11-30"]
    static let header = "plan_id,date,done,pain_before,pain_after,hurt,notes"

    /// A scratch folder with p.yaml and the plan's empty log in out/log.csv; returns the folder and the plan id.
    static func logged() throws -> (ScratchFolder, String) {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", preferences)
        let result = try Backplan.run(["log", "p.yaml", "--output", "out"] + options, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "out/log.csv\n")
        let lines = try scratch.read("out/log.csv").split(separator: "\n").map(String.init)
        let id = try #require(lines.dropFirst().first?.split(separator: ",").first.map(String.init))
        return (scratch, id)
    }

    @Test("log writes the header and one row per session with the plan id and date")
    func emptyLog() throws {
        let (scratch, id) = try Self.logged()
        #expect(try scratch.read("out/log.csv") == """
            \(Self.header)
            \(id),2026-11-30,,,,,
            \(id),2026-12-02,,,,,
            \(id),2026-12-04,,,,,
            \(id),2026-12-07,,,,,
            \(id),2026-12-09,,,,,
            \(id),2026-12-11,,,,,

            """)
    }

    /// The example log: five of six sessions, pain falling, row hurt once, a note over two lines, one gap.
    static func filledLog(_ id: String) -> String {
        """
        \(header)
        \(id),2026-11-30,all,4,3,,"felt fine, a bit stiff"
        \(id),2026-12-02,all,3,3,,
        \(id),2026-12-07,all,3,2,row,"row pinched
        my shoulder"
        \(id),2026-12-09,all,2,2,,
        \(id),2026-12-11,all,2,1,,

        """
    }

    @Test("progress writes md, html with the chart and json with the log's numbers and the next rule")
    func progress() throws {
        let (scratch, id) = try Self.logged()
        try scratch.write("log.csv", Self.filledLog(id))
        let result = try Backplan.run(["progress", "log.csv", "p.yaml", "--output", "out"] + Self.options, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "out/progress.md\nout/progress.html\nout/progress.json\n")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("out/progress.json").utf8)) as? [String: Any])
        #expect(json["done"] as? Int == 5 && json["planned"] as? Int == 6)
        #expect((json["weeks"] as? [[String: Any]])?.map { $0["done"] as? Int } == [2, 3])
        #expect(json["hurt"] as? [String] == ["row"])
        let next = try #require(json["next"] as? [String: Any])
        #expect(next["rule"] as? String == "progress")
        #expect(next["start"] as? String == "2026-12-14")
        #expect((json["pain"] as? [[String: Any]])?.compactMap { $0["pain_after"] as? Int } == [3, 3, 2, 2, 1])
        let html = try scratch.read("out/progress.html")
        #expect(html.components(separatedBy: "class=\"before\"").count - 1 == 5)
        #expect(html.components(separatedBy: "class=\"after\"").count - 1 == 5)
        #expect(html.contains("<title id=\"chart-title\">Pain before and after each session</title>"))
        #expect(html.contains("<tr><th scope=\"row\">Mon 7 Dec</th><td>3</td><td>2</td></tr>"))
        #expect(!html.contains("<script"))
        #expect(try scratch.read("out/progress.md").contains("- Week 2: 3 of 3 done; average pain after 1.7"))
        // Moves that hurt are named as the plan names them; progress.json keeps their ids.
        #expect(try scratch.read("out/progress.md").contains("Marked as hurting: Row."))
        #expect(html.contains("<p>Marked as hurting: Row.</p>"))
    }

    @Test("plan --after starts the day after, leaves out the move that hurt and says why")
    func after() throws {
        let (scratch, id) = try Self.logged()
        try scratch.write("log.csv", Self.filledLog(id))
        let result = try Backplan.run(["plan", "p.yaml", "--after", "log.csv", "--output", "next"] + Self.options, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("next/plan.json").utf8)) as? [String: Any])
        #expect(json["start"] as? String == "2026-12-14")
        let after = try #require(json["after"] as? [String: Any])
        #expect(after["rule"] as? String == "progress")
        #expect(after["reasons"] as? [String] == [
            "You did 5 of 6 planned sessions and your pain after sessions stayed steady or fell: you reached the top of the article's ranges, so you move up to intermediate, at the top of each range.",
            "Row hurt, so it is left out of this block.",
        ])
        #expect((json["person"] as? [String: Any])?["level"] as? String == "intermediate")
        #expect(!(try scratch.read("next/plan.json")).contains("\"id\" : \"row\""))
        #expect(try scratch.read("next/plan.md").contains("**Why this plan:**\n\n- You did 5 of 6 planned sessions"))
        // The same log gives the same next block.
        let again = try Backplan.run(["plan", "p.yaml", "--after", "log.csv", "--output", "again"] + Self.options, in: scratch.url)
        #expect(again.status == 0)
        #expect(try scratch.read("again/plan.md") == scratch.read("next/plan.md"))
    }

    @Test("pain of 7 gives the no-exercise plan that sends the person to a professional")
    func painWorse() throws {
        let (scratch, id) = try Self.logged()
        try scratch.write("log.csv", "\(Self.header)\n\(id),2026-11-30,all,5,7,,\n")
        let result = try Backplan.run(["plan", "p.yaml", "--after", "log.csv", "--output", "next"] + Self.options, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("next/plan.json").utf8)) as? [String: Any])
        #expect(json["gating"] as? String == "no-exercise")
        #expect((json["weeks"] as? [Any])?.isEmpty == true)
        #expect((json["after"] as? [String: Any])?["reasons"] as? [String] == [
            "You logged a pain score of 7 (7 or more counts as severe), so this block has no exercises: see a healthcare professional before you go on.",
        ])
    }

    /// Bad logs, each a row after the header (`ID` stands for the plan id), and the exact message.
    static let badLogs: [(String, String)] = [
        ("ffffffff,2026-11-30,all,,,,", "log.csv:2: plan_id: 'ffffffff' is not the id of this plan (ID); the log belongs to another plan: give the preferences and options (--start, --weeks, --seed) that plan was made with"),
        ("ID,2027-01-04,all,,,,", "log.csv:2: date: 2027-01-04 is outside the plan, which runs from 2026-11-30 to 2026-12-13"),
        ("ID,2026-12-01,all,,,,", "log.csv:2: date: 2026-12-01 (Tuesday) is not a session day of the plan; its sessions are on Monday, Wednesday and Friday"),
        ("ID,2026-11-30,all,3,11,,", "log.csv:2: pain_after: 11 is out of range 0..10"),
        ("ID,2026-11-30,all,-1,,,", "log.csv:2: pain_before: -1 is out of range 0..10"),
        ("ID,2026-11-30,neck-rol,,,,", "log.csv:2: done: 'neck-rol' is not a move of the catalog (did you mean 'neck-roll'?); use all, none or move ids separated by ';'"),
        ("ID,2026-11-30,all,,,\"a,b\",", "log.csv:2: hurt: 'a,b' is not a move of the catalog; use all, none or move ids separated by ';'"),
        ("ID,2026-11-30,all,,\n", "log.csv:2: this row has 5 cells, the header 7; check for a missing or extra comma, or a note with a comma that is not in double quotes"),
        ("ID,2026-11-30,all,,,,\"never closed\nID,2026-12-02,all,,,,", "log.csv:2: a double quote opened here is never closed; a note with a comma, quote or line break goes in double quotes, with \"\" for a quote inside"),
        ("ID,2026-11-30,all,,,,\"two\nlines\"\nID,2026-11-30,all,,,,", "log.csv:4: date: 2026-11-30 is logged twice (first on line 2); give each session one row"),
    ]

    @Test("a bad log is an error at file:line and nothing is written", arguments: 0..<badLogs.count)
    func badLog(index: Int) throws {
        let (scratch, id) = try Self.logged()
        let (row, message) = Self.badLogs[index]
        try scratch.write("log.csv", "\(Self.header)\n\(row.replacingOccurrences(of: "ID", with: id))\n")
        for command in [["plan", "p.yaml", "--after", "log.csv"], ["progress", "log.csv", "p.yaml"]] {
            let result = try Backplan.run(command + ["--output", "bad"] + Self.options, in: scratch.url)
            #expect(result.status == 1)
            #expect(result.stderr == "Error: \(message.replacingOccurrences(of: "(ID)", with: "(\(id))"))\n")
            #expect(!scratch.exists("bad"))
        }
    }

    @Test("a log with a wrong header names the columns it expects")
    func badHeader() throws {
        let (scratch, _) = try Self.logged()
        try scratch.write("log.csv", "plan_id,date,done\n")
        let result = try Backplan.run(["progress", "log.csv", "p.yaml", "--output", "bad"] + Self.options, in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: log.csv:1: the log has no 'pain_before' column; a log's header is plan_id,date,done,pain_before,pain_after,hurt,notes\n")
    }

    @Test("a log with gaps is normal: an empty log asks less")
    func gaps() throws {
        let (scratch, _) = try Self.logged()
        let result = try Backplan.run(["plan", "p.yaml", "--after", "out/log.csv", "--output", "next", "--format", "json"] + Self.options, in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("next/plan.json").utf8)) as? [String: Any])
        #expect((json["after"] as? [String: Any])?["rule"] as? String == "ask-less")
        #expect((json["person"] as? [String: Any])?["days"] as? [String] == ["mon", "wed"])
    }
}
