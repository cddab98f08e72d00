/// The exercise catalog: moves plus the article's session rules, phase texts, advice and FAQ.
public struct Catalog: Equatable, Sendable {
    public var moves: [Exercise]
    public var session: SessionRules
    public var phases: [Phase: PhaseInfo]
    public var advice: [Advice]
    public var faq: [Question]
    /// Where the catalog came from, for messages ("Data/catalog.yaml").
    public var source: String

    public init(moves: [Exercise], session: SessionRules, phases: [Phase: PhaseInfo], advice: [Advice],
                faq: [Question], source: String) {
        self.moves = moves
        self.session = session
        self.phases = phases
        self.advice = advice
        self.faq = faq
        self.source = source
    }

    /// The move with this id.
    public func move(id: String) -> Exercise? {
        // By index: `first(where:)` copied each move it passed over, retaining every string and list in it.
        for index in moves.indices where moves[index].id == id { return moves[index] }
        return nil
    }

    /// The closest id to a mistyped one, for "did you mean".
    public func suggestion(for id: String) -> String? { Suggestion.closest(to: id, in: moves.map(\.id)) }

    /// Moves passing the given filters (nil means any).
    public func moves(area: Area? = nil, equipment: Equipment? = nil, phase: Phase? = nil) -> [Exercise] {
        moves.filter { move in
            (area.map(move.areas.contains) ?? true)
                && (equipment.map { item in move.ways.contains { $0.equipment.contains(item) } } ?? true)
                && (phase.map { move.phase == $0 } ?? true)
        }
    }

    /// The advice text with this id, if the catalog has it.
    public func advice(id: String) -> String? { advice.first { $0.id == id }?.text }

    /// The line every plan and page carries: stop and seek advice if pain gets worse.
    ///
    /// Looked up by id (`stop-if-worse`), with BackPlan's own wording when a catalog lacks it.
    public var stopAdvice: String {
        advice(id: "stop-if-worse") ?? "Stop and see a healthcare professional if your pain gets worse."
    }

    /// A phase's title from the catalog, or a plain default.
    public func title(of phase: Phase) -> String { phases[phase]?.title ?? phase.defaultTitle }
}

/// The article's rules of a session.
public struct SessionRules: Equatable, Sendable {
    public var frequency: String
    public var cardioMinutes: DoseRange
    public var cardioExamples: [String]
    public var dynamicStretchSeconds: DoseRange
    public var staticStretchInWarmUpSeconds: DoseRange
    public var rules: [String]

    /// "walking, cycling or a gentle jog".
    public var cardioExamplesText: String {
        guard cardioExamples.count > 1 else { return cardioExamples.first ?? "walking" }
        return cardioExamples.dropLast().joined(separator: ", ") + " or " + cardioExamples.last!
    }

    public init(frequency: String, cardioMinutes: DoseRange, cardioExamples: [String], dynamicStretchSeconds: DoseRange,
                staticStretchInWarmUpSeconds: DoseRange, rules: [String]) {
        self.frequency = frequency
        self.cardioMinutes = cardioMinutes
        self.cardioExamples = cardioExamples
        self.dynamicStretchSeconds = dynamicStretchSeconds
        self.staticStretchInWarmUpSeconds = staticStretchInWarmUpSeconds
        self.rules = rules
    }
}

/// The title and explanation of a phase.
public struct PhaseInfo: Equatable, Sendable {
    public var title: String
    public var summary: String

    public init(title: String, summary: String) {
        self.title = title
        self.summary = summary
    }
}

/// One piece of the article's safety advice.
public struct Advice: Equatable, Sendable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// One of the article's frequently asked questions.
public struct Question: Equatable, Sendable {
    public var id: String
    public var question: String
    public var answer: [String]

    public init(id: String, question: String, answer: [String]) {
        self.id = id
        self.question = question
        self.answer = answer
    }
}
