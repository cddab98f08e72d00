import Foundation

/// Renders compiled templates into one growing string, with Mustache's context stack kept in place.
///
/// The rules are swift-mustache 2's, including its quirks, so both renderers
/// give the same bytes: a section over a list renders once per item with the
/// item on the stack; `true` renders with the stack as it is; any other value
/// (text, a number, an object) is pushed; a name is looked up from the top of
/// the stack down, and a dotted rest only inside what its first part found.
/// A partial starts with HTML escaping unless it sets its own, and an indented
/// partial indents a token that starts a line of its own render call.
struct TemplateRenderer {
    private let templates: [String: CompiledTemplate]
    /// Where `.modelObject`, `.modelList` and `.modelBytes` values are read.
    private let model: (any TemplateModel)?
    private var stack: [TemplateValue]
    /// UTF-8 bytes: appending them is a copy, where appending to a String also checks its encoding.
    private let output: RenderBuffer

    init(templates: [String: CompiledTemplate], root: TemplateValue, model: (any TemplateModel)?, capacity: Int) {
        self.templates = templates
        self.model = model
        stack = [root]
        stack.reserveCapacity(8)
        output = RenderBuffer(capacity: capacity)
    }

    /// What was rendered, as text.
    var text: String { output.text }

    /// What was rendered, as UTF-8.
    var bytes: [UInt8] { output.bytes }

    /// What was rendered, as UTF-8 handed over without a copy; the renderer's output is empty afterwards.
    func takeData() -> Data { output.takeData() }

    /// Renders `template` with `escaping` until a pragma changes it; the top-level default is HTML.
    mutating func render(_ template: CompiledTemplate, escaping: TemplateEscaping = .html, indentation: String? = nil) {
        var escaping = escaping
        guard let indentation, !indentation.isEmpty else {
            for node in template.nodes { render(node, of: template, escaping: &escaping, indentation: indentation) }
            return
        }
        // Indented partial: each token is rendered on its own, and indented when
        // it is not empty and this call's output so far ends a line ("\n", not "\r\n":
        // swift-mustache compares the last Character).
        var local: [UInt8] = []
        for node in template.nodes {
            let start = output.count
            render(node, of: template, escaping: &escaping, indentation: indentation)
            let rendered = output.bytes(from: start)
            output.truncate(to: start)
            let endsLine = local.last == 0x0A && (local.count < 2 || local[local.count - 2] != 0x0D)
            if !rendered.isEmpty, endsLine { local.append(contentsOf: indentation.utf8) }
            local.append(contentsOf: rendered)
        }
        output.append(local)
    }

    private mutating func render(_ node: CompiledTemplate.Node, of template: CompiledTemplate, escaping: inout TemplateEscaping, indentation: String?) {
        switch node {
        case .text(let range):
            // Through a buffer pointer: an ArraySlice of the text would retain and release it.
            template.text.withUnsafeBufferPointer { output.append(UnsafeBufferPointer(rebasing: $0[range])) }
        case let .variable(path, escaped):
            guard let value = value(at: path, in: template) else { return }
            switch value {
            case .utf8(let bytes) where !escaped: return output.append(bytes)
            case .modelBytes(let bytes) where !escaped: return modelOfValues.writeBytes(bytes, to: output)
            // Digits read the same escaped or not, in HTML and in CommonMark (a minus sign may not).
            case .number(let number) where number >= 0: return output.append(decimal: number)
            default: break
            }
            let text = value.renderedText(model: model)
            (escaped ? escaping : .none).append(text, to: output)
        case let .section(path, section, inverted):
            let value = value(at: path, in: template)
            if inverted {
                renderInverted(value, template.sections[section], escaping: escaping, indentation: indentation)
            } else {
                renderSection(value, template.sections[section], escaping: escaping, indentation: indentation)
            }
        case .partial(let index):
            let partial = template.partials[index]
            guard let included = templates[partial.name] else { return }
            render(included, escaping: .html, indentation: partial.indentation.map { (indentation ?? "") + $0 } ?? indentation)
        case .escaping(let new):
            escaping = new
        }
    }

    private mutating func renderSection(_ value: TemplateValue?, _ template: CompiledTemplate, escaping: TemplateEscaping, indentation: String?) {
        switch value {
        case .list(let items)?:
            for item in items { renderPushing(item, template, escaping: escaping, indentation: indentation) }
        case let .modelList(list, count)?:
            let model = modelOfValues
            for index in 0..<count { renderPushing(model.item(index, of: list), template, escaping: escaping, indentation: indentation) }
        case .flag(let flag)?:
            if flag { render(template, escaping: escaping, indentation: indentation) }
        case let value?:
            renderPushing(value, template, escaping: escaping, indentation: indentation)
        case nil:
            break
        }
    }

    private mutating func renderInverted(_ value: TemplateValue?, _ template: CompiledTemplate, escaping: TemplateEscaping, indentation: String?) {
        switch value {
        case .list(let items)?:
            if items.isEmpty { renderPushing(.list(items), template, escaping: escaping, indentation: indentation) }
        case .modelList(_, let count)?:
            if count == 0 { renderPushing(value!, template, escaping: escaping, indentation: indentation) }
        case .flag(let flag)?:
            if !flag { render(template, escaping: escaping, indentation: indentation) }
        case .some:
            break
        case nil:
            render(template, escaping: escaping, indentation: indentation)
        }
    }

    private mutating func renderPushing(_ value: TemplateValue, _ template: CompiledTemplate, escaping: TemplateEscaping, indentation: String?) {
        stack.append(value)
        render(template, escaping: escaping, indentation: indentation)
        stack.removeLast()
    }

    /// The value of the template's path number `path`, read in place.
    private func value(at path: Int, in template: CompiledTemplate) -> TemplateValue? {
        switch template.paths[path] {
        case .current:
            return stack.last
        case .fromCurrent(let parts):
            return stack.last.flatMap { descend($0, into: parts, of: template) }
        case .fromStack(let parts):
            let first = parts.lowerBound
            // By index from the top: iterating `stack.reversed()` copied each value, retaining its text.
            var level = stack.count - 1
            while level >= 0 {
                if let child = field(first, of: stack[level], in: template) {
                    return parts.count == 1 ? child : descend(child, into: first + 1..<parts.upperBound, of: template)
                }
                level -= 1
            }
            return nil
        }
    }

    private func descend(_ value: TemplateValue, into parts: Range<Int>, of template: CompiledTemplate) -> TemplateValue? {
        var value = value
        for part in parts {
            guard let child = field(part, of: value, in: template) else { return nil }
            value = child
        }
        return value
    }

    /// The model that `.modelObject`, `.modelList` and `.modelBytes` values belong to.
    @inline(__always)
    private var modelOfValues: any TemplateModel {
        guard let model else { preconditionFailure("a template value from a model is rendered without its model") }
        return model
    }

    /// The field named by part `part` of the template's names, of an object; nil for any other kind of value, as in Mustache.
    @inline(__always)
    private func field(_ part: Int, of value: TemplateValue, in template: CompiledTemplate) -> TemplateValue? {
        switch value {
        case .object(let fields): fields[template.names[part]]
        case .modelObject(let object): template.fields[part].flatMap { modelOfValues.field($0, of: object) }
        default: nil
        }
    }
}

extension TemplateValue {
    /// The text of `{{name}}` before escaping, as swift-mustache's `String(describing:)` gives it; for a list or an
    /// object, with each object's names in order (`describedInOrder`).
    func renderedText(model: (any TemplateModel)?) -> String {
        switch self {
        case .text(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .list, .object: describedInOrder
        case .modelObject, .modelList, .modelBytes: materialized(in: model).renderedText(model: nil)
        }
    }

    /// Swift's description of the value swift-mustache reads (`[["href": "neck.html", "title": "Neck"]]`),
    /// but with each object's names sorted: a dictionary's own order changes from one run to the next, and a
    /// page must be the same bytes each time its inputs are.
    var describedInOrder: String {
        switch self {
        case .text(let text): String(reflecting: text)
        case .utf8(let bytes): String(reflecting: String(decoding: bytes, as: UTF8.self))
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .list(let items): "[" + items.map(\.describedInOrder).joined(separator: ", ") + "]"
        case .object(let fields): fields.describedInOrder
        case .modelObject, .modelList, .modelBytes: preconditionFailure("a template value from a model is described only once materialized")
        }
    }
}
