import BackPlanCore
@testable import BackPlanRender
import Testing

/// A clinic's template words an advice or note case itself, through the case's flag and data fields.
@Suite("Case flags of advice and notes in plan templates")
struct PlanCaseFieldsTests {
    static let roots = PlanRenderer.templateNames(html: true)

    /// Ten minutes for every area, without floor moves, six days a week (so some are mobility days): a plan with several notes.
    static func plan(pain: Preferences.Pain = .mild) -> Plan {
        var person = Preferences()
        person.minutes = 10
        person.days = .perWeek(6)
        person.areas = Area.allCases
        person.floor = false
        person.pain = pain
        return Planner(catalog: .builtIn).plan(for: person, start: CivilDate(year: 2026, month: 11, day: 30)!, seed: 3)
    }

    /// plan.md rendered by `template` in place of the default `plan.md.mustache`.
    static func markdown(_ plan: Plan, template: String) throws -> String {
        let templates = try TemplateSet(overrides: ["plan.md.mustache": (template, "mine/plan.md.mustache")], modelRoots: roots)
        return try PlanRenderer(templates: templates, catalog: .builtIn).markdown(plan, look: PlanLook(planID: "id", paper: .a4))
    }

    @Test("a template that words one note case its own way renders its words with the case's data, and the others as BackPlan words them")
    func notesWordedByTheTemplate() throws {
        let plan = Self.plan()
        let mobility = try #require(plan.notes.first { if case .mobilityDays = $0 { true } else { false } }, "the plan has a mobility-days note")
        guard case let .mobilityDays(count, sessions) = mobility else { return }
        let template = """
            {{#notes}}
            {{#isMobilityDays}}- Easy days: {{count}} out of {{sessions}}.{{/isMobilityDays}}{{^isMobilityDays}}- {{text}}{{/isMobilityDays}}
            {{/notes}}

            """
        let markdown = try Self.markdown(plan, template: template)
        #expect(markdown.contains("- Easy days: \(count) out of \(sessions).\n"))
        #expect(!markdown.contains(mobility.text))
        for note in plan.notes where note != mobility {
            #expect(markdown.contains("- " + Markdown.escape(note.text) + "\n"), "\(note)")
        }
    }

    @Test("advice cases have their flags: the gentle-only advice worded by the template")
    func adviceWordedByTheTemplate() throws {
        let plan = Self.plan(pain: .moderate)
        #expect(plan.advice.contains(.gentleOnly))
        let template = "{{#advice}}{{#isGentleOnly}}Take it easy, {{name}}.\n{{/isGentleOnly}}{{#isSeeProfessionalFirst}}See us first.\n{{/isSeeProfessionalFirst}}{{/advice}}"
        let markdown = try Self.markdown(plan, template: template)
        #expect(markdown.contains("Take it easy, \(Markdown.escape(plan.person.name)).\n"), "a name the item lacks is looked up the stack, in the plan")
        #expect(!markdown.contains("See us first."))
        #expect(!markdown.contains(PlanAdvice.gentleOnly.text))
    }

    @Test("each note answers its own case's flag as true and every other as false")
    func flagsOfEachNote() throws {
        let plan = Self.plan()
        let model = PlanModel(plan: plan, catalog: .builtIn, look: PlanLook(planID: "id", paper: .a4))
        guard case .modelObject(let root) = model.root, case let .modelList(list, count)? = model.field("notes", of: root) else {
            Issue.record("no notes list"); return
        }
        #expect(count == plan.notes.count && count > 1)
        for index in 0..<count {
            guard case .modelObject(let note) = model.item(index, of: list) else { continue }
            let flags = PlanNote.flags.filter { model.field($0, of: note) == .flag(true) }
            #expect(flags.count == 1, "\(plan.notes[index]): \(flags)")
            #expect(PlanNote.flags.allSatisfy { model.field($0, of: note) != nil })
        }
    }

    @Test("a misspelt case flag is an error naming it, with the flag it most likely meant")
    func misspeltFlag() throws {
        let template = "{{#notes}}\n{{#isMobiltyDays}}{{count}}{{/isMobiltyDays}}\n{{/notes}}\n"
        let error = try #require(throws: TemplateError.self) {
            try TemplateSet(overrides: ["plan.md.mustache": (template, "mine/plan.md.mustache")], modelRoots: Self.roots)
        }
        #expect(error.file == "mine/plan.md.mustache")
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("'isMobiltyDays' in {{#isMobiltyDays}} is not a field of the plan"), "\(error.message)")
        #expect(error.message.contains("(did you mean 'isMobilityDays'?)"), "\(error.message)")
    }
}
