
/// The compiled forms of a template set, made on first use and shared by every thread.
///
/// A class behind a lock, so `TemplateSet` stays a value that batch workers
/// share: the first render of a template compiles it and its partials, and
/// later renders, from any thread, reuse them.
final class TemplateCache: Sendable {

    /// A compiled template with every partial it reaches, all compiled.
    struct Compiled: Sendable {
        var template: CompiledTemplate
        var partials: [String: CompiledTemplate]
    }

    private let templates: [String: Source]
    /// What has been compiled; held while a template is compiled, which happens once per template.
    private let state = Locked(State())

    struct Source: Sendable {
        var text: String
        var origin: String
    }

    private struct State {
        /// Each template compiled on its own.
        var alone: [String: CompiledTemplate] = [:]
        /// Each template with every partial it reaches.
        var compiled: [String: Compiled] = [:]
    }

    /// Template text and origin by name without `.mustache`.
    init(templates: [String: (text: String, origin: String)]) {
        self.templates = templates.mapValues { Source(text: $0.text, origin: $0.origin) }
    }

    func has(_ name: String) -> Bool { templates[name] != nil }

    /// The compiled template and every partial it reaches.
    ///
    /// - Throws: `TemplateError` with the file, line and column of a syntax error in any of them.
    func compiled(_ name: String) throws(TemplateError) -> Compiled {
        try state.withLock { (state) throws(TemplateError) -> Compiled in
            if let known = state.compiled[name] { return known }
            var partials: [String: CompiledTemplate] = [:]
            try collect(name, into: &partials, path: [], state: &state)
            let result = Compiled(template: partials[name]!, partials: partials)
            state.compiled[name] = result
            return result
        }
    }

    /// `name` compiled on its own, its partials left out.
    func compiledAlone(_ name: String) throws(TemplateError) -> CompiledTemplate {
        try state.withLock { (state) throws(TemplateError) -> CompiledTemplate in try compile(name, state: &state) }
    }

    /// Compiles `name` and, depth first, every partial it reaches; a partial that reaches itself is an error.
    ///
    /// Mustache would render such a cycle until the stack overflows (or, inside
    /// a section, until the data runs out); no plan or page needs one, so it is
    /// refused here with the cycle spelled out.
    private func collect(_ name: String, into partials: inout [String: CompiledTemplate], path: [String], state: inout State) throws(TemplateError) {
        if let start = path.firstIndex(of: name) {
            let cycle = (path[start...] + [name]).joined(separator: " -> ")
            throw TemplateError(file: templates[path[start]]!.origin, message: "partials include each other in a loop: \(cycle); a template cannot include itself")
        }
        // A partial naming no template renders nothing, as in Mustache; `TemplateSet` reports user templates that do.
        // Already explored from another template: no loop runs through it.
        guard templates[name] != nil, partials[name] == nil else { return }
        let template = try compile(name, state: &state)
        partials[name] = template
        for partial in template.partialNames.sorted() {
            try collect(partial, into: &partials, path: path + [name], state: &state)
        }
    }

    /// `name` compiled on its own, from `state` when it was before.
    private func compile(_ name: String, state: inout State) throws(TemplateError) -> CompiledTemplate {
        if let known = state.alone[name] { return known }
        guard let source = templates[name] else {
            preconditionFailure("compile is only called for names the set has")
        }
        let template = try CompiledTemplate(parsing: source.text, file: source.origin, escaping: TemplateSet.escaping(ofTemplate: name))
        state.alone[name] = template
        return template
    }
}
