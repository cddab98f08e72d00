/// One way to do a move: what it needs and the positions it is done in.
public struct Way: Equatable, Sendable {
    public var equipment: [Equipment]
    public var positions: [Position]

    public init(equipment: [Equipment], positions: [Position]) {
        self.equipment = equipment
        self.positions = positions
    }

    /// Body weight only.
    public var isBodyWeight: Bool { equipment.isEmpty }

    /// Whether some position of this way is off the floor.
    public var canBeDoneOffTheFloor: Bool { positions.contains { !$0.isOnFloor } }
}

/// A move of the catalog: the article's name, areas, ways, dose and steps.
public struct Exercise: Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var phase: Phase
    public var areas: [Area]
    public var ways: [Way]
    public var props: [Prop]
    public var dose: DoseRanges
    public var steps: [String]

    public init(id: String, name: String, phase: Phase, areas: [Area], ways: [Way], props: [Prop] = [],
                dose: DoseRanges, steps: [String]) {
        self.id = id
        self.name = name
        self.phase = phase
        self.areas = areas
        self.ways = ways
        self.props = props
        self.dose = dose
        self.steps = steps
    }

    /// Every position of every way, in first-seen order.
    public var positions: [Position] {
        var seen: [Position] = []
        for position in ways.flatMap(\.positions) where !seen.contains(position) { seen.append(position) }
        return seen
    }

    /// The equipment alternatives, as SPEC's JSON lists them.
    public var equipmentAlternatives: [[Equipment]] { ways.map(\.equipment) }

    /// The ways a person can use with this equipment and floor choice.
    public func ways(owning equipment: Set<Equipment>, floor: Bool) -> [Way] {
        ways.filter { way in
            way.equipment.allSatisfy(equipment.contains) && (floor || way.canBeDoneOffTheFloor)
        }
    }
}
