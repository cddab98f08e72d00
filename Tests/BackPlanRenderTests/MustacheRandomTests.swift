import BackPlanCore
import Foundation
@testable import BackPlanRender
import Testing

/// Thousands of random templates and contexts, rendered by BackPlan's Mustache and by swift-mustache, byte for byte.
///
/// The generator writes what templates are made of: text with every line
/// ending, blanks and characters HTML and Markdown escape; variables of the
/// three kinds; sections and inverted sections, nested; comments; partials,
/// indented or inline; delimiter changes and pragmas; tags alone on their
/// lines (standalone) or among text. Where swift-mustache departs from the
/// spec (a standalone tag followed by blanks at the very end of the text), the
/// generator does not go; `MustacheParser` says which of its details follow
/// swift-mustache.
@Suite("Random templates render as swift-mustache renders them")
struct MustacheRandomTests {
    /// Names of text, numbers and flags, which variables show.
    static let scalars = ["a", "b", "c", "name", "a.b", "person.name", "person.a"]
    /// Names sections open: lists and objects too, and the current item.
    static let sectionNames = scalars + ["items", "person", "items.a"]

    struct Generator {
        var random: SeededGenerator
        var delimiters = ("{{", "}}")

        mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

        mutating func text() -> String {
            (0..<Int.random(in: 1...4, using: &random)).map { _ in
                pick(["x", "Zoë", " ", "  ", "\t", "<b>", "&", "\"q\"", "'", "*", "_", "#", "1.", "☐", "}", "-"])
            }.joined()
        }

        mutating func lineEnd() -> String { pick(["\n", "\n", "\r\n"]) }

        mutating func tag(_ body: String) -> String { delimiters.0 + body + delimiters.1 }

        /// A piece of template: `depth` bounds the nesting of sections.
        mutating func piece(depth: Int, partials: [String]) -> String {
            let kind = Int.random(in: 0..<(depth > 0 ? 12 : 9), using: &random)
            let standalone = chance(40)
            let indent = standalone ? pick(["", " ", "  ", "\t"]) : ""
            let end = standalone ? lineEnd() : ""
            switch kind {
            case 0, 1: return text()
            case 2: return lineEnd()
            case 3: return tag(pick([" ", ""]) + pick(MustacheRandomTests.scalars) + pick([" ", ""]))
            case 4:
                let name = pick(MustacheRandomTests.scalars)
                return delimiters == ("{{", "}}") && chance(50) ? "{{{\(name)}}}" : tag("&" + name)
            case 5: return indent + tag("! " + pick(["note", "two\nlines", ""]) + " ") + end
            case 6:
                guard let partial = partials.isEmpty ? nil : pick(partials) else { return text() }
                return indent + tag("> " + partial) + end
            case 7:
                // Two characters each: swift-mustache 2.1.1 traps on a section closed with one-character delimiters.
                let (open, close) = pick([("<%", "%>"), ("[[", "]]"), ("{{", "}}")])
                let change = indent + tag("=\(open) \(close)=") + end
                delimiters = (open, close)
                return change
            case 8:
                return indent + tag("% CONTENT_TYPE: " + pick(["HTML", "TEXT", "MARKDOWN"])) + end
            default:
                let name = pick(MustacheRandomTests.sectionNames)
                let sigil = pick(["#", "#", "^"])
                let innerIndent = chance(50) ? indent : pick(["", " "])
                let open = indent + tag(sigil + name) + end
                let outer = delimiters
                var inner = ""
                for _ in 0..<Int.random(in: 0...4, using: &random) { inner += piece(depth: depth - 1, partials: partials) }
                // The closing tag is read with the delimiters the section ends with; then the outer ones are back.
                let close = innerIndent + tag("/" + name) + (standalone ? lineEnd() : "")
                delimiters = outer
                return open + inner + close
            }
        }

        /// A whole template; it never ends in blanks after a tag, where swift-mustache departs from the spec.
        mutating func template(partials: [String]) -> String {
            delimiters = ("{{", "}}")
            var text = ""
            for _ in 0..<Int.random(in: 1...10, using: &random) { text += piece(depth: 3, partials: partials) }
            return text + "."
        }

        /// Text, a number or a flag: the values a variable shows (a list's or object's text is Swift's, in hash order).
        mutating func scalar() -> Any {
            switch Int.random(in: 0..<5, using: &random) {
            case 0: return pick(["", "plain", "<i>&\"'</i>", "*star* _u_ [l](x)", "Ünï ☐", "line\nbreak"])
            case 1: return Int.random(in: -3...100, using: &random)
            case 2, 3: return Bool.random(using: &random)
            default: return pick(["", "0", "x"])
            }
        }

        mutating func context(depth: Int) -> [String: Any] {
            var fields: [String: Any] = [:]
            for name in ["a", "b", "c", "name"] where chance(70) { fields[name] = scalar() }
            if depth > 0, chance(70) {
                fields["items"] = chance(20) ? [Any]() : (0..<Int.random(in: 1...3, using: &random)).map { _ in context(depth: depth - 1) as Any }
            }
            if depth > 0, chance(60) { fields["person"] = chance(20) ? scalar() : context(depth: depth - 1) }
            return fields
        }
    }

    @Test("4,000 random templates with partials, each against a random context", arguments: 0..<8)
    func random(batch: Int) throws {
        var generator = Generator(random: SeededGenerator(seed: 0xBAC0 + UInt64(batch)))
        var compared = 0
        for index in 0..<500 {
            // Partials reach only those after them, so no template includes itself.
            let inner = generator.template(partials: [])
            let middle = generator.template(partials: ["inner.md"])
            let main = generator.template(partials: ["middle.html", "inner.md"])
            let name = generator.chance(50) ? "main.md" : "main.html"
            let sources = [(name, main), ("middle.html", middle), ("inner.md", inner)]
            let templates = try TemplateSet(overrides: Dictionary(uniqueKeysWithValues: sources.map { ("\($0.0).mustache", (text: $0.1, path: $0.0)) }))
            let context = generator.context(depth: 3)
            guard let value = TemplateValue(mustacheValue: context) else {
                Issue.record("the generator made a context of other kinds")
                continue
            }
            if ProcessInfo.processInfo.environment["MUSTACHE_RANDOM_TRACE"] != nil { print("batch \(batch) template \(index)") }
            let ours = try templates.render(name, value)
            let reference = try MustacheOracle(templates, only: sources.map(\.0)).render(name, context)
            compared += 1
            if ours != reference {
                Issue.record("batch \(batch) template \(index) differs:\n--- \(name)\n\(main.debugDescription)\n--- middle.html\n\(middle.debugDescription)\n--- inner.md\n\(inner.debugDescription)\n--- ours\n\(ours.debugDescription)\n--- swift-mustache\n\(reference.debugDescription)")
                return
            }
        }
        #expect(compared == 500)
    }
}
