/// A body area a move is "good for" and a person can name as a problem area.
public enum Area: String, CaseIterable, Codable, Sendable, Comparable {
    case neck, shoulders
    case upperBack = "upper-back"
    case midBack = "mid-back"
    case lowerBack = "lower-back"
    case chest

    /// The name shown to people ("upper back"): the raw value with spaces.
    public var title: String {
        switch self {
        case .neck: "neck"
        case .shoulders: "shoulders"
        case .upperBack: "upper back"
        case .midBack: "mid back"
        case .lowerBack: "lower back"
        case .chest: "chest"
        }
    }

    public static func < (a: Area, b: Area) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Equipment a person may own; body weight needs none and is always available.
public enum Equipment: String, CaseIterable, Codable, Sendable, Comparable {
    case resistanceBand = "resistance-band"
    case dumbbells
    case foamRoller = "foam-roller"
    case chair

    /// What people write for a piece of equipment, lowercased, and the name BackPlan uses: the did-you-mean of an unknown one.
    ///
    /// Edit distance alone misses these (`band` is five edits from
    /// `resistance-band`), and they are the words people actually use.
    package static let synonyms: [String: Equipment] = [
        "band": .resistanceBand, "bands": .resistanceBand, "resistance band": .resistanceBand, "resistance bands": .resistanceBand,
        "resistance_band": .resistanceBand, "elastic band": .resistanceBand, "theraband": .resistanceBand,
        "roller": .foamRoller, "foam roller": .foamRoller, "foam_roller": .foamRoller, "foam": .foamRoller, "foamroller": .foamRoller,
        "weights": .dumbbells, "weight": .dumbbells, "dumbbell": .dumbbells, "dumbell": .dumbbells, "dumbells": .dumbbells,
        "dumb-bells": .dumbbells, "free weights": .dumbbells,
        "chairs": .chair, "stool": .chair,
    ]

    public var title: String {
        switch self {
        case .resistanceBand: "resistance band"
        case .dumbbells: "dumbbells"
        case .foamRoller: "foam roller"
        case .chair: "chair"
        }
    }

    public static func < (a: Equipment, b: Equipment) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The body position of a way to do a move; `lying` and `kneeling` are floor positions.
public enum Position: String, CaseIterable, Codable, Sendable {
    case standing, sitting, lying, kneeling

    /// Whether the position is on the floor (excluded by `floor: false`).
    public var isOnFloor: Bool { self == .lying || self == .kneeling }
}

/// Something a move needs that is not equipment a person buys.
public enum Prop: String, CaseIterable, Codable, Sendable {
    case wall, doorway, anchor

    public var title: String {
        switch self {
        case .wall: "a wall"
        case .doorway: "a doorway"
        case .anchor: "a stable point to fix the band to"
        }
    }
}

/// The three phases of a session, in the order they are done.
public enum Phase: String, CaseIterable, Codable, Sendable, Comparable {
    case warmUp = "warm-up"
    case strength
    case coolDown = "cool-down"

    /// The position of the phase in a session: 0, 1, 2.
    var index: Int {
        switch self {
        case .warmUp: 0
        case .strength: 1
        case .coolDown: 2
        }
    }

    /// The title used when a catalog gives none.
    public var defaultTitle: String {
        switch self {
        case .warmUp: "Warm-up"
        case .strength: "Strengthening"
        case .coolDown: "Cool-down"
        }
    }

    public static func < (a: Phase, b: Phase) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
