import BackPlanCore
import Foundation
@testable import BackPlanRender
import Testing

/// BackPlan's Mustache must render exactly what swift-mustache renders: the library is the reference.
@Suite("BackPlan's Mustache renders the same bytes as swift-mustache")
struct CompiledTemplateTests {
    /// One context with every kind of value, for the snippets below.
    static let context: TemplateValue = [
        "name": "Zoë <Müller> & \"Co\" 'x'",
        "markdown": "*bold* _it_ [link](javascript:x) `code` # 1. <b>",
        "number": 42,
        "zero": 0,
        "yes": true,
        "no": false,
        "empty": "",
        "items": [["name": "first", "dose": "30 s"], ["name": "second", "extra": ["deep": "down"]], ["dose": "3 sets"]],
        "none": [],
        "person": ["name": "inner", "address": ["city": "Berlin"], "flag": true],
        "words": ["a", "b", "c"],
        "body": .utf8(Array("<p>Ünï & <b>bold</b></p>\n".utf8)),
    ]

    /// Snippets covering each rule: escaping, lookups up the stack, dotted names, sections over every kind,
    /// standalone lines, partials (indented, other content type), delimiters, comments and line endings.
    static let snippets: [(name: String, text: String)] = [
        ("escaped.html", "{{name}}|{{{name}}}|{{&name}}|{{number}}|{{yes}}|{{no}}|{{empty}}|{{missing}}|{{words}}\n"),
        ("escaped.md", "{{name}} {{markdown}} {{{markdown}}} {{number}}\n"),
        ("sections.md", "{{#items}}\n- {{name}}: {{dose}} ({{person.name}}) {{extra.deep}}\n{{/items}}\n{{^none}}no items{{/none}}\n"),
        ("kinds.html", "{{#yes}}Y{{name}}{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}{{#zero}}[{{.}}]{{/zero}}{{#empty}}<{{.}}>{{/empty}}{{^empty}}e{{/empty}}{{#missing}}M{{/missing}}{{^missing}}!M{{/missing}}\n"),
        ("stack.html", "{{#person}}{{name}}/{{number}}/{{address.city}}/{{.name}}/{{.number}}{{#address}}{{city}}-{{name}}{{/address}}{{/person}}\n"),
        ("dotted.html", "{{person.address.city}}|{{person.nothing.city}}|{{#person.flag}}F{{/person.flag}}|{{person.address}}x\n"),
        ("current.html", "{{#words}}{{.}},{{/words}}|{{#name}}{{.}}{{/name}}|{{#person}}{{#name}}{{length}}{{.}}{{/name}}{{/person}}\n"),
        ("standalone.md", "Top\n  {{#yes}}  \nIn\n  {{/yes}}\n{{! a comment }}\n  {{^yes}}\nOut\n{{/yes}}\nEnd\n"),
        ("delimiters.html", "{{=<% %>=}}\n<% name %> {{name}}\n<%={{ }}=%>\n{{name}}\n"),
        ("crlf.md", "{{#items}}\r\n- {{name}}\r\n{{/items}}\r\nend\r\n"),
        ("outer.html", "<p>\n  {{> inner.md}}\n{{> inner.md}}</p>\n  {{>inline.html}} after\n"),
        ("inner.md", "{{#items}}\n* {{name}}\n{{/items}}\n{{name}}\n"),
        ("inline.html", "{{name}}\n{{#words}}\n  {{.}}\n{{/words}}\n"),
        ("outer-crlf.html", "<ul>\r\n  {{> inner-crlf.md}}\r\n</ul>\r\n"),
        ("inner-crlf.md", "a\r\n{{#words}}\r\n* {{.}}\r\n{{/words}}\r\nend {{name}}\r\nz\n{{number}}\n"),
        ("pragma.html", "{{name}}\n{{% CONTENT_TYPE: TEXT }}\n{{name}}{{#person}}{{name}}{{/person}}\n"),
        ("unicode.md", "Ünïcödé ☐ {{name}} ✓\n{{#words}}{{.}}☐{{/words}}\n"),
        ("bytes.html", "{{{body}}}|{{body}}|{{#body}}[{{.}}]{{/body}}{{^body}}none{{/body}}\n"),
    ]

    func templateSet(_ snippets: [(name: String, text: String)] = Self.snippets) throws -> TemplateSet {
        try TemplateSet(overrides: Dictionary(uniqueKeysWithValues: snippets.map { ("\($0.name).mustache", (text: $0.text, path: $0.name)) }))
    }

    @Test("every built-in template compiles")
    func builtInsCompile() throws {
        let templates = try TemplateSet()
        for name in templates.templateNames {
            #expect(throws: Never.self, "\(name)") { _ = try templates.cache.compiled(name) }
        }
    }

    @Test("snippets render alike", arguments: snippets.map(\.name))
    func snippet(_ name: String) throws {
        let templates = try templateSet()
        let compiled = try templates.render(name, Self.context)
        let reference = try MustacheOracle(templates).render(name, Self.context.mustacheValue)
        #expect(compiled == reference)
    }

    @Test("transforms, template inheritance and dynamic partials are refused at their place", arguments: [
        ("x {{uppercased(name)}}\n", "1:3", "transforms such as 'uppercased(...)' are not supported"),
        ("\n{{#items}}{{#first()}}F{{/first()}}{{/items}}\n", "2:11", "transforms such as 'first(...)' are not supported"),
        ("<{{$body}}default{{/body}}>\n", "1:2", "template inheritance ({{<parent}} and {{$block}}) is not supported"),
        ("{{<parent.html}}{{/parent.html}}\n", "1:1", "template inheritance"),
        ("[{{>*dynamic}}]\n", "1:2", "dynamic partials ({{>*name}}) are not supported"),
    ])
    func refused(text: String, place: String, message: String) throws {
        let error = try #require(throws: TemplateError.self) { try templateSet([("mine.html", text)]) }
        #expect(error.description.hasPrefix("mine.html:\(place): \(message)"), "\(error)")
    }

    /// Reads every documented field of a plan, inner objects reading outer fields up the stack too.
    static let allFields = """
        {{name}}|{{title}}|{{planID}}|{{seed}}|{{paper}}|{{start}}|{{end}}|{{startISO}}|{{endISO}}|{{weekCount}}|{{days}}
        {{minutes}}|{{areas}}|{{equipment}}|{{floor}}|{{level}}|{{pain}}|{{hasExercises}}|{{noExercise}}|{{gentle}}|{{hasNotes}}
        {{cardioRange}}|{{cardioExamples}}|{{cssHeader}}|{{cssDates}}|{{cssFooter}}|{{body}}|{{missing}}
        {{#notes}}n:{{text}} {{/notes}}{{^notes}}no notes{{/notes}}{{#advice}}a:{{text}} {{/advice}}{{#rules}}r:{{text}} {{/rules}}
        {{#timeModel}}{{secondsPerRep}} {{restBetweenSets}} {{restBetweenRounds}} {{transition}} {{name}}{{/timeModel}}
        {{#brand}}{{name}} {{contact}} {{hasContact}} {{logoURI}} {{hasLogo}}{{/brand}}{{^brand}}no brand{{/brand}}
        {{#weeks}}W{{number}} {{from}} {{to}} {{gridMarker}} {{weekCount}}
        {{#sessions}}S {{day}} {{date}} {{weekday}} {{estimatedMinutes}} {{budgetMinutes}} {{shorter}} {{uncovered}} {{hasUncovered}}
        {{cardioMinutes}} {{cardioExamples}} {{number}}
        {{#blocks}}B {{phase}} {{title}} {{isWarmUp}} {{day}}
        {{#items}}I {{id}} {{name}} {{dose}} {{equipment}} {{hasEquipment}} {{position}} {{seconds}} {{planID}} {{phase}}
        {{/items}}{{^items}}no items{{/items}}{{/blocks}}{{/sessions}}{{/weeks}}{{^weeks}}no weeks{{/weeks}}
        {{#weeks.0}}first{{/weeks.0}} {{timeModel.transition}} {{brand.name}}

        """

    @Test("every field a plan's model gives reads the same as in the tree swift-mustache renders, for 120 people")
    func planModelFields() throws {
        let templates = try templateSet([("all-fields.md", Self.allFields)])
        let oracle = try MustacheOracle(templates)
        let catalog = Catalog.builtIn
        var generator = SeededGenerator(seed: 0xF1E1D)
        for index in 0..<120 {
            var person = Preferences()
            person.name = ["Alex", "Zoë *Müller*", "<b>x</b>", "1. Lee"][index % 4]
            person.weeks = Int.random(in: 1...6, using: &generator)
            person.minutes = Int.random(in: 10...90, using: &generator)
            person.days = .perWeek(Int.random(in: 1...7, using: &generator))
            person.areas = Area.allCases.filter { _ in Bool.random(using: &generator) }
            person.equipment = Equipment.allCases.filter { _ in Bool.random(using: &generator) }
            person.floor = Bool.random(using: &generator)
            person.pain = [.none, .mild, .moderate, .severe][index % 4]
            let plan = Planner(catalog: catalog).plan(for: person, start: CivilDate(year: 2026, month: 11, day: 30)!, seed: generator.next())
            var brand = Brand(name: "Praxis <Übel>")
            brand.phone = index % 4 == 0 ? "+49 30 1234" : nil
            let model = PlanModel(plan: plan, catalog: catalog, look: PlanLook(planID: "id\(index)", paper: .a4, brand: index % 3 == 0 ? brand : nil))
            if index % 5 == 0 { model.body = Array("<p>body & more</p>".utf8) }
            let tree = model.root.materialized(in: model)
            let compiled = try templates.render("all-fields.md", model.root, model: model)
            let reference = try oracle.render("all-fields.md", tree.mustacheValue)
            #expect(compiled == reference, "person \(index)")
            if compiled != reference {
                let lines = zip(compiled.split(separator: "\n"), reference.split(separator: "\n")).filter { $0 != $1 }.prefix(2)
                Issue.record("first different lines: \(Array(lines))")
            }
            guard case .object(let root) = tree else { Issue.record("the root is not an object"); continue }
            let names = model.fieldNames(of: 0).map(\.rawValue)
            let present = names.filter { root[$0] != nil }
            let absent = (index % 3 == 0 ? [] : ["brand"]) + (index % 5 == 0 ? [] : ["body"])
            #expect(present == names.filter { !absent.contains($0) }, "every root field but an absent brand or body")
        }
    }

    /// The field names of docs/templates.md's table of plan template fields ("`weeks[]`: `number`, ..." gives weeks and number).
    static func documentedFields() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("docs/templates.md"), encoding: .utf8)
        let table = readme.components(separatedBy: "| field | example |").dropFirst().first?.components(separatedBy: "\n\n").first ?? ""
        var names: Set<String> = []
        for row in table.split(separator: "\n") {
            let column = row.split(separator: "|").first ?? ""
            for token in column.split(separator: "`").enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
                for part in token.replacingOccurrences(of: "[]", with: "").split(separator: ".") { names.insert(String(part)) }
            }
        }
        return names
    }

    @Test("every object of a plan's model answers exactly the fields it lists, and docs/templates.md documents each of them")
    func planModelFieldNames() throws {
        let documented = try Self.documentedFields()
        #expect(documented.contains("estimatedMinutes") && documented.contains("restBetweenRounds"), "the field table of docs/templates.md was not found")
        var person = Preferences()
        // Too short for every area, without floor moves: a plan with notes.
        person.minutes = 10
        person.areas = Area.allCases
        person.floor = false
        let plan = Planner(catalog: .builtIn).plan(for: person, start: CivilDate(year: 2026, month: 11, day: 30)!, seed: 3)
        let model = PlanModel(plan: plan, catalog: .builtIn, look: PlanLook(planID: "id", paper: .a4, brand: Brand(name: "Clinic")))
        model.body = Array("<p>x</p>".utf8)
        // One object of every kind, reached from the root through its lists.
        guard case .modelObject(let root) = model.root else { Issue.record("the root is not a model object"); return }
        var objects = [root]
        func first(_ list: String, of object: Int) -> Int? {
            guard case let .modelList(number, count)? = model.field(list, of: object), count > 0,
                  case .modelObject(let item) = model.item(0, of: number) else { return nil }
            return item
        }
        for name in ["timeModel", "brand"] {
            if case .modelObject(let object)? = model.field(name, of: root) { objects.append(object) }
        }
        for list in ["advice", "rules", "notes"] { if let text = first(list, of: root) { objects.append(text) } }
        if let week = first("weeks", of: root), let session = first("sessions", of: week), let block = first("blocks", of: session),
           let item = first("items", of: block) {
            objects += [week, session, block, item]
        }
        if let card = first("cards", of: root), let step = first("steps", of: card), let dose = first("doses", of: card) {
            objects += [card, step, dose]
        }
        #expect(objects.count == 13, "an object of every kind, notes and cards included")
        // The case flags and data of advice, notes, remarks and reasons: each item lists those of its own case.
        let listed = objects.reduce(into: Set<String>()) { $0.formUnion(model.fieldNames(of: $1).map(\.rawValue)) }
            .union(PlanModel.caseFields.map(\.rawValue))
        #expect(listed.subtracting(documented).isEmpty, "fields missing from docs/templates.md: \(listed.subtracting(documented).sorted())")
        #expect(Set(TemplateField.allCases.map(\.rawValue)) == listed, "every TemplateField is a field of some object, and no more")
        let probe = listed.union(documented).union(["missing", "Name", ""])
        for object in objects {
            let answered = Set(probe.filter { model.field($0, of: object) != nil })
            let names = model.fieldNames(of: object).map(\.rawValue)
            #expect(answered == Set(names), "object \(object): answered \(answered.sorted()), listed \(names)")
        }
    }

    @Test("plan.md and plan.html alike for 300 varied people, hostile names and brands included")
    func plans() throws {
        let templates = try TemplateSet()
        let oracle = try MustacheOracle(templates)
        let catalog = Catalog.builtIn
        var generator = SeededGenerator(seed: 0x5EED)
        let names = ["Alex", "Zoë *Müller*", "<script>alert(1)</script>", "1. Lee", "# Kim & Co", "O'Neil \"Ace\"", "back\\slash_[x]"]
        for index in 0..<300 {
            var person = Preferences()
            person.name = names[index % names.count]
            person.weeks = Int.random(in: 1...6, using: &generator)
            person.minutes = Int.random(in: 10...90, using: &generator)
            person.days = .perWeek(Int.random(in: 1...7, using: &generator))
            person.areas = Area.allCases.filter { _ in Bool.random(using: &generator) }
            if person.areas.isEmpty { person.areas = [.neck] }
            person.equipment = Equipment.allCases.filter { _ in Bool.random(using: &generator) }
            person.floor = Bool.random(using: &generator)
            person.level = Bool.random(using: &generator) ? .beginner : .intermediate
            person.pain = [.none, .mild, .moderate, .severe][index % 4]
            let start = CivilDate(year: 2026, month: 11, day: 30)!.adding(days: index)
            let plan = Planner(catalog: catalog).plan(for: person, start: start, seed: generator.next())
            var brand = Brand(name: index % 3 == 0 ? "Praxis <Übel> & Söhne" : "Clinic")
            brand.phone = "+49 30 1234"
            let look = PlanLook(planID: "id\(index)", paper: index % 2 == 0 ? .a4 : .letter, brand: index % 2 == 0 ? brand : nil)
            var context = planContext(plan: plan, catalog: catalog, look: look)
            let markdown = try templates.render("plan.md", .object(context))
            #expect(markdown == (try oracle.render("plan.md", TemplateValue.object(context).mustacheValue)), "person \(index)")
            context["body"] = .text(CommonMark.html(fromMarkdown: markdown, blocks: [WeekGrid.marker(week: 1): "<table></table>\n"]))
            let html = try templates.render("plan.html", .object(context))
            #expect(html == (try oracle.render("plan.html", TemplateValue.object(context).mustacheValue)), "person \(index)")
            // The byte path of `plan`, `batch` and `email` gives the same documents as Strings rendered from a tree of the plan.
            let renderer = PlanRenderer(templates: templates, catalog: catalog)
            let documents = try renderer.documents(plan, look: look, html: true)
            let stringMarkdown = try renderer.markdown(plan, look: look)
            #expect(Array(documents.markdown) == Array(stringMarkdown.utf8), "person \(index)")
            var reference = planContext(plan: plan, catalog: catalog, look: look)
            let cards = PlanCard.cards(of: plan, catalog: catalog)
            let numbers = PlanCard.Numbers(cards)
            var blocks = Dictionary(uniqueKeysWithValues: plan.weeks.map { (WeekGrid.marker(week: $0.number), WeekGrid.html($0, cards: numbers)) })
            for (marker, html) in renderer.art.blocks(for: cards, siteURL: nil) { blocks[marker] = String(decoding: html, as: UTF8.self) }
            reference["body"] = .text(CommonMark.html(fromMarkdown: stringMarkdown, blocks: blocks))
            #expect(documents.html.map(Array.init) == Array(try templates.render("plan.html", .object(reference)).utf8), "person \(index)")
        }
    }

    @Test("a list or an object shown by a variable reads as Swift describes it, names in order, the same whatever order they were set in")
    func describedInOrder() throws {
        let templates = try TemplateSet(overrides: ["shown.html.mustache": (text: "{{{person}}}|{{{items}}}|{{{blank}}}\n", path: "shown")])
        let forward: TemplateValue = [
            "person": ["name": "Zoë \"x\"", "flag": true, "age": 3], "items": [["b": "2", "a": [1, 2]], []], "blank": [:],
        ]
        let backward: TemplateValue = [
            "person": ["age": 3, "flag": true, "name": "Zoë \"x\""], "items": [["a": [1, 2], "b": "2"], []], "blank": [:],
        ]
        let shown = try templates.render("shown.html", forward)
        #expect(shown == #"["age": 3, "flag": true, "name": "Zoë \"x\""]|[["a": [1, 2], "b": "2"], []]|[:]"# + "\n")
        #expect(try templates.render("shown.html", backward) == shown)
        // With one name an object has one order: exactly what swift-mustache shows.
        let single: TemplateValue = ["person": ["name": "Zoë \"x\""], "items": [["a": [1, true]]], "blank": [:]]
        #expect(try templates.render("shown.html", single) == MustacheOracle(templates).render("shown.html", single.mustacheValue))
    }
}
