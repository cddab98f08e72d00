import BackPlanCore

extension TemplateSet {
    /// Fails on a tag, in the user's `files` that a model renders, whose name is no field of the model.
    ///
    /// The templates reached from `roots` (the plan's, with their partials)
    /// are rendered against `PlanModel`, whose fields are exactly the
    /// `TemplateField`s: any other name could only ever render nothing, which
    /// Mustache does silently. A misspelt field is caught here instead, with
    /// its line and the field it most likely meant. Templates that
    /// swift-mustache renders itself (with its extensions) are not checked.
    func checkModelFields(roots: [String], in files: [String]) throws(TemplateError) {
        var reached: Set<String> = []
        for root in roots {
            guard let compiled = try cache.compiled(root) else { continue }
            reached.formUnion(compiled.partials.keys)
        }
        for file in files where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            guard reached.contains(name), let compiled = try cache.compiled(name),
                  let (part, tag) = compiled.template.firstNameOfNoField() else { continue }
            let fields = TemplateField.allCases.map(\.rawValue)
            let suggestion = Suggestion.closest(to: part, in: fields).map { " (did you mean '\($0)'?)" } ?? ""
            throw TemplateError(
                file: origins[file]!, line: sources[file].flatMap { Self.line(ofTagNaming: part, in: $0) },
                message: "'\(part)' in {{\(tag)}} is not a field of the plan, so it would always be empty\(suggestion); "
                    + "fields are: \(fields.sorted().joined(separator: ", "))")
        }
    }

    /// The number of the first line with a `{{...}}` tag whose name has the part `part`; nil if none is found
    /// (the template may have changed its delimiters).
    static func line(ofTagNaming part: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                guard let close = after.range(of: "}}") else { break }
                let sigils: Set<Character> = ["#", "^", "/", "&", "{", " ", "\t"]
                let name = after[..<close.lowerBound].drop(while: { sigils.contains($0) }).trimmingSuffix { $0 == "}" || $0 == " " || $0 == "\t" }
                if name.split(separator: ".").contains(where: { $0 == part }) { return index + 1 }
                rest = after[close.upperBound...]
            }
        }
        return nil
    }
}

private extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
