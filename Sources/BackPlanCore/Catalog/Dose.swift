/// An inclusive range of a dose number; `max` is nil for "at least `min`".
public struct DoseRange: Equatable, Sendable, Codable {
    public var min: Int
    public var max: Int?

    public init(min: Int, max: Int?) {
        self.min = min
        self.max = max
    }

    /// "8-12", "10", "15+".
    public var text: String {
        guard let max else { return "\(min)+" }
        return max == min ? "\(min)" : "\(min)-\(max)"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(min, forKey: .min)
        try container.encode(max, forKey: .max)  // null when open-ended
    }
}

/// A move's dose as the article gives it: ranges, each present only where it applies.
public struct DoseRanges: Equatable, Sendable, Codable {
    public var sets: DoseRange?
    public var reps: DoseRange?
    public var holdSeconds: DoseRange?
    public var rounds: DoseRange?
    public var seconds: DoseRange?
    public var perSide: Bool

    public init(sets: DoseRange? = nil, reps: DoseRange? = nil, holdSeconds: DoseRange? = nil,
                rounds: DoseRange? = nil, seconds: DoseRange? = nil, perSide: Bool = false) {
        self.sets = sets
        self.reps = reps
        self.holdSeconds = holdSeconds
        self.rounds = rounds
        self.seconds = seconds
        self.perSide = perSide
    }

    typealias CodingKeys = DoseKey

    /// The range fields by YAML/JSON key, in a fixed order.
    public var ranges: [(key: String, range: DoseRange)] {
        [("sets", sets), ("reps", reps), ("hold_seconds", holdSeconds), ("rounds", rounds), ("seconds", seconds)]
            .compactMap { key, range in range.map { (key, $0) } }
    }

    public func encode(to encoder: any Encoder) throws {
        try DoseKey.encode(sets, reps, holdSeconds, rounds, seconds, perSide: perSide, to: encoder)
    }
}

/// One number per dose field: what a plan asks for on a given day.
public struct Dose: Equatable, Hashable, Sendable, Codable {
    public var sets: Int?
    public var reps: Int?
    public var holdSeconds: Int?
    public var rounds: Int?
    public var seconds: Int?
    public var perSide: Bool

    public init(sets: Int? = nil, reps: Int? = nil, holdSeconds: Int? = nil, rounds: Int? = nil,
                seconds: Int? = nil, perSide: Bool = false) {
        self.sets = sets
        self.reps = reps
        self.holdSeconds = holdSeconds
        self.rounds = rounds
        self.seconds = seconds
        self.perSide = perSide
    }

    typealias CodingKeys = DoseKey

    public func encode(to encoder: any Encoder) throws {
        try DoseKey.encode(sets, reps, holdSeconds, rounds, seconds, perSide: perSide, to: encoder)
    }

    /// "3 sets × 10 reps, hold 5 s, each side": the dose in plain words.
    ///
    /// Built by appending, without an array of parts: every item of every plan asks for it.
    public var text: String {
        var details = ""
        func add(_ number: Int, _ unit: String, before: String = "") {
            if !details.isEmpty { details += ", " }
            details += before
            details += String(number)
            details += unit
        }
        switch (sets, reps) {
        case let (sets?, reps?):
            add(sets, " sets × ")
            details += String(reps)
            details += " reps"
        case let (sets?, nil): add(sets, " sets")
        case let (nil, reps?): add(reps, " reps")
        default: break
        }
        if let holdSeconds { add(holdSeconds, " s", before: "hold ") }
        if let rounds { add(rounds, " rounds") }
        if perSide { details += details.isEmpty ? "each side" : ", each side" }
        guard let seconds else { return details }
        // A timed bout (a warm-up stretch) leads; the counts say what to do within it.
        return details.isEmpty ? "\(seconds) s" : "\(seconds) s (\(details))"
    }
}

/// The JSON and YAML keys of a dose, shared by ranges (catalog) and numbers (plans).
enum DoseKey: String, CodingKey {
    case sets, reps, rounds, seconds
    case holdSeconds = "hold_seconds"
    case perSide = "per_side"

    /// Writes the fields that apply; `per_side` only when true, as SPEC's schemas show.
    static func encode<Value: Encodable>(_ sets: Value?, _ reps: Value?, _ holdSeconds: Value?, _ rounds: Value?,
                                         _ seconds: Value?, perSide: Bool, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DoseKey.self)
        try container.encodeIfPresent(sets, forKey: .sets)
        try container.encodeIfPresent(reps, forKey: .reps)
        try container.encodeIfPresent(holdSeconds, forKey: .holdSeconds)
        try container.encodeIfPresent(rounds, forKey: .rounds)
        try container.encodeIfPresent(seconds, forKey: .seconds)
        if perSide { try container.encode(true, forKey: .perSide) }
    }
}
