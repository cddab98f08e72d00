@testable import BackPlanRender
import Mustache

/// swift-mustache: the reference BackPlan's own Mustache engine is compared with, in tests only.
///
/// It renders the same template texts as a `TemplateSet`, with `.md`
/// templates starting in Markdown escaping as BackPlan's do (a pragma on a
/// line of its own, which a standalone tag removes whole).
struct MustacheOracle {
    let library: MustacheLibrary

    /// The reference for `templates`, or for only those named `names`.
    init(_ templates: TemplateSet, only names: [String]? = nil) throws {
        MarkdownContentType.registerOnce()
        var library = MustacheLibrary()
        for name in names ?? templates.templateNames {
            let text = templates.sources["\(name).mustache"]!
            let prefix = TemplateSet.escaping(ofTemplate: name) == .markdown ? MarkdownContentType.pragma + "\n" : ""
            library.register(try MustacheTemplate(string: prefix + text), named: name)
        }
        self.library = library
    }

    /// `name` rendered by swift-mustache with `context` (`TemplateValue.mustacheValue` or a site view's dictionary).
    func render(_ name: String, _ context: Any) throws -> String {
        guard let output = library.render(context, withTemplate: name) else {
            throw TemplateError(file: name, message: "swift-mustache has no template '\(name)'")
        }
        return output
    }
}

/// Mustache escaping for CommonMark output, as BackPlan's `.md` templates escape.
struct MarkdownContentType: MustacheContentType {
    static let pragma = "{{% CONTENT_TYPE: MARKDOWN }}"

    func escapeText(_ text: String) -> String { Markdown.escape(text) }

    /// Registers the content type with swift-mustache; the registry is global, so do it once.
    static func registerOnce() { _ = registration }

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()
}
