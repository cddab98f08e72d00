import Foundation

/// The compiled forms of a template set, made on first use and shared by every thread.
///
/// A class behind a lock, so `TemplateSet` stays a value that batch workers
/// share: the first render of a template compiles it and its partials, and
/// later renders, from any thread, reuse them.
final class TemplateCache: @unchecked Sendable {
    // @unchecked: every stored property is either immutable or read and written only with `lock` held.

    /// A compiled template with every partial it reaches, all compiled.
    struct Compiled: Sendable {
        var template: CompiledTemplate
        var partials: [String: CompiledTemplate]
    }

    private let templates: [String: (text: String, origin: String)]
    /// Guards everything below; held while a template is compiled, which happens once per template.
    private let lock = NSLock()
    private var alone: [String: CompiledTemplate] = [:]
    private var compiledTemplates: [String: Compiled] = [:]

    /// Template text and origin by name without `.mustache`.
    init(templates: [String: (text: String, origin: String)]) {
        self.templates = templates
    }

    func has(_ name: String) -> Bool { templates[name] != nil }

    /// The compiled template and every partial it reaches.
    ///
    /// - Throws: `TemplateError` with the file, line and column of a syntax error in any of them.
    func compiled(_ name: String) throws(TemplateError) -> Compiled {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiledTemplates[name] { return known }
        var partials: [String: CompiledTemplate] = [:]
        try collect(name, into: &partials, path: [])
        let result = Compiled(template: partials[name]!, partials: partials)
        compiledTemplates[name] = result
        return result
    }

    /// `name` compiled on its own, its partials left out.
    func compiledAlone(_ name: String) throws(TemplateError) -> CompiledTemplate {
        lock.lock()
        defer { lock.unlock() }
        return try compiledLocked(name)
    }

    /// Compiles `name` and, depth first, every partial it reaches; a partial that reaches itself is an error.
    ///
    /// Mustache would render such a cycle until the stack overflows (or, inside
    /// a section, until the data runs out); no plan or page needs one, so it is
    /// refused here with the cycle spelled out.
    private func collect(_ name: String, into partials: inout [String: CompiledTemplate], path: [String]) throws(TemplateError) {
        if let start = path.firstIndex(of: name) {
            let cycle = (path[start...] + [name]).joined(separator: " -> ")
            throw TemplateError(file: templates[path[start]]!.origin, message: "partials include each other in a loop: \(cycle); a template cannot include itself")
        }
        // A partial naming no template renders nothing, as in Mustache; `TemplateSet` reports user templates that do.
        // Already explored from another template: no loop runs through it.
        guard templates[name] != nil, partials[name] == nil else { return }
        let template = try compiledLocked(name)
        partials[name] = template
        for partial in template.partialNames.sorted() {
            try collect(partial, into: &partials, path: path + [name])
        }
    }

    private func compiledLocked(_ name: String) throws(TemplateError) -> CompiledTemplate {
        if let known = alone[name] { return known }
        guard let (text, origin) = templates[name] else {
            preconditionFailure("compiledLocked is only called for names the set has")
        }
        let template = try CompiledTemplate(parsing: text, file: origin, escaping: TemplateSet.escaping(ofTemplate: name))
        alone[name] = template
        return template
    }
}
