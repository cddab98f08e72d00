import Foundation
import Mustache

/// The parsed and compiled forms of a template set, made on first use and shared by every thread.
///
/// A class behind a lock, so `TemplateSet` stays a value that batch workers
/// share: the first render of a template parses and compiles it and its
/// partials, and later renders, from any thread, reuse them.
final class TemplateCache: @unchecked Sendable {
    /// A compiled template with every partial it reaches, all compiled.
    struct Compiled: Sendable {
        var template: CompiledTemplate
        var partials: [String: CompiledTemplate]
    }

    private let templates: [String: (text: String, origin: String)]
    /// Guards everything below; held while a template is parsed, which happens once per template.
    private let lock = NSLock()
    private var parsedTemplates: [String: MustacheTemplate] = [:]
    /// nil: the template or one of its partials needs swift-mustache (transforms, inheritance).
    private var compiledTemplates: [String: Compiled?] = [:]
    private var fullLibrary: MustacheLibrary?

    /// Template text and origin by name without `.mustache`.
    init(templates: [String: (text: String, origin: String)]) {
        self.templates = templates
    }

    func has(_ name: String) -> Bool { templates[name] != nil }

    /// The template as swift-mustache parsed it.
    ///
    /// - Throws: `TemplateError` with the file, line and column of a syntax error.
    func parsed(_ name: String) throws(TemplateError) -> MustacheTemplate {
        lock.lock()
        defer { lock.unlock() }
        return try parsedLocked(name)
    }

    /// The compiled template and its partials; nil if swift-mustache must render it.
    func compiled(_ name: String) throws(TemplateError) -> Compiled? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiledTemplates[name] { return known }
        var partials: [String: CompiledTemplate] = [:]
        var pending = [name]
        var compiles = true
        while let next = pending.popLast() {
            if partials[next] != nil { continue }
            guard templates[next] != nil, let template = CompiledTemplate(try parsedLocked(next)) else {
                compiles = false
                break
            }
            partials[next] = template
            pending += template.partialNames
        }
        let result = compiles ? Compiled(template: partials[name]!, partials: partials) : nil
        compiledTemplates[name] = .some(result)
        return result
    }

    /// `name` compiled on its own, its partials left out; nil if swift-mustache must render it. Not kept.
    func compiledAlone(_ name: String) throws(TemplateError) -> CompiledTemplate? {
        lock.lock()
        defer { lock.unlock() }
        return CompiledTemplate(try parsedLocked(name))
    }

    /// A swift-mustache library of every template, for the templates it renders itself.
    func library() throws(TemplateError) -> MustacheLibrary {
        lock.lock()
        defer { lock.unlock() }
        if let fullLibrary { return fullLibrary }
        var library = MustacheLibrary()
        for name in templates.keys.sorted() { library.register(try parsedLocked(name), named: name) }
        fullLibrary = library
        return library
    }

    private func parsedLocked(_ name: String) throws(TemplateError) -> MustacheTemplate {
        if let known = parsedTemplates[name] { return known }
        guard let (text, origin) = templates[name] else {
            preconditionFailure("parsedLocked is only called for names the set has")
        }
        let prefix = name.contains(".md") ? MarkdownContentType.pragma : ""
        do {
            let template = try MustacheTemplate(string: prefix + text)
            parsedTemplates[name] = template
            return template
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            var column = error.context.columnNumber
            var text = error.context.line
            if line == 1 {
                // The Markdown pragma is ours, not the user's: place the error in their text.
                column = max(1, column - prefix.count)
                if text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
            }
            text = text.trimmingCharacters(in: .whitespaces)
            let near = text.isEmpty ? "" : " near '\(text)'"
            throw TemplateError(file: origin, line: line, column: column, message: TemplateSet.describe(error.error) + near)
        } catch {
            throw TemplateError(file: origin, message: "\(error)")
        }
    }
}
