import BackPlanCore
@testable import BackPlanRender
import Testing

/// A plan template that names no field of the plan fails when it is loaded, with its line and the field it meant.
@Suite("Misspelt fields in plan templates")
struct TemplateFieldCheckTests {
    static let roots = PlanRenderer.templateNames(html: true)

    /// The set with `file` replaced by `text`, checked as `Inputs` checks the user's templates.
    static func load(_ file: String, _ text: String) throws(TemplateError) -> TemplateSet {
        try TemplateSet(overrides: [file: (text, "mine/\(file)")], modelRoots: roots)
    }

    @Test("every default template passes as an override")
    func defaultsPass() throws {
        let overrides = TemplateSet.defaults.mapValues { (text: $0, path: "mine/x") }
        _ = try TemplateSet(overrides: overrides, modelRoots: Self.roots)
    }

    @Test("a misspelt field is reported at its line, with the field it most likely meant", arguments: [
        // (file, what is replaced, by what, the start of the message, the suggestion)
        ("plan.md.mustache", "{{title}}", "{{titel}}", "'titel' in {{titel}}", "title"),
        ("plan-session.md.mustache", "{{name}}", "{{nmae}}", "'nmae' in {{nmae}}", "name"),
        ("plan.md.mustache", "{{timeModel.secondsPerRep}}", "{{timeModel.secondsPerRap}}", "'secondsPerRap' in {{timeModel.secondsPerRap}}", "secondsPerRep"),
        ("plan.md.mustache", "hasNotes}}", "hasNotess}}", "'hasNotess' in {{#hasNotess}}", "hasNotes"),
        ("plan.html.mustache", "{{{body}}}", "{{{bdy}}}", "'bdy' in {{{bdy}}}", "body"),
        ("plan.html.mustache", "{{{cssHeader}}}", "{{{cssHeadr}}}", "'cssHeadr' in {{{cssHeadr}}}", "cssHeader"),
    ])
    func misspelt(file: String, field: String, typo: String, part: String, meant: String) throws {
        let original = try #require(TemplateSet.defaults[file])
        try #require(original.contains(field), "\(file) has no \(field) to misspell")
        // Every occurrence, so a section's closing tag matches its opening one.
        let text = original.replacing(field, with: typo)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(typo) }! + 1
        let error = try #require(throws: TemplateError.self) { try Self.load(file, text) }
        #expect(error.file == "mine/\(file)")
        #expect(error.line == line)
        #expect(error.message.hasPrefix("\(part) is not a field of the plan, so it is never set"), "\(error.message)")
        #expect(error.message.contains("(did you mean '\(meant)'?)"), "\(error.message)")
    }

    @Test("with CRLF line endings the lines are counted as with LF, for fields and partials")
    func crlf() throws {
        let field = try #require(throws: TemplateError.self) {
            try Self.load("plan-week.md.mustache", "## Week {{number}}\r\n\r\n{{! a comment about weeks.form }}\r\n{{#sessions}}\r\n{{form}}\r\n{{/sessions}}\r\n")
        }
        #expect(field.line == 5)
        let partial = try #require(throws: TemplateError.self) {
            try Self.load("plan-week.md.mustache", "## Week {{number}}\r\n\r\n{{> plan-sesion.md}}\r\n")
        }
        #expect(partial.line == 3)
        #expect(partial.message.hasPrefix("partial 'plan-sesion.md' does not exist"))
    }

    @Test("without a likely field the message lists them all; a tag with other delimiters has no line")
    func noSuggestion() throws {
        let error = try #require(throws: TemplateError.self) { try Self.load("plan-advice.md.mustache", "{{=<% %>=}}\n\n<% zebra %>\n") }
        #expect(error.line == nil)
        #expect(!error.message.contains("did you mean"))
        #expect(error.message.hasSuffix("fields are: " + TemplateField.allCases.map(\.rawValue).sorted().joined(separator: ", ")))
    }

    @Test("templates the plan does not render are not checked")
    func notChecked() throws {
        // The website's templates read plain contexts, where any name may be meant.
        _ = try Self.load("site-index.md.mustache", "{{whatever}}\n")
    }

    @Test("the line found is the first variable or section tag with the name, not a comment or partial")
    func lineOfTag() {
        let text = "# {{title}}\n{{^weeks}}none{{/weeks}}\ntext titel {{! titel }} {{> a.titel}}\n{{# items }}{{ titel }}{{/ items }}\n{{{titel}}}\n"
        #expect(TemplateSet.line(ofTagNaming: "titel", in: text) == 4)
        #expect(TemplateSet.line(ofTagNaming: "titel", in: "a\n{{#items}}{{\ntitel\n}}{{/items}}\n") == 2, "a tag over lines is found where it starts")
        #expect(TemplateSet.line(ofTagNaming: "weeks", in: text) == 2)
        #expect(TemplateSet.line(ofTagNaming: "secondsPerRep", in: "a\n{{timeModel.secondsPerRep}}\n") == 2)
        #expect(TemplateSet.line(ofTagNaming: "nothing", in: text) == nil)
    }
}
