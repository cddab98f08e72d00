import Foundation
import Testing

/// The issue "Plans a physiotherapist would sign", run as a user would: targeted moves, rest days, gentle doses, the clinician's keys.
@Suite("plans a physiotherapist would sign")
struct PhysioPlanTests {
    /// plan.json of `yaml`, written with `--start 2026-11-30`.
    static func plan(_ yaml: String, in scratch: ScratchFolder) throws -> (json: [String: Any], markdown: String, ics: String, stderr: String) {
        try scratch.write("p.yaml", yaml)
        let result = try Backplan.run(["plan", "p.yaml", "--start", "2026-11-30", "--output", "out"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read("out/plan.json").utf8)) as? [String: Any])
        return (json, try scratch.read("out/plan.md"), try scratch.read("out/plan.ics"), result.stderr)
    }

    static func sessions(_ json: [String: Any]) -> [[String: Any]] {
        ((json["weeks"] as? [[String: Any]]) ?? []).flatMap { ($0["sessions"] as? [[String: Any]]) ?? [] }
    }

    static func ids(_ session: [String: Any]) -> [String] {
        ((session["blocks"] as? [[String: Any]]) ?? []).flatMap { (($0["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } }
    }

    @Test("areas: [lower-back] gets only lower-back moves, and the notes say why sessions are short")
    func lowerBack() throws {
        let plan = try Self.plan("name: Lee\nareas: [lower-back]\n", in: ScratchFolder())
        for session in Self.sessions(plan.json) {
            #expect(Self.ids(session) == ["chair-rotation", "cat-cow", "knee-to-chest", "superman", "childs-pose"])
            #expect(session["uncovered_areas"] as? [String] == [])
        }
        #expect(plan.json["notes"] as? [String] == [
            "Sessions take up to about 17 minutes, less than the 30 you asked for: that is every move for your areas you can do, at that week's dose. Adding equipment (resistance band, dumbbells and foam roller) or naming more problem areas would give more moves.",
        ])
        #expect(!plan.markdown.contains("Neck roll") && !plan.markdown.contains("Pec stretch"))
    }

    @Test("the moderate-pain office worker gets no move for other areas, and the plan says plainly what is missing")
    func moderateOfficeWorker() throws {
        let plan = try Self.plan("""
            name: Office Worker
            pain: moderate
            floor: false
            level: intermediate
            equipment: [dumbbells, foam-roller]
            areas: [lower-back, mid-back]

            """, in: ScratchFolder())
        let sessions = Self.sessions(plan.json)
        #expect(sessions.count == 12)
        for session in sessions {
            #expect(Self.ids(session).isEmpty)
            #expect(session["kind"] as? String == "stretch")
            #expect(session["uncovered_areas"] as? [String] == ["mid-back", "lower-back"])
        }
        #expect(plan.json["notes"] as? [String] == [
            "No move you can do with your equipment and without floor moves at your pain level works your lower back and mid back, so no session works it.",
            "Sessions take up to about 10 minutes, less than the 30 you asked for: that is every move for your areas you can do, at that week's dose. Adding equipment (resistance band and chair) or allowing floor moves or naming more problem areas would give more moves. Strengthening moves join the plan once your pain has eased.",
        ])
        #expect(plan.markdown.contains("*No strengthening while your pain is moderate: gentle mobility and stretching only.*"))
        #expect(plan.markdown.contains("*This session does not work your mid back and lower back.*"))
    }

    @Test("7 days a week with 90 minutes alternates strength and mobility days, labelled everywhere")
    func everyDay() throws {
        let plan = try Self.plan("""
            name: Every Day
            days_per_week: 7
            minutes: 90
            weeks: 12
            equipment: [resistance-band, dumbbells, foam-roller, chair]

            """, in: ScratchFolder())
        let sessions = Self.sessions(plan.json)
        #expect(sessions.count == 84)
        #expect(sessions.prefix(4).map { $0["kind"] as? String } == ["strength", "mobility", "strength", "mobility"])
        for (first, second) in zip(sessions, sessions.dropFirst()) {
            #expect(!(first["kind"] as? String == "strength" && second["kind"] as? String == "strength"), "\(second["date"] ?? "")")
        }
        for session in sessions where session["kind"] as? String == "mobility" {
            #expect((session["blocks"] as? [[String: Any]])?.map { $0["phase"] as? String } == ["warm-up", "cool-down"])
        }
        #expect((plan.json["notes"] as? [String])?.first == "42 of 84 sessions are mobility days (warm-up and cool-down only, shorter): strengthening the same muscles on two days in a row leaves them no time to recover.")
        #expect(plan.markdown.contains("### Tuesday 1 December: mobility day, about 10.5 of 90 minutes\n"))
        #expect(plan.markdown.contains("*Mobility day: no strengthening today, so the muscles you strengthened yesterday can rest.*"))
        #expect(plan.ics.contains("SUMMARY:Back plan for Every Day: mobility day\r\n"))
    }

    @Test("the clinician's keys reach the cover and plan.json; excluded moves never appear, included ones do")
    func clinicianKeys() throws {
        let plan = try Self.plan("""
            name: Kim
            equipment: [resistance-band, chair]
            exclude: [superman, cat-cow]
            include: [pec-stretch]
            areas: [upper-back, lower-back]
            note: "Keep the <b>shoulders</b> low."
            clinician: "Sam Lee, physiotherapist"
            review: 2027-01-15

            """, in: ScratchFolder())
        for session in Self.sessions(plan.json) {
            let ids = Self.ids(session)
            #expect(!ids.contains("superman") && !ids.contains("cat-cow"))
            #expect(ids.contains("pec-stretch"))
        }
        #expect(plan.json["clinician"] as? String == "Sam Lee, physiotherapist")
        #expect(plan.json["review"] as? String == "2027-01-15")
        #expect(plan.markdown.contains("Prescribed by Sam Lee, physiotherapist, review on 15 January 2027.\n"))
        #expect(plan.markdown.contains("**Note from your clinician:** Keep the \\<b\\>shoulders\\</b\\> low.\n"), "the note is text, never markup")
    }

    @Test("an unknown id in exclude, and a review before the start, are located errors that write nothing", arguments: [
        ("name: Bad\nexclude: [row, rwo]\n",
         "Error: p.yaml:2:16: exclude[2]: 'rwo' is not a move of the catalog (did you mean 'row'?); `backplan catalog list` shows every move's id\n"),
        ("name: Late\nreview: 2026-11-01\n",
         "Error: p.yaml:2:9: review: the review date 2026-11-01 is before the plan's start 2026-11-30; give a date on or after the start\n"),
    ])
    func badClinicianKeys(yaml: String, expected: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", yaml)
        let result = try Backplan.run(["plan", "p.yaml", "--start", "2026-11-30", "--output", "out"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == expected)
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("out/plan.md").path))
    }

    @Test("a start more than a week before today is a warning, and the no-exercise plan gives its start, not the day it was made")
    func honestDates() throws {
        let plan = try Self.plan("name: Sore\npain: severe\n", in: ScratchFolder())
        #expect(plan.markdown.contains("From 30 November 2026: no exercise sessions yet."))
        #expect(!plan.markdown.contains("Made on"))
        let scratch = try ScratchFolder()
        try scratch.write("p.yaml", "name: Old\nstart: 2026-01-05\n")
        let result = try Backplan.run(["plan", "p.yaml", "--output", "out", "--format", "json"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stderr == "warning: the plan starts on 2026-01-05, 55 days before today (2026-03-01); its first weeks are in the past. Give a later 'start' or --start to plan from now.\n")
    }
}
