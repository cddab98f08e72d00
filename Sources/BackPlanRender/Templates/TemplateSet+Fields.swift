import BackPlanCore

extension TemplateSet {
    /// Fails on a tag, in the user's `files` that a model renders, whose name is no field of the model.
    ///
    /// The templates reached from `roots` (the plan's, through their partials)
    /// are rendered against `PlanModel`, whose fields are exactly the
    /// `TemplateField`s: any other name could never be set, which Mustache
    /// lets pass silently. A misspelt field is caught here instead, with its
    /// line and the field it most likely meant. Each file is checked on its own.
    func checkModelFields(roots: [String], in files: [String]) throws(TemplateError) {
        let reached = reachable(from: roots)
        let fields = TemplateField.allCases.map(\.rawValue)
        for file in files where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            guard reached.contains(name), let (part, tag) = try cache.compiledAlone(name).firstNameOfNoField() else { continue }
            let suggestion = Suggestion.closest(to: part, in: fields).map { " (did you mean '\($0)'?)" } ?? ""
            throw TemplateError(
                file: origins[file]!, line: sources[file].flatMap { Self.line(ofTagNaming: part, in: $0) },
                message: "'\(part)' in \(tag) is not a field of the plan, so it is never set\(suggestion); "
                    + "fields are: \(fields.sorted().joined(separator: ", "))")
        }
    }

    /// Fails on a tag, in the user's site templates, whose name no page's context has.
    ///
    /// - Parameter names: by template (without `.mustache`), every name its pages' contexts hold, nested objects included.
    package func checkSiteFields(_ names: [String: Set<String>]) throws(TemplateError) {
        for file in overridden.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            guard let known = names[name], let (part, tag) = try cache.compiledAlone(name).firstName(where: { !known.contains($0) }) else { continue }
            let suggestion = Suggestion.closest(to: part, in: Array(known)).map { " (did you mean '\($0)'?)" } ?? ""
            throw TemplateError(
                file: origins[file]!, line: sources[file].flatMap { Self.line(ofTagNaming: part, in: $0) },
                message: "'\(part)' in \(tag) is not a field of the site's pages, so it is never set\(suggestion); "
                    + "fields are: \(known.sorted().joined(separator: ", "))")
        }
    }

    /// `roots` and every template their partial tags reach, by name without `.mustache`.
    private func reachable(from roots: [String]) -> Set<String> {
        var reached: Set<String> = []
        var pending = roots
        while let name = pending.popLast() {
            guard !reached.contains(name), let text = sources[name + ".mustache"] else { continue }
            reached.insert(name)
            pending += Self.tags(in: text).filter { $0.sigil == ">" }.map { String($0.name) }
        }
        return reached
    }

    /// The line of the first variable or section tag whose name has the part `part`; nil if none is found
    /// (the template may have changed its delimiters).
    static func line(ofTagNaming part: String, in text: String) -> Int? {
        let named: Set<Character?> = [nil, "#", "^", "/", "&", "{"]
        return tags(in: text).first { named.contains($0.sigil) && $0.name.split(separator: ".").contains { $0 == part } }?.line
    }

    /// A `{{...}}` tag of a template's text, as written with the default delimiters.
    struct Tag {
        /// `#`, `^`, `/`, `&`, `{`, `>`, `!`, `=`, `%`, `<`, `$`; nil for a plain variable.
        var sigil: Character?
        /// What follows the sigil, without surrounding spaces or a closing `}`.
        var name: Substring
        /// The line the tag starts on, from 1; a line ends at LF, so CRLF counts once.
        var line: Int
    }

    /// Every `{{...}}` tag of `text`, in order; a tag may span lines.
    static func tags(in text: String) -> [Tag] {
        let sigils: Set<Character> = ["#", "^", "/", "&", "{", ">", "!", "=", "%", "<", "$"]
        var found: [Tag] = []
        var line = 1
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            line += rest[..<open.lowerBound].utf8.count { $0 == 0x0A }
            let inside = rest[open.upperBound...]
            guard let close = inside.range(of: "}}") else { break }
            // The sigil comes right after the braces, as Mustache reads it.
            var content = inside[..<close.lowerBound]
            let sigil = content.first.flatMap { sigils.contains($0) ? $0 : nil }
            if sigil != nil { content = content.dropFirst() }
            while let last = content.last, last.isWhitespace || last == "}" {
                content = content.dropLast()
            }
            found.append(Tag(sigil: sigil, name: content.drop(while: \.isWhitespace), line: line))
            line += inside[..<close.upperBound].utf8.count { $0 == 0x0A }
            rest = inside[close.upperBound...]
        }
        return found
    }
}
