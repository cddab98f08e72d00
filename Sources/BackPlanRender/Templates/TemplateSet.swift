import BackPlanResources
import Foundation

/// The named Mustache templates used to render plans and pages: defaults, overridden by file name.
///
/// Templates whose name contains `.md` render CommonMark: their values are
/// escaped for Markdown, so user text stays literal. Other templates escape
/// for HTML, as Mustache does by default. A template may change that with
/// `{{% CONTENT_TYPE: HTML|MARKDOWN|TEXT }}`.
///
/// Built-in templates are compiled when a command first uses one (a plan needs
/// six of the fifteen); templates from `--templates` are compiled at once, so a
/// mistake in one is reported before anything is written.
package struct TemplateSet: Sendable {
    /// Template text by file name (`plan.md.mustache`).
    package private(set) var sources: [String: String]
    /// Where each template came from, for messages ("Templates/plan.md.mustache" or a user's path).
    package private(set) var origins: [String: String]
    /// The file names the user's `--templates` folder replaced.
    package private(set) var overridden: Set<String>
    let cache: TemplateCache

    /// The templates built into the binary.
    package static var defaults: [String: String] { DefaultResources.templates }

    /// Builds the set from the defaults and `overrides` (file name to text, with the path to show in errors).
    ///
    /// Overrides are parsed at once; those that `modelRoots` (templates rendered
    /// against `PlanModel`) reach may only name its fields (`checkModelFields`).
    package init(overrides: [String: (text: String, path: String)] = [:], modelRoots: [String] = []) throws(TemplateError) {
        var sources = Self.defaults
        var origins = Dictionary(uniqueKeysWithValues: sources.keys.map { ($0, "Templates/\($0)") })
        for (name, override) in overrides {
            sources[name] = override.text
            origins[name] = override.path
        }
        self.sources = sources
        self.origins = origins
        overridden = Set(overrides.keys)
        var templates: [String: (text: String, origin: String)] = [:]
        for (file, text) in sources where file.hasSuffix(".mustache") {
            templates[String(file.dropLast(".mustache".count))] = (text, origins[file]!)
        }
        cache = TemplateCache(templates: templates)
        for file in overrides.keys.sorted() where file.hasSuffix(".mustache") {
            _ = try cache.compiled(String(file.dropLast(".mustache".count)))
        }
        try checkPartials(in: overrides.keys.sorted())
        try checkModelFields(roots: modelRoots, in: overrides.keys.sorted())
    }

    /// The escaping a template starts with: Markdown for `.md` templates, else HTML.
    static func escaping(ofTemplate name: String) -> TemplateEscaping {
        name.contains(".md") ? .markdown : .html
    }

    /// Renders the template `name` (without `.mustache`) with `context`.
    ///
    /// - Parameters:
    ///   - model: where the context's `.modelObject` and `.modelList` values are read.
    ///   - capacity: the bytes to reserve for the output, a guess that saves regrowing it.
    package func render(_ name: String, _ context: TemplateValue, model: (any TemplateModel)? = nil, capacity: Int = 4096) throws(TemplateError) -> String {
        try rendered(name, context, model: model, capacity: capacity).text
    }

    /// `render` as UTF-8 bytes, for output that goes to files and libcmark without becoming a String or being copied.
    package func renderData(_ name: String, _ context: TemplateValue, model: (any TemplateModel)? = nil, capacity: Int = 4096) throws(TemplateError) -> Data {
        try rendered(name, context, model: model, capacity: capacity).takeData()
    }

    private func rendered(_ name: String, _ context: TemplateValue, model: (any TemplateModel)?, capacity: Int) throws(TemplateError) -> TemplateRenderer {
        let compiled = try compiled(name)
        var renderer = TemplateRenderer(templates: compiled.partials, root: context, model: model, capacity: capacity)
        renderer.render(compiled.template)
        return renderer
    }

    /// Compiles the templates `names` (and their partials) now, so that their first render finds them ready.
    ///
    /// A template that fails to compile is left as it was: its first render reports the error, as without `prepare`.
    package func prepare(_ names: [String]) {
        for name in names { _ = try? compiled(name) }
    }

    private func compiled(_ name: String) throws(TemplateError) -> TemplateCache.Compiled {
        guard cache.has(name) else { throw unknown(name) }
        return try cache.compiled(name)
    }

    private func unknown(_ name: String) -> TemplateError {
        TemplateError(file: "\(name).mustache", message: "no such template; expected one of: \(templateNames.joined(separator: ", "))")
    }

    package var templateNames: [String] {
        sources.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }.sorted()
    }

    /// A partial that names a missing template renders nothing in Mustache; here it is an error.
    ///
    /// Only `files` (the user's) are read: the built-in templates name only built-in ones, which always exist.
    private func checkPartials(in files: [String]) throws(TemplateError) {
        let names = Set(templateNames)
        for file in files {
            guard let text = sources[file] else { continue }
            for tag in Self.tags(in: text) where tag.sigil == ">" && !names.contains(String(tag.name)) {
                throw TemplateError(
                    file: origins[file]!, line: tag.line,
                    message: "partial '\(tag.name)' does not exist; templates are: \(templateNames.joined(separator: ", "))")
            }
        }
    }
}
