import Mustache

/// A template parsed by swift-mustache, compiled for rendering against `TemplateValue`s.
///
/// swift-mustache stays the parser and the reference: it reads the template
/// (standalone lines, delimiters, pragmas, errors), and this type takes its
/// token tree as it is and renders it with the same rules, over typed values.
/// That skips what dominated a plan's rendering in swift-mustache: several
/// protocol-conformance casts per tag on `[String: Any]`, a name split per
/// lookup and a context copy per section.
///
/// The token tree is internal to swift-mustache, so it is read through
/// `Mirror`. Whatever this type does not know (transforms such as
/// `{{uppercased(name)}}`, template inheritance, dynamic partials, another
/// library version's tokens) makes `init` return nil, and `TemplateSet`
/// renders that template with swift-mustache. Tests render every template
/// both ways over many plans and compare the bytes.
struct CompiledTemplate: Sendable {
    enum Node: Sendable {
        case text(String)
        case variable(TemplatePath, escaped: Bool)
        case section(TemplatePath, CompiledTemplate, inverted: Bool)
        /// A partial by name; `indentation` is set for a partial alone on its line.
        case partial(String, indentation: String?)
        /// A `{{% CONTENT_TYPE: ... }}` pragma: the escaping of the tags after it.
        case escaping(TemplateEscaping)
    }

    let nodes: [Node]

    /// Compiles a parsed template; nil if it uses anything this renderer does not do exactly as swift-mustache.
    init?(_ template: MustacheTemplate) {
        guard let tokens = Mirror(reflecting: template).descendant("tokens") as? [Any] else { return nil }
        var nodes: [Node] = []
        nodes.reserveCapacity(tokens.count)
        for token in tokens {
            guard let node = Self.node(token) else { return nil }
            nodes.append(node)
        }
        self.nodes = nodes
    }

    /// The names of the partials this template uses, its sections included.
    var partialNames: Set<String> {
        var names: Set<String> = []
        for node in nodes {
            switch node {
            case .partial(let name, _): names.insert(name)
            case .section(_, let template, _): names.formUnion(template.partialNames)
            case .text, .variable, .escaping: break
            }
        }
        return names
    }

    /// The node of one swift-mustache token, read as its enum case name and payload tuple.
    private static func node(_ token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let (kind, payload) = mirror.children.first.map({ ($0.label, $0.value) }) else {
            return nil
        }
        switch kind {
        case "text":
            return (payload as? String).map(Node.text)
        case "variable", "unescapedVariable":
            // `(name: String, transforms: [String])`; a name with transforms is `{{lowercased(name)}}`.
            guard let (name, transforms) = payload as? (String, [String]), transforms.isEmpty else { return nil }
            return .variable(TemplatePath(name), escaped: kind == "variable")
        case "section", "invertedSection":
            guard let (name, transforms, inner) = payload as? (String, [String], MustacheTemplate), transforms.isEmpty,
                  let compiled = CompiledTemplate(inner) else { return nil }
            return .section(TemplatePath(name), compiled, inverted: kind == "invertedSection")
        case "partial":
            // `(String, indentation: String?, inherits: [String: MustacheTemplate]?)`; inheritance is left to swift-mustache.
            guard let (name, indentation, inherits) = payload as? (String, String?, [String: MustacheTemplate]?), inherits == nil else {
                return nil
            }
            return .partial(name, indentation: indentation)
        case "contentType":
            return TemplateEscaping(payload).map(Node.escaping)
        default:
            // Template inheritance (blocks) and dynamic partials: left to swift-mustache.
            return nil
        }
    }
}

/// How a template escapes the values of `{{name}}` tags.
enum TemplateEscaping: Sendable {
    /// swift-mustache's default: `& < > " '` as entities.
    case html
    /// `MarkdownContentType`: values render literally in CommonMark.
    case markdown
    /// `{{% CONTENT_TYPE: TEXT }}`: as they are.
    case none

    /// The escaping of a swift-mustache content type; nil for one registered by someone else.
    init?(_ contentType: Any) {
        if contentType is MarkdownContentType { self = .markdown; return }
        switch String(describing: type(of: contentType)) {
        case "HTMLContentType": self = .html
        case "TextContentType": self = .none
        default: return nil
        }
    }

    func escape(_ text: String) -> String {
        switch self {
        case .html: HTML.escape(text)
        case .markdown: Markdown.escape(text)
        case .none: text
        }
    }
}

/// Where a tag's name points, worked out once: `.`, `.a.b` (the current object only) or `a.b` (up the stack).
enum TemplatePath: Sendable {
    case current
    case fromCurrent([String])
    case fromStack(String, rest: [String])

    /// The same reading of a name as swift-mustache's: split on dots, empty parts dropped.
    init(_ name: String) {
        let parts = name.split(separator: ".").map(String.init)
        if name == "." || parts.isEmpty {
            self = .current
        } else if name.first == "." {
            self = .fromCurrent(parts)
        } else {
            self = .fromStack(parts[0], rest: Array(parts.dropFirst()))
        }
    }
}
