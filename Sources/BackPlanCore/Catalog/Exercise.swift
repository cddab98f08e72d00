/// One way to do a move: what it needs and the positions it is done in.
public struct Way: Equatable, Sendable {
    public var equipment: [Equipment]
    public var positions: [Position]
    /// The complete steps for this way, when the move's steps cover several ways.
    public var steps: [String]?
    /// This way's own figure, when it looks different from the move's.
    public var figure: Figure?

    public init(equipment: [Equipment], positions: [Position], steps: [String]? = nil, figure: Figure? = nil) {
        self.equipment = equipment
        self.positions = positions
        self.steps = steps
        self.figure = figure
    }

    /// A slug for file names: the equipment's names joined (`dumbbells`), or `body-weight`.
    public var slug: String { isBodyWeight ? "body-weight" : equipment.map(\.rawValue).joined(separator: "-") }

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
    /// The move's pictogram; nil draws nothing, and the move works everywhere without it.
    public var figure: Figure?

    public init(id: String, name: String, phase: Phase, areas: [Area], ways: [Way], props: [Prop] = [],
                dose: DoseRanges, steps: [String], figure: Figure? = nil) {
        self.figure = figure
        self.id = id
        self.name = name
        self.phase = phase
        self.areas = areas
        self.ways = ways
        self.props = props
        self.dose = dose
        self.steps = steps
    }

    /// The steps a person follows for one way: the way's own, else the move's (the article's full list).
    public func steps(for way: Way) -> [String] { way.steps ?? steps }

    /// The figure for one way: the way's own, else the move's.
    public func figure(for way: Way) -> Figure? { way.figure ?? figure }

    /// Every figure with the file name it is written under: `<id>` for the move's, `<id>-<way>` for a way's own.
    public var figures: [(name: String, figure: Figure)] {
        var list: [(String, Figure)] = figure.map { [(id, $0)] } ?? []
        for way in ways { if let own = way.figure { list.append(("\(id)-\(way.slug)", own)) } }
        return list
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
