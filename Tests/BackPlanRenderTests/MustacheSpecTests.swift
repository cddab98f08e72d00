@testable import BackPlanRender
import Testing

/// The Mustache spec's core rules, one case each, with the output the spec gives; swift-mustache must agree.
@Suite("BackPlan's Mustache follows the spec's core")
struct MustacheSpecTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var template: String
        var data: TemplateValue
        var partials: [String: String] = [:]
        var expected: String
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        // Interpolation
        Case(rule: "no tags: text as it is", template: "Hello from {Mustache}!\n", data: [:], expected: "Hello from {Mustache}!\n"),
        Case(rule: "a basic variable", template: "Hello, {{subject}}!", data: ["subject": "world"], expected: "Hello, world!"),
        Case(rule: "HTML escaped by default", template: "{{forbidden}}", data: ["forbidden": "& \" < >"], expected: "&amp; &quot; &lt; &gt;"),
        Case(rule: "triple mustache is not escaped", template: "{{{forbidden}}}", data: ["forbidden": "& \" < >"], expected: "& \" < >"),
        Case(rule: "ampersand is not escaped", template: "{{&forbidden}}", data: ["forbidden": "& \" < >"], expected: "& \" < >"),
        Case(rule: "integers", template: "\"{{mph}} miles an hour!\"", data: ["mph": 85], expected: "\"85 miles an hour!\""),
        Case(rule: "a missing name renders empty", template: "I ({{cannot}}) be seen!", data: [:], expected: "I () be seen!"),
        Case(rule: "dotted names", template: "{{person.name}} == {{#person}}{{name}}{{/person}}",
             data: ["person": ["name": "Joe"]], expected: "Joe == Joe"),
        Case(rule: "dotted names: a broken chain renders empty", template: "{{a.b.c}} == ", data: ["a": [:]], expected: " == "),
        Case(rule: "dotted names: the first part is looked up the stack, the rest only inside it",
             template: "{{#a}}{{b.c.d.e.name}}{{/a}}",
             data: ["a": ["b": [:]], "b": ["c": ["d": ["e": ["name": "Phil"]]]]], expected: ""),
        Case(rule: "implicit iterator", template: "{{#list}}({{.}}){{/list}}", data: ["list": ["a", "b", "c"]], expected: "(a)(b)(c)"),
        Case(rule: "interpolation keeps surrounding whitespace", template: "| {{string}} |", data: ["string": "---"], expected: "| --- |"),
        Case(rule: "interpolation is never standalone", template: "  {{string}}\n", data: ["string": "---"], expected: "  ---\n"),
        Case(rule: "spaces inside the tag are ignored", template: "|{{ string }}|{{{ string }}}|{{& string }}|", data: ["string": "---"], expected: "|---|---|---|"),
        // Sections
        Case(rule: "a true section renders", template: "\"{{#boolean}}This should be rendered.{{/boolean}}\"", data: ["boolean": true],
             expected: "\"This should be rendered.\""),
        Case(rule: "a false section does not", template: "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", data: ["boolean": false],
             expected: "\"\""),
        Case(rule: "an object becomes the context", template: "\"{{#context}}Hi {{name}}.{{/context}}\"", data: ["context": ["name": "Joe"]],
             expected: "\"Hi Joe.\""),
        Case(rule: "names are looked up the context stack", template: "{{#a}}{{one}}{{#b}}{{one}}{{two}}{{/b}}{{/a}}",
             data: ["a": ["one": 1], "b": ["two": 2]], expected: "112"),
        Case(rule: "a list renders once per item", template: "\"{{#list}}{{item}}{{/list}}\"",
             data: ["list": [["item": 1], ["item": 2], ["item": 3]]], expected: "\"123\""),
        Case(rule: "an empty list renders nothing", template: "\"{{#list}}Yay lists!{{/list}}\"", data: ["list": []], expected: "\"\""),
        Case(rule: "a missing section renders nothing", template: "[{{#missing}}Found key 'missing'!{{/missing}}]", data: [:], expected: "[]"),
        Case(rule: "nested sections", template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", data: ["bool": true], expected: "| A B C D E |"),
        Case(rule: "standalone section lines are removed", template: "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", data: ["boolean": true],
             expected: "| This Is\n|\n| A Line\n"),
        Case(rule: "indented standalone section lines are removed", template: "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
             data: ["boolean": true], expected: "| This Is\n|\n| A Line\n"),
        Case(rule: "standalone lines ending in CRLF are removed", template: "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", data: ["boolean": true],
             expected: "|\r\n|"),
        Case(rule: "a standalone tag at the start of the text", template: "  {{#boolean}}\n#{{/boolean}}\n/", data: ["boolean": true], expected: "#\n/"),
        Case(rule: "a standalone tag at the end of the text", template: "#{{#boolean}}\n/\n  {{/boolean}}", data: ["boolean": true], expected: "#\n/\n"),
        Case(rule: "a section among text is not standalone", template: " | {{#boolean}}\t|\t{{/boolean}} | \n", data: ["boolean": true],
             expected: " | \t|\t | \n"),
        // Inverted sections
        Case(rule: "an inverted section renders for false", template: "\"{{^boolean}}This should be rendered.{{/boolean}}\"", data: ["boolean": false],
             expected: "\"This should be rendered.\""),
        Case(rule: "an inverted section renders for an empty list", template: "\"{{^list}}Yay lists!{{/list}}\"", data: ["list": []],
             expected: "\"Yay lists!\""),
        Case(rule: "an inverted section does not render for a list", template: "\"{{^list}}{{n}}{{/list}}\"", data: ["list": [["n": 1]]],
             expected: "\"\""),
        Case(rule: "an inverted section renders for a missing name", template: "[{{^missing}}Found key 'missing'!{{/missing}}]", data: [:],
             expected: "[Found key 'missing'!]"),
        // Comments
        Case(rule: "comments render nothing", template: "12345{{! Comment Block! }}67890", data: [:], expected: "1234567890"),
        Case(rule: "multiline comments", template: "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", data: [:], expected: "1234567890\n"),
        Case(rule: "standalone comment lines are removed", template: "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", data: [:],
             expected: "Begin.\nEnd.\n"),
        Case(rule: "an inline comment keeps its line", template: "  12 {{! 34 }}\n", data: [:], expected: "  12 \n"),
        // Partials
        Case(rule: "a partial renders in the current context", template: "\"{{>text}}\"", data: ["text": "content"],
             partials: ["text": "*{{text}}*"], expected: "\"*content*\""),
        // A missing partial renders nothing in the spec; BackPlan reports it in a user's template (TemplateFieldCheckTests).
        Case(rule: "a standalone partial is indented line by line", template: "\\\n {{>partial}}\n/\n", data: ["content": "<\n->"],
             partials: ["partial": "|\n{{{content}}}\n|\n"], expected: "\\\n |\n <\n->\n |\n/\n"),
        Case(rule: "an inline partial is not indented", template: "  {{data}}  {{> partial}}\n", data: ["data": "|"],
             partials: ["partial": ">\n>"], expected: "  |  >\n>\n"),
        Case(rule: "a partial's name may have spaces around it", template: "|{{> partial }}|", data: ["boolean": true],
             partials: ["partial": "[]"], expected: "|[]|"),
        // Set delimiters
        Case(rule: "set delimiters", template: "{{=<% %>=}}(<%text%>)", data: ["text": "Hey!"], expected: "(Hey!)"),
        Case(rule: "special characters as delimiters", template: "({{=[ ]=}}[text])", data: ["text": "It worked!"], expected: "(It worked!)"),
        Case(rule: "new delimiters hold for sections after them",
             template: "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
             data: ["section": true, "data": "I got interpolated."],
             expected: "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
        Case(rule: "a partial keeps its own delimiters", template: "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", data: ["value": "yes"],
             partials: ["include": ".{{value}}."], expected: "[ .yes. ]\n[ .yes. ]\n"),
        Case(rule: "standalone delimiter lines are removed", template: "Begin.\n{{=@ @=}}\nEnd.\n", data: [:], expected: "Begin.\nEnd.\n"),
    ]

    static func templateSet(_ test: Case) throws -> TemplateSet {
        var overrides = ["case.html.mustache": (text: test.template, path: "case.html")]
        for (name, text) in test.partials { overrides["\(name).mustache"] = (text, name) }
        return try TemplateSet(overrides: overrides)
    }

    @Test("each rule renders as the spec says", arguments: cases)
    func rule(_ test: Case) throws {
        let templates = try Self.templateSet(test)
        #expect(try templates.render("case.html", test.data) == test.expected)
    }

    @Test("swift-mustache agrees on each rule", arguments: cases)
    func reference(_ test: Case) throws {
        let templates = try Self.templateSet(test)
        let oracle = try MustacheOracle(templates, only: ["case.html"] + test.partials.keys.sorted())
        #expect(try oracle.render("case.html", test.data.mustacheValue) == test.expected)
    }

    @Test("syntax errors name the file, the line and column of the tag, and what to write", arguments: [
        ("a\n{{#items}}\nx\n", "t.html:2:1: the section 'items' is never closed; end it with {{/items}}"),
        ("{{#a}}\n  {{/b}}\n", "t.html:2:3: '{{/b}}' closes the section 'a' opened at 1:1; close it with {{/a}}"),
        ("x {{/a}}", "t.html:1:3: '{{/a}}' closes a section that was never opened"),
        ("Zoë {{name", "t.html:1:5: a tag is not closed with '}}'"),
        ("{{na me}}", "t.html:1:1: '{{na me}}' is not a tag: names are letters, digits and . - _ ?, closed with '}}'"),
        ("{{{name}}", "t.html:1:1: '{{{name' is not closed with '}}}'"),
        ("{{! never ends", "t.html:1:1: a comment is not closed with '}}'"),
        ("\n\n  {{=<%>=}}", "t.html:3:3: a set-delimiter tag is written {{=<% %>=}}: two delimiters without spaces or '=', between '='"),
        ("{{% CONTENT_TYPE: JSON }}", "t.html:1:1: the only pragma is {{% CONTENT_TYPE: HTML }}, with HTML, MARKDOWN or TEXT"),
        ("{{=<% %>=}}\n<%#a%>\n<%/a%>\n<%#b%>", "t.html:4:1: the section 'b' is never closed; end it with {{/b}}"),
    ])
    func syntaxError(text: String, message: String) throws {
        let error = try #require(throws: TemplateError.self) { try TemplateSet(overrides: ["t.html.mustache": (text, "t.html")]) }
        #expect(error.description == message)
    }

    @Test("partials that include each other are refused with the loop", arguments: [
        (["a.md": "{{> a.md}}\n"], "a.md: partials include each other in a loop: a.md -> a.md; a template cannot include itself"),
        (["a.md": "x\n{{#items}}{{> b.md}}{{/items}}\n", "b.md": "{{> a.md}}"],
         "a.md: partials include each other in a loop: a.md -> b.md -> a.md; a template cannot include itself"),
    ])
    func loop(templates: [String: String], message: String) throws {
        let overrides = Dictionary(uniqueKeysWithValues: templates.map { ("\($0.key).mustache", (text: $0.value, path: $0.key)) })
        let error = try #require(throws: TemplateError.self) { try TemplateSet(overrides: overrides) }
        #expect(error.description == message)
    }
}
