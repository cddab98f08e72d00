/// A person's multi-week plan: pure data, rendered and published by the layers above.
public struct Plan: Equatable, Sendable {
    /// How safety gating shaped the plan (SPEC rule 8).
    public enum Gating: String, Equatable, Sendable {
        /// All three phases.
        case none
        /// `pain: moderate`: gentle mobility and stretching only.
        case gentle
        /// `pain: severe` or `recent_injury`: no exercises until a professional says so.
        case noExercise
    }

    public var person: Preferences
    public var start: CivilDate
    public var trainingDays: [Weekday]
    public var seed: UInt64
    public var gating: Gating
    public var weeks: [Week]
    /// The advice every plan carries, most important first.
    public var advice: [PlanAdvice]
    /// What the plan could not do as asked (areas the pool cannot work, sessions shorter than asked).
    public var notes: [PlanNote]
    /// Why this block is as it is, when it was made from the log of the one before (`plan --after`).
    public var after: AfterNote? = nil

    /// The last day of the plan.
    public var end: CivilDate { start.adding(days: person.weeks * 7 - 1) }

    /// Every session, in date order.
    public var sessions: [Session] { weeks.flatMap(\.sessions) }
}

/// One week of a plan.
public struct Week: Equatable, Sendable {
    public var number: Int
    public var sessions: [Session]
    /// How far up their ranges the week's doses are, 0 (bottom) to 1 (top): where a next block continues from.
    public var level: Double = 0
}

/// The rule that made a block from the log of the one before, and why.
public struct AfterNote: Equatable, Sendable {
    public var rule: String
    public var reasons: [BlockReason]

    public init(rule: String, reasons: [BlockReason]) {
        self.rule = rule
        self.reasons = reasons
    }
}

/// One training day: cardio, then the three blocks in order.
public struct Session: Equatable, Sendable {
    /// What a training day holds (SPEC rules 8, 10 and 11).
    public enum Kind: String, Equatable, Sendable {
        /// All three phases.
        case strength
        /// A rest day for the muscles between strengthening days: warm-up and cool-down only, shorter.
        case mobility
        /// Mobility and stretching only, at full length: moderate pain, or no strengthening move works the person's areas.
        case stretch
    }

    public var date: CivilDate
    public var kind: Kind = .strength
    public var weekday: Weekday { date.weekday }
    public var cardioMinutes: Int
    public var blocks: [Block]
    /// The time model's estimate of the whole session, cardio included.
    public var estimatedSeconds: Int
    /// The person's budget in seconds.
    public var budgetSeconds: Int
    /// Asked-for areas no move of this session works (and why), empty when all are covered.
    public var uncoveredAreas: [Area]
    /// Why this session lacks a phase, area or minutes it would otherwise have.
    public var remarks: [SessionRemark] = []

    /// Estimated minutes rounded to the nearest half minute, as plans show them.
    public var estimatedMinutes: Double { (Double(estimatedSeconds) / 30).rounded() / 2 }

    /// Every item of the session in the order it is done.
    public var items: [PlanItem] { blocks.flatMap(\.items) }

    /// Whether even the fullest session the pool allows is below 70% of the budget.
    /// Mobility days are meant to be shorter and do not count.
    public var isShorterThanAsked: Bool { kind != .mobility && estimatedSeconds * 10 < budgetSeconds * 7 }
}

/// The moves of one phase of a session.
public struct Block: Equatable, Sendable {
    public var phase: Phase
    public var items: [PlanItem]
}

/// One move on one day, with the way and the dose chosen for it.
public struct PlanItem: Equatable, Sendable {
    public var id: String
    public var name: String
    public var phase: Phase
    /// What this item uses from the person's equipment (empty: body weight).
    public var equipment: [Equipment]
    public var positions: [Position]
    public var dose: Dose
    /// The time model's estimate for this item, transition included.
    public var estimatedSeconds: Int
}
