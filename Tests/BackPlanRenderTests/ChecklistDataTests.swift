import BackPlanCore
import Foundation
@testable import BackPlanRender
import Testing

/// The plan as plan.html's checklist script reads it, and how it sits inside the page.
@Suite("checklist data and policy")
struct ChecklistDataTests {
    static let plan: Plan = {
        var person = Preferences()
        person.weeks = 2
        person.equipment = [.resistanceBand, .chair]
        return Planner(catalog: .builtIn).plan(for: person, start: CivilDate(year: 2026, month: 11, day: 30)!, seed: 1)
    }()

    @Test("text that could end a script element or a JSON string comes out as escapes and reads back the same",
          arguments: ["</script><script>alert(1)</script>", "a & b > c", "quote \" and \\ backslash", "line\nbreak\u{2028}sep\u{1}", "Zoë ☐"])
    func string(text: String) throws {
        let json = Checklist.string(text)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&") && !json.contains("\n") && !json.contains("\u{2028}"))
        let back = try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String]
        #expect(back == [text])
    }

    @Test("the data names every session by date and heading day, and each of its moves by id and the label the day shows")
    func data() throws {
        let model = PlanModel(plan: Self.plan, catalog: .builtIn, look: PlanLook(planID: "0a1b2c3d", paper: .a4))
        let text = Checklist.data(Self.plan, planID: "0a1b2c3d", cards: model.cardNumbers)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["plan_id"] as? String == "0a1b2c3d")
        #expect(json["columns"] as? [String] == SessionLog.columns)
        #expect(json["file"] as? String == "log.csv")
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["date"] as? String } == Self.plan.sessions.map(\.date.iso))
        #expect(sessions.first?["day"] as? String == "Monday 30 November")
        let moves = try #require(sessions.first?["moves"] as? [[String: String]])
        #expect(moves.map { $0["id"] } == Self.plan.sessions[0].items.map(\.id))
        #expect(moves.first?["label"] == "1. Neck roll")
    }

    @Test("plan.html carries the policy and script only when the look asks for the checklist")
    func onlyWhenAsked() throws {
        let renderer = PlanRenderer(templates: try TemplateSet(), catalog: .builtIn)
        for checklist in [true, false] {
            let html = String(decoding: try renderer.documents(Self.plan, look: PlanLook(planID: "0a1b2c3d", paper: .a4, checklist: checklist), html: true).html ?? Data(), as: UTF8.self)
            #expect(html.contains("<script>") == checklist)
            #expect(html.contains(Checklist.policyElement) == checklist)
            #expect(html.contains("<li>☐ <strong>1. Neck roll</strong>"))
        }
    }

    @Test("the policy allows nothing from outside the page and the script by its hash")
    func policy() {
        #expect(Checklist.policy.hasPrefix("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-"))
        #expect(Checklist.scriptHash == "sha256-" + Data(SHA256.digest(Checklist.script.utf8)).base64EncodedString())
        #expect(!Checklist.script.contains("</script"), "the script cannot end its own element")
        #expect(!Checklist.script.contains("http:") && !Checklist.script.contains("https:") && !Checklist.script.contains("fetch("))
    }
}
