import BackPlanResources

extension Catalog {
    /// The catalog built into the binary (the package's `Data/catalog.yaml`).
    ///
    /// The embedded copy is validated by the test suite, so a failure here is a build defect.
    public static let builtIn: Catalog = {
        do {
            return try Catalog(yaml: DefaultResources.catalogYAML, file: DefaultResources.catalogPath)
        } catch {
            preconditionFailure("the built-in catalog is invalid: \(error)")
        }
    }()

    /// The built-in catalog's YAML text, for `catalog export` and tests.
    public static var builtInYAML: String { DefaultResources.catalogYAML }

    /// Parses and validates a catalog.
    ///
    /// - Throws: `InputError` naming the file, line, column and key of the first problem.
    public init(yaml text: String, file: String) throws(InputError) {
        // Move by move when the text allows it; on any problem, whole, so the error is the one reading it whole gives.
        if let parts = CatalogText(text), let catalog = try? Catalog(parts: parts, file: file) {
            self = catalog
            return
        }
        try self.init(wholeYAML: text, file: file)
    }

    /// The catalog read from its whole text's tree, at once.
    init(wholeYAML text: String, file: String) throws(InputError) {
        let root = try YAMLValue.parse(text, file: file)
        try self.init(root: root, file: file) { value throws(InputError) in
            let items = try value.sequence()
            return try Self.moves(count: items.count, list: value) { index throws(InputError) in items[index] }
        }
    }

    /// The catalog read move by move (`CatalogText`): the top-level part first, then each move's part
    /// parsed and decoded alone, its tree dropped before the next. Throws on any problem, which the
    /// caller does not show: it reads the whole text again for the error.
    init(parts: CatalogText, file: String) throws(InputError) {
        let root = try YAMLValue.parse(parts.head, file: file)
        try self.init(root: root, file: file) { value throws(InputError) in
            // The key must hold nothing in the top-level part: else the lines found were not the moves.
            guard case .scalar(let scalar) = value.node, scalar.style == .plain, scalar.string.isEmpty else {
                throw value.error(.invalid("the moves were not found where expected"))
            }
            return try Self.moves(count: parts.items.count, list: value) { index throws(InputError) in
                let part = parts.items[index]
                let items = try YAMLValue.parse(String(part.text), file: file).sequence()
                guard items.count == 1 else { throw value.error(.invalid("a move's lines held \(items.count) items")) }
                return YAMLValue(node: items[0].node, file: file, key: "moves[\(index + 1)]", lineOffset: part.lineOffset)
            }
        }
    }

    /// The catalog of the top-level mapping `root`, its moves read by `readMoves` from the `moves` key's value.
    private init(root: YAMLValue, file: String, readMoves: (YAMLValue) throws(InputError) -> [Exercise]) throws(InputError) {
        var moves: [Exercise] = []
        var session: SessionRules?
        var phases: [Phase: PhaseInfo] = [:]
        var advice: [Advice] = []
        var faq: [Question] = []
        for (key, value) in try root.mapping(allowed: ["session", "phases", "advice", "faq", "moves"], required: ["moves"]) {
            switch key {
            case "session": session = try Self.sessionRules(value)
            case "phases": phases = try Self.phases(value)
            case "advice": advice = try Self.advice(value)
            case "faq": faq = try Self.faq(value)
            default: moves = try readMoves(value)
            }
        }
        self.init(
            moves: moves, session: session ?? .articleDefaults, phases: phases, advice: advice, faq: faq, source: file)
    }

    // MARK: - Moves

    private static let moveKeys = ["id", "name", "phase", "areas", "ways", "props", "dose", "steps", "figure"]

    /// The `count` moves of the list `list`, each item given by `item(index)` when it is decoded.
    private static func moves(
        count: Int, list value: YAMLValue, item: (Int) throws(InputError) -> YAMLValue
    ) throws(InputError) -> [Exercise] {
        var moves: [Exercise] = []
        moves.reserveCapacity(count)
        var firstLine: [String: Int?] = [:]
        // Each move is checked on its own, so one run reports the first problem of every broken move.
        var problems: [InputError] = []
        for index in 0..<count {
            let item = try item(index)
            do throws(InputError) {
                let move = try exercise(item)
                if let line = firstLine[move.id] {
                    throw item.error(.duplicateID(move.id, firstLine: line))
                }
                firstLine[move.id] = item.line
                moves.append(move)
            } catch {
                problems.append(error)
            }
        }
        if let first = problems.first {
            throw problems.count == 1 ? first : InputError(file: first.file, line: first.line, column: first.column, problem: .several(problems))
        }
        if moves.isEmpty { throw value.error(.invalid("the catalog has no moves")) }
        return moves
    }

    private static func exercise(_ value: YAMLValue) throws(InputError) -> Exercise {
        let entries = try value.mapping(allowed: moveKeys, required: ["id", "name", "phase", "areas", "ways", "dose", "steps"])
        var move = Exercise(id: "", name: "", phase: .warmUp, areas: [], ways: [], dose: DoseRanges(), steps: [])
        for (key, field) in entries {
            switch key {
            case "id": move.id = try slug(field)
            case "name": move.name = try nonEmptyText(field)
            case "phase": move.phase = try field.choice(Phase.self)
            case "areas": move.areas = try nonEmptyList(field) { v throws(InputError) in try v.choice(Area.self) }
            case "ways": move.ways = try nonEmptyList(field, way)
            case "props": move.props = try field.sequence().map { v throws(InputError) in try v.choice(Prop.self) }
            case "dose": move.dose = try dose(field)
            case "figure": move.figure = try figure(field)
            default:
                move.steps = try field.sequence().map { v throws(InputError) in try nonEmptyText(v) }
                if move.steps.isEmpty { throw field.error(.noSteps) }
            }
        }
        if move.dose.ranges.isEmpty {
            throw value.error(.invalid("move '\(move.id)' has no dose; give at least one of sets, reps, hold_seconds, rounds, seconds"))
        }
        return move
    }

    private static func way(_ value: YAMLValue) throws(InputError) -> Way {
        var way = Way(equipment: [], positions: [])
        let keys = ["equipment", "positions", "steps", "figure"]
        for (key, field) in try value.mapping(allowed: keys, required: ["equipment", "positions"]) {
            switch key {
            case "equipment":
                way.equipment = try field.sequence().map { v throws(InputError) in try v.choice(Equipment.self) }
            case "positions":
                way.positions = try nonEmptyList(field) { v throws(InputError) in try v.choice(Position.self) }
            case "steps":
                way.steps = try field.sequence().map { v throws(InputError) in try nonEmptyText(v) }
                if way.steps?.isEmpty == true { throw field.error(.noSteps) }
            default:
                way.figure = try figure(field)
            }
        }
        return way
    }

    private static func dose(_ value: YAMLValue) throws(InputError) -> DoseRanges {
        var dose = DoseRanges()
        let keys = ["sets", "reps", "hold_seconds", "rounds", "seconds", "per_side"]
        for (key, field) in try value.mapping(allowed: keys) {
            switch key {
            case "sets": dose.sets = try range(field)
            case "reps": dose.reps = try range(field)
            case "hold_seconds": dose.holdSeconds = try range(field)
            case "rounds": dose.rounds = try range(field)
            case "seconds": dose.seconds = try range(field)
            default: dose.perSide = try field.bool()
            }
        }
        return dose
    }

    /// `{min: 8, max: 12}`, `{min: 15}` (open-ended) or a single number.
    static func range(_ value: YAMLValue) throws(InputError) -> DoseRange {
        if case .scalar = value.node {
            let number = try value.int(in: 1...3600)
            return DoseRange(min: number, max: number)
        }
        var minimum: Int?
        var maximum: Int?
        for (key, field) in try value.mapping(allowed: ["min", "max"], required: ["min"]) {
            if key == "min" { minimum = try field.int(in: 1...3600) } else { maximum = try field.int(in: 1...3600) }
        }
        let low = minimum ?? 1
        if let maximum, maximum < low { throw value.error(.minAboveMax(min: low, max: maximum)) }
        return DoseRange(min: low, max: maximum)
    }

    // MARK: - Session, phases, advice, FAQ

    private static func sessionRules(_ value: YAMLValue) throws(InputError) -> SessionRules {
        var rules = SessionRules.articleDefaults
        let keys = ["frequency", "cardio", "dynamic_stretch_seconds", "static_stretch_in_warm_up_seconds", "rules"]
        for (key, field) in try value.mapping(allowed: keys) {
            switch key {
            case "frequency": rules.frequency = try nonEmptyText(field)
            case "cardio":
                for (cardioKey, cardioField) in try field.mapping(allowed: ["minutes", "examples"]) {
                    if cardioKey == "minutes" {
                        rules.cardioMinutes = try range(cardioField)
                    } else {
                        rules.cardioExamples = try cardioField.sequence().map { v throws(InputError) in try nonEmptyText(v) }
                    }
                }
            case "dynamic_stretch_seconds": rules.dynamicStretchSeconds = try range(field)
            case "static_stretch_in_warm_up_seconds": rules.staticStretchInWarmUpSeconds = try range(field)
            default: rules.rules = try field.sequence().map { v throws(InputError) in try nonEmptyText(v) }
            }
        }
        return rules
    }

    private static func phases(_ value: YAMLValue) throws(InputError) -> [Phase: PhaseInfo] {
        var phases: [Phase: PhaseInfo] = [:]
        for (key, field) in try value.mapping(allowed: Phase.allCases.map(\.rawValue)) {
            var info = PhaseInfo(title: "", summary: "")
            for (infoKey, infoField) in try field.mapping(allowed: ["title", "summary"], required: ["title", "summary"]) {
                if infoKey == "title" { info.title = try nonEmptyText(infoField) } else { info.summary = try nonEmptyText(infoField) }
            }
            phases[Phase(rawValue: key)!] = info
        }
        return phases
    }

    private static func advice(_ value: YAMLValue) throws(InputError) -> [Advice] {
        try value.sequence().map { item throws(InputError) in
            var advice = Advice(id: "", text: "")
            for (key, field) in try item.mapping(allowed: ["id", "text"], required: ["id", "text"]) {
                if key == "id" { advice.id = try slug(field) } else { advice.text = try nonEmptyText(field) }
            }
            return advice
        }
    }

    private static func faq(_ value: YAMLValue) throws(InputError) -> [Question] {
        try value.sequence().map { item throws(InputError) in
            var question = Question(id: "", question: "", answer: [])
            for (key, field) in try item.mapping(allowed: ["id", "question", "answer"], required: ["id", "question", "answer"]) {
                switch key {
                case "id": question.id = try slug(field)
                case "question": question.question = try nonEmptyText(field)
                default: question.answer = try field.sequence().map { v throws(InputError) in try nonEmptyText(v) }
                }
            }
            return question
        }
    }

    // MARK: - Helpers

    static func nonEmptyText(_ value: YAMLValue) throws(InputError) -> String {
        let text = try value.string()
        // Not Foundation's trimming: it bridges each text to NSString, which was nearly a third of loading the catalog.
        if Whitespace.isBlankWithNewlines(text) {
            throw value.error(.wrongType(expected: "text", found: "an empty string"))
        }
        return text
    }

    /// An id: lowercase ASCII letters, digits and single hyphens, so it is safe as a file name and URL.
    private static func slug(_ value: YAMLValue) throws(InputError) -> String {
        let text = try value.string()
        let valid = !text.isEmpty && text.count <= 64
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !text.hasPrefix("-") && !text.hasSuffix("-") && !text.contains("--")
        guard valid else {
            throw value.error(.invalid("'\(text)' is not a valid id; use lowercase letters, digits and single hyphens, such as 'neck-roll'"))
        }
        return text
    }

    private static func nonEmptyList<Item>(
        _ value: YAMLValue, _ transform: (YAMLValue) throws(InputError) -> Item
    ) throws(InputError) -> [Item] {
        let items = try value.sequence()
        if items.isEmpty { throw value.error(.wrongType(expected: "a list with at least one item", found: "an empty list")) }
        var result: [Item] = []
        for item in items { result.append(try transform(item)) }
        return result
    }
}

extension SessionRules {
    /// The article's numbers, used when a catalog leaves out its `session` block.
    public static let articleDefaults = SessionRules(
        frequency: "a few times weekly",
        cardioMinutes: DoseRange(min: 5, max: 10),
        cardioExamples: ["walking", "cycling", "a gentle jog"],
        dynamicStretchSeconds: DoseRange(min: 30, max: 60),
        staticStretchInWarmUpSeconds: DoseRange(min: 10, max: 20),
        rules: [])
}
