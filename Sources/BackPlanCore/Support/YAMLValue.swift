import Yams

/// A YAML node with its file and key path, so every read can fail with a located `InputError`.
package struct YAMLValue {
    package let node: Node
    package let file: String
    package let key: String
    /// Lines of the file before the text `node` was parsed from: 0 unless a part of the file was parsed alone.
    package var lineOffset = 0

    package init(node: Node, file: String, key: String, lineOffset: Int = 0) {
        self.node = node
        self.file = file
        self.key = key
        self.lineOffset = lineOffset
    }

    /// Parses `text` into its root node.
    ///
    /// With Yams' basic resolver: every read below works out a scalar's type
    /// from its text and style by hand, so the default resolver's regular
    /// expressions would only serve Yams' check for duplicate keys, which hashes
    /// each key's resolved type, and compiling them is a large part of loading
    /// the catalog (docs/benchmarks.md). Keys that differ only in quoting
    /// (`true` and `'true'`) now count as duplicates, as they read the same.
    package static func parse(_ text: String, file: String) throws(InputError) -> YAMLValue {
        if let (message, line, column) = YAMLAliasCheck.keyProblem(in: text) {
            throw InputError(file: file, line: line, column: column, problem: .malformed(message))
        }
        let root: Node?
        var expansion: YAMLAliasCheck.Problem?
        do {
            // `Yams.compose`, with the parser kept: a node holds its anchor weakly, and the parser
            // holds the anchors, which the alias check needs to tell an alias from its anchor.
            let parser = try Parser(yaml: text, resolver: .basic, encoding: encoding)
            root = try parser.singleRoot()
            expansion = withExtendedLifetime(parser) {
                root.flatMap { YAMLAliasCheck.expansionProblem(in: $0, text: text) }
            }
        } catch let error as YamlError {
            throw located(error, file: file)
        } catch {
            throw InputError(file: file, problem: .malformed("\(error)"))
        }
        guard let root else { throw InputError(file: file, line: 1, problem: .empty) }
        if let (message, line, column) = expansion {
            throw InputError(file: file, line: line, column: column, problem: .malformed(message))
        }
        if root.null != nil {
            throw InputError(file: file, line: 1, problem: .empty)
        }
        return YAMLValue(node: root, file: file, key: "")
    }

    /// Yams' default encoding, read once: its getter reads the environment each time, a tenth of
    /// reading a catalog move by move (one parser a move).
    /// (Kept by name: Yams' `Encoding` is not `Sendable`.)
    private static let encodingName = Parser.Encoding.default.rawValue
    private static var encoding: Parser.Encoding { Parser.Encoding(rawValue: encodingName) ?? .utf8 }

    private static func located(_ error: YamlError, file: String) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)".trimmingCharacters(in: .whitespaces) } ?? problem
            return InputError(file: file, line: mark.line, column: mark.column, problem: .malformed(detail))
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputError(
                file: file, line: context.mark.line, column: context.mark.column,
                problem: .malformed("duplicate key \(duplicates.joined(separator: ", "))"))
        case .reader, .dataCouldNotBeDecoded:
            return InputError(file: file, line: 1, problem: .notUTF8)
        default:
            return InputError(file: file, problem: .malformed("\(error)"))
        }
    }

    package var line: Int? { node.mark.map { $0.line + lineOffset } }
    package var column: Int? { node.mark?.column }

    package func error(_ problem: InputError.Problem) -> InputError {
        InputError(file: file, line: line, column: column, key: key, problem: problem)
    }

    /// A short word for what this node is, for "expected X, found Y" messages.
    package var kindName: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if node.null != nil || (scalar.style == .plain && scalar.string.isEmpty) {
                return "nothing"
            }
            if node.int != nil { return "the number \(scalar.string)" }
            if node.bool != nil { return "'\(scalar.string)'" }
            return "'\(scalar.string)'"
        }
    }

    // MARK: - Containers

    /// The entries of a mapping in file order, after checking every key is allowed and every required key present.
    package func mapping(allowed: [String], required: [String] = []) throws(InputError) -> [(String, YAMLValue)] {
        guard case .mapping(let mapping) = node else {
            throw error(.wrongType(expected: "a mapping of keys", found: kindName))
        }
        var entries: [(String, YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw YAMLValue(node: keyNode, file: file, key: key, lineOffset: lineOffset).error(.wrongType(expected: "a key", found: "a \(keyNode)"))
            }
            let name = scalar.string
            let child = YAMLValue(node: valueNode, file: file, key: key.isEmpty ? name : "\(key).\(name)", lineOffset: lineOffset)
            guard allowed.contains(name) else {
                let located = YAMLValue(node: keyNode, file: file, key: child.key, lineOffset: lineOffset)
                throw located.error(.unknownKey(allowed: allowed, suggestion: Suggestion.closest(to: name, in: allowed)))
            }
            entries.append((name, child))
        }
        for name in required where !entries.contains(where: { $0.0 == name }) {
            throw InputError(file: file, line: line, column: column, key: key.isEmpty ? name : "\(key).\(name)", problem: .missingKey)
        }
        return entries
    }

    /// The items of a list.
    package func sequence() throws(InputError) -> [YAMLValue] {
        guard case .sequence(let sequence) = node else {
            throw error(.wrongType(expected: "a list", found: kindName))
        }
        return sequence.enumerated().map { index, item in
            YAMLValue(node: item, file: file, key: "\(key)[\(index + 1)]", lineOffset: lineOffset)
        }
    }

    /// A list, also accepting a single scalar as a one-item list.
    package func list() throws(InputError) -> [YAMLValue] {
        if case .scalar = node { return [self] }
        return try sequence()
    }

    // MARK: - Scalars

    package func string() throws(InputError) -> String {
        // A plain null (`~`, `null`, nothing) is not text; checked by hand, because asking
        // Yams to resolve the scalar's type runs its regular expressions on every value.
        guard case .scalar(let scalar) = node,
              !(scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)) else {
            throw error(.wrongType(expected: "text", found: kindName))
        }
        return scalar.string
    }

    package func int(in range: ClosedRange<Int>? = nil) throws(InputError) -> Int {
        if case .scalar(let scalar) = node, scalar.style != .plain, Int(scalar.string) != nil {
            let expected = "a whole number" + (range.map { " in \($0.lowerBound)..\($0.upperBound)" } ?? "") + " without quotes"
            throw error(.wrongType(expected: expected, found: "the text \"\(scalar.string)\" in quotes"))
        }
        // Decimal integers are read by hand: Yams' type resolution runs regular expressions.
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) ?? node.int else {
            throw error(.wrongType(expected: "a whole number" + (range.map { " in \($0.lowerBound)..\($0.upperBound)" } ?? ""), found: kindName))
        }
        if let range, !range.contains(value) {
            throw error(.outOfRange(String(value), range: "\(range.lowerBound)..\(range.upperBound)"))
        }
        return value
    }

    /// A finite decimal number, such as an angle in degrees; `.nan`, `.inf` and text are refused.
    package func number(in range: ClosedRange<Double>? = nil) throws(InputError) -> Double {
        let rangeText = range.map { " in \(Self.format($0.lowerBound))..\(Self.format($0.upperBound))" } ?? ""
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Double(scalar.string),
              value.isFinite, !scalar.string.lowercased().contains("n") else {
            throw error(.wrongType(expected: "a finite number" + rangeText, found: kindName))
        }
        if let range, !range.contains(value) {
            throw error(.outOfRange(scalar.string, range: "\(Self.format(range.lowerBound))..\(Self.format(range.upperBound))"))
        }
        return value
    }

    /// `160` rather than `160.0`, for messages.
    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The words YAML reads as a flag.
    private static let flagWords = ["true": true, "yes": true, "on": true, "false": false, "no": false, "off": false]

    package func bool() throws(InputError) -> Bool {
        if case .scalar(let scalar) = node, scalar.style != .plain, Self.flagWords.keys.contains(scalar.string.lowercased()) {
            throw error(.wrongType(expected: "true or false without quotes", found: "the text \"\(scalar.string)\" in quotes"))
        }
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            throw error(.wrongType(expected: "true or false", found: kindName))
        }
        guard let value = Self.flagWords[scalar.string.lowercased()] else {
            throw error(.wrongType(expected: "true or false", found: kindName))
        }
        return value
    }

    /// A value of a closed set, matched by its raw value.
    ///
    /// `synonyms` (lowercased words people use for a value) give the did-you-mean before edit distance does.
    package func choice<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type, synonyms: [String: Choice] = [:]) throws(InputError) -> Choice
    where Choice.RawValue == String {
        let text = try string()
        if let value = Choice(rawValue: text) { return value }
        let allowed = Choice.allCases.map(\.rawValue)
        let key = Whitespace.trimmed(text).lowercased()
        let suggestion = synonyms[key]?.rawValue ?? Suggestion.closest(to: text, in: allowed)
        throw error(.badValue(text, allowed: allowed, suggestion: suggestion))
    }
}
