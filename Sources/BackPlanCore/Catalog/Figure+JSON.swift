/// A figure in the catalog JSON: the same keys as `figure:` in the catalog YAML.
struct FigureDocument: Encodable {
    struct PropDocument: Encodable {
        let prop: String
        var x: Double?
        var back: String?
        var anchor: [Double]?
        var hands: [String]?
    }

    struct CueDocument: Encodable {
        let kind, at: String
        let clockwise: Bool
        let offset: [Double]
        let bothWays: Bool

        enum CodingKeys: String, CodingKey {
            case kind, at, clockwise, offset
            case bothWays = "both-ways"
        }
    }

    /// A pose: `on`, `x` and each joint's angle, one number or `[right, left]`.
    struct PoseDocument: Encodable {
        let pose: FigurePose

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(pose.support.rawValue, forKey: Key(stringValue: "on"))
            try container.encode(pose.x, forKey: Key(stringValue: "x"))
            for joint in FigureJoint.allCases {
                guard let angle = pose.angles[joint] else { continue }
                if angle.right == angle.left {
                    try container.encode(angle.right, forKey: Key(stringValue: joint.rawValue))
                } else {
                    try container.encode([angle.right, angle.left], forKey: Key(stringValue: joint.rawValue))
                }
            }
        }
    }

    let view, description: String
    let props: [PropDocument]
    let cue: CueDocument?
    let poses: [PoseDocument]

    init(_ figure: Figure) {
        view = figure.view.rawValue
        description = figure.description
        props = figure.props.map { prop in
            var document = PropDocument(prop: prop.name)
            switch prop {
            case .mat: break
            case let .chair(x, backOnLeft): document.x = x; document.back = backOnLeft ? "left" : "right"
            case .wall(let x): document.x = x
            case .doorway(let x), .foamRoller(let x): document.x = x
            case let .band(x, y, hands): document.anchor = [x, y]; document.hands = hands.map(\.rawValue)
            case .dumbbell(let hands): document.hands = hands.map(\.rawValue)
            }
            return document
        }
        cue = figure.cue.map { CueDocument(kind: $0.kind.rawValue, at: $0.landmark.name, clockwise: $0.clockwise, offset: [$0.offsetX, $0.offsetY], bothWays: $0.bothWays) }
        poses = figure.poses.map(PoseDocument.init)
    }
}

/// One way in the catalog JSON: its equipment, positions, and its own steps and figure where it has them.
struct WayDocument: Encodable {
    let equipment: [String]
    let positions: [String]
    let steps: [String]?
    let figure: FigureDocument?

    init(_ way: Way) {
        equipment = way.equipment.map(\.rawValue)
        positions = way.positions.map(\.rawValue)
        steps = way.steps
        figure = way.figure.map(FigureDocument.init)
    }
}
