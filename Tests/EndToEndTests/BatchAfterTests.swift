import Foundation
import Testing

/// `batch --after-dir`: each person's next block from the log beside their last plan.
@Suite("backplan batch --after-dir")
struct BatchAfterTests {
    static let roster = """
        name,equipment,weeks
        Alex,resistance-band;chair,2
        Sam,chair,2
        Kim,chair,2

        """
    static let options = ["--start", "2026-11-30", "--seed", "5", "--quiet"]

    /// The first block of the roster in first/, and each person's plan id, read from their plan.json.
    static func firstBlock() throws -> (ScratchFolder, [String: String]) {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", roster)
        let first = try Backplan.run(["batch", "roster.csv", "--output", "first"] + options, in: scratch.url)
        try #require(first.status == 0, "\(first.stderr)")
        var ids: [String: String] = [:]
        for folder in ["alex", "sam", "kim"] {
            let plan = try scratch.read("first/\(folder)/plan.json")
            let match = try #require(plan.firstMatch(of: /"plan_id" : "([0-9a-f]+)"/))
            ids[folder] = String(match.output.1)
        }
        return (scratch, ids)
    }

    static let header = "plan_id,date,done,pain_before,pain_after,hurt,notes"

    @Test("a person with a log gets the next block, one without a first block, a bad log fails only its row at file:line")
    func afterDirectory() throws {
        let (scratch, ids) = try Self.firstBlock()
        let alex = try #require(ids["alex"]), kim = try #require(ids["kim"])
        // Alex did all six sessions with pain falling; Sam kept no log; Kim's log has a score of 12.
        let sessions = ["2026-11-30", "2026-12-02", "2026-12-04", "2026-12-07", "2026-12-09", "2026-12-11"]
        try scratch.write("first/alex/log.csv", ([Self.header] + sessions.enumerated().map { "\(alex),\($1),all,3,\(3 - $0 / 2),," }).joined(separator: "\n") + "\n")
        try scratch.write("first/kim/log.csv", "\(Self.header)\n\(kim),2026-11-30,all,3,2,,\n\(kim),2026-12-02,all,3,12,,\n")

        let result = try Backplan.run(["batch", "roster.csv", "--after-dir", "first", "--output", "next"] + Self.options, in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr == "roster.csv:4: first/kim/log.csv:3: pain_after: 12 is out of range 0..10\n")

        let next = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("next/alex/plan.json").utf8)) as? [String: Any])
        #expect(next["start"] as? String == "2026-12-14")
        #expect((next["after"] as? [String: Any])?["rule"] as? String == "progress")
        #expect(try scratch.read("next/alex/plan.md").contains("**Why this plan:**"))
        // The same as `plan --after` for that person with that row's seed.
        try scratch.write("alex.yaml", "name: Alex\nequipment: [resistance-band, chair]\nweeks: 2\n")
        let seed = try #require(try scratch.read("first/alex/plan.json").firstMatch(of: /"seed" : "(\d+)"/).map { String($0.output.1) })
        let single = try Backplan.run(["plan", "alex.yaml", "--after", "first/alex/log.csv", "--start", "2026-11-30", "--seed", seed, "--output", "single"], in: scratch.url)
        try #require(single.status == 0, "\(single.stderr)")
        #expect(try scratch.read("single/plan.md") == scratch.read("next/alex/plan.md"))

        let sam = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("next/sam/plan.json").utf8)) as? [String: Any])
        #expect(sam["start"] as? String == "2026-11-30")
        #expect(sam["after"] == nil)
        #expect(try scratch.read("next/sam/plan.md") == scratch.read("first/sam/plan.md"))
        #expect(!scratch.exists("next/kim/plan.md"))
    }

    @Test("--after-dir must name a folder")
    func missingFolder() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", Self.roster)
        let result = try Backplan.run(["batch", "roster.csv", "--after-dir", "nowhere", "--output", "next"] + Self.options, in: scratch.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--after-dir nowhere is not a folder; give the folder holding each person's <folder>/log.csv"))
        #expect(!scratch.exists("next"))
    }
}
