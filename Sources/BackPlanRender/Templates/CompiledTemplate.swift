/// A parsed template, laid out for rendering against `TemplateValue`s.
///
/// `MustacheParser` reads the text into tokens; this type keeps them in flat
/// tables that `TemplateRenderer` walks. Compiled nodes hold only numbers, so
/// walking them costs no reference counting: text lives in one byte array,
/// names, sections and partials in side tables. A class, so handing a section
/// to the renderer is one reference, not a copy of five arrays.
final class CompiledTemplate: Sendable {
    enum Node: Sendable {
        /// Bytes of `text`.
        case text(Range<Int>)
        /// `paths[path]`.
        case variable(path: Int, escaped: Bool)
        /// `paths[path]`, rendering `sections[section]`.
        case section(path: Int, section: Int, inverted: Bool)
        /// `partials[partial]`.
        case partial(Int)
        /// A `{{% CONTENT_TYPE: ... }}` pragma: the escaping of the tags after it.
        case escaping(TemplateEscaping)
    }

    /// A partial by name; `indentation` is set for a partial alone on its line.
    struct Partial: Sendable {
        var name: String
        var indentation: String?
    }

    let nodes: [Node]
    /// The UTF-8 of every text node, one after another.
    let text: [UInt8]
    let paths: [TemplatePath]
    /// The parts of every path's name, one after another: their text, read in objects of named fields…
    let names: [String]
    /// …and the model field each part is (nil: one no model has), read in model objects.
    let fields: [TemplateField?]
    let sections: [CompiledTemplate]
    let partials: [Partial]

    /// Parses and compiles `text`; `escaping` is how its tags escape until a pragma says otherwise.
    ///
    /// - Throws: `TemplateError` at the line and column of the tag at fault, in `file`.
    convenience init(parsing text: String, file: String, escaping: TemplateEscaping) throws(TemplateError) {
        self.init([.escaping(escaping)] + (try MustacheParser.tokens(text, file: file)))
    }

    init(_ tokens: [MustacheParser.Token]) {
        var nodes: [Node] = [], text: [UInt8] = [], paths: [TemplatePath] = [], sections: [CompiledTemplate] = [], partials: [Partial] = []
        var names: [String] = []
        /// The path of a tag's name, its parts added to `names`.
        func path(_ name: String) -> TemplatePath {
            let parts = name.split(separator: ".").map(String.init)
            let range = names.count..<names.count + parts.count
            names += parts
            return TemplatePath(name, parts: range)
        }
        nodes.reserveCapacity(tokens.count)
        for token in tokens {
            switch token {
            case .text(let string):
                let start = text.count
                text.append(contentsOf: string.utf8)
                nodes.append(.text(start..<text.count))
            case let .variable(name, escaped):
                paths.append(path(name))
                nodes.append(.variable(path: paths.count - 1, escaped: escaped))
            case let .section(name, inner, inverted):
                paths.append(path(name))
                sections.append(CompiledTemplate(inner))
                nodes.append(.section(path: paths.count - 1, section: sections.count - 1, inverted: inverted))
            case let .partial(name, indentation):
                partials.append(Partial(name: name, indentation: indentation))
                nodes.append(.partial(partials.count - 1))
            case .escaping(let escaping):
                nodes.append(.escaping(escaping))
            }
        }
        (self.nodes, self.text, self.paths, self.sections, self.partials) = (nodes, text, paths, sections, partials)
        self.names = names
        fields = names.map(TemplateField.init(rawValue:))
    }

    /// The names of the partials this template uses, its sections included.
    var partialNames: Set<String> {
        sections.reduce(into: Set(partials.map(\.name))) { names, section in names.formUnion(section.partialNames) }
    }

    /// The first part of a tag's name, in template order and sections included, that is no `TemplateField`,
    /// with the tag as written (`{{timeModel.secondsPerRap}}`, `{{#hasNote}}`); nil if every name is one.
    func firstNameOfNoField() -> (part: String, tag: String)? {
        firstName { TemplateField(rawValue: $0) == nil }
    }

    /// The first part of a tag's name, in template order and sections included, that `isUnknown`, with the tag as written.
    func firstName(where isUnknown: (String) -> Bool) -> (part: String, tag: String)? {
        for node in nodes {
            switch node {
            case let .variable(path, escaped):
                if let found = name(in: paths[path], where: isUnknown, opening: escaped ? "{{" : "{{{", closing: escaped ? "}}" : "}}}") {
                    return found
                }
            case let .section(path, section, inverted):
                if let found = name(in: paths[path], where: isUnknown, opening: inverted ? "{{^" : "{{#", closing: "}}")
                    ?? sections[section].firstName(where: isUnknown) {
                    return found
                }
            case .text, .partial, .escaping:
                continue
            }
        }
        return nil
    }

    private func name(in path: TemplatePath, where isUnknown: (String) -> Bool, opening: String, closing: String) -> (part: String, tag: String)? {
        let parts: Range<Int>, prefix: String
        switch path {
        case .current: return nil
        case .fromCurrent(let range): (parts, prefix) = (range, ".")
        case .fromStack(let range): (parts, prefix) = (range, "")
        }
        guard let missing = parts.first(where: { isUnknown(names[$0]) }) else { return nil }
        return (names[missing], opening + prefix + names[parts].joined(separator: ".") + closing)
    }
}

/// How a template escapes the values of `{{name}}` tags.
enum TemplateEscaping: Sendable {
    /// Mustache's default: `& < > " '` as entities.
    case html
    /// `{{% CONTENT_TYPE: MARKDOWN }}`, the default of `.md` templates: values render literally in CommonMark.
    case markdown
    /// `{{% CONTENT_TYPE: TEXT }}`: as they are.
    case none

    /// Appends `text` escaped; text with nothing to escape is read in place, not returned as a new reference.
    func append(_ text: String, to output: RenderBuffer) {
        switch self {
        // Branches, not `?:`, which would copy `text` to choose it.
        case .html:
            if HTML.needsEscaping(text) { output.append(utf8Of: HTML.escape(text)) } else { output.append(utf8Of: text) }
        case .markdown:
            if Markdown.isLiteral(text) { output.append(utf8Of: text) } else { output.append(utf8Of: Markdown.escape(text)) }
        case .none:
            output.append(utf8Of: text)
        }
    }
}

/// Where a tag's name points, worked out once: `.`, `.a.b` (the current object only) or `a.b` (up the stack).
///
/// The parts of the name are a range of the template's `names` and `fields`:
/// a path holds no text, so reading one costs no reference counting.
enum TemplatePath: Sendable {
    case current
    /// `.a.b`: every part read from the current object.
    case fromCurrent(Range<Int>)
    /// `a.b`: the first part looked up the stack, the rest read inside what it found.
    case fromStack(Range<Int>)

    /// The same reading of a name as swift-mustache's: split on dots, empty parts dropped; `parts` are where they were put.
    init(_ name: String, parts: Range<Int>) {
        if name == "." || parts.isEmpty {
            self = .current
        } else if name.first == "." {
            self = .fromCurrent(parts)
        } else {
            self = .fromStack(parts)
        }
    }
}
