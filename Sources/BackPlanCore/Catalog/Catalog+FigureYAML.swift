extension Catalog {
    // MARK: - Figures

    /// A move's or a way's `figure:`: view, description, props, cue and 2-3 poses, each checked against the body.
    static func figure(_ value: YAMLValue) throws(InputError) -> Figure {
        let entries = try value.mapping(allowed: ["view", "description", "props", "cue", "poses"],
                                        required: ["view", "description", "poses"])
        var figure = Figure(view: .side, poses: [], description: "")
        // The view first: the poses' allowed joints and ranges depend on it.
        if let view = entries.first(where: { $0.0 == "view" }) { figure.view = try view.1.choice(Figure.View.self) }
        var poseNodes: [YAMLValue] = []
        for (key, field) in entries {
            switch key {
            case "description": figure.description = try nonEmptyText(field)
            case "props": figure.props = try field.sequence().map { v throws(InputError) in try figureProp(v) }
            case "cue": figure.cue = try figureCue(field)
            case "poses":
                poseNodes = try field.sequence()
                guard Figure.poseCount.contains(poseNodes.count) else {
                    throw field.error(.invalid("a figure needs 2 or 3 poses (start, end and optionally a middle); found \(poseNodes.count)"))
                }
                figure.poses = try poseNodes.map { v throws(InputError) in try figurePose(v, view: figure.view) }
            default: break
            }
        }
        for (pose, node) in zip(figure.poses, poseNodes) { try checkBody(pose, of: figure, node) }
        return figure
    }

    private static let poseKeys = ["on", "x"] + FigureJoint.allCases.map(\.rawValue)

    private static func figurePose(_ value: YAMLValue, view: Figure.View) throws(InputError) -> FigurePose {
        var pose = FigurePose()
        for (key, field) in try value.mapping(allowed: poseKeys) {
            switch key {
            case "on": pose.support = try field.choice(FigurePose.Support.self)
            case "x": pose.x = try field.number(in: -0.75...0.75)
            default:
                let joint = FigureJoint(rawValue: key)!
                if joint.isFrontOnly && view == .side {
                    throw field.error(.invalid("'\(key)' bends toward the viewer and is only for a front view; use torso and hip in a side view"))
                }
                if joint.isSideOnly && view == .front {
                    throw field.error(.invalid("'\(key)' bends the spine in the picture's plane and is only for a side view; use torso or lean in a front view"))
                }
                pose.angles[joint] = try sidedAngle(field, joint: joint, view: view)
            }
        }
        return pose
    }

    /// `40` for both sides, `[40, 10]` for right and left.
    private static func sidedAngle(_ value: YAMLValue, joint: FigureJoint, view: Figure.View) throws(InputError) -> SidedAngle {
        let range = joint.range(in: view)
        if case .sequence = value.node {
            guard joint.isSided else { throw value.error(.wrongType(expected: "one angle in degrees", found: "a list")) }
            let items = try value.sequence()
            guard items.count == 2 else {
                throw value.error(.wrongType(expected: "one angle for both sides or [right, left]", found: "a list of \(items.count)"))
            }
            return SidedAngle(right: try items[0].number(in: range), left: try items[1].number(in: range))
        }
        return SidedAngle(try value.number(in: range))
    }

    /// A pose must keep the body whole where it rests: on a chair that is there, and nothing below the floor.
    private static func checkBody(_ pose: FigurePose, of figure: Figure, _ node: YAMLValue) throws(InputError) {
        if pose.support == .seat && figure.seatHeight == nil {
            throw node.error(.invalid("the pose sits on a seat but the figure has no chair; add {prop: chair} or rest the pose on the floor"))
        }
        let lowest = figure.skeleton(pose).lowestY
        if lowest < -0.005 {
            let depth = Int((-lowest * 1000).rounded())
            throw node.error(.invalid("the pose puts part of the body \(depth)/1000 of its height below the floor; bend the hips or knees, or rest it on the floor"))
        }
    }

    private static let propKeys = ["prop", "x", "back", "anchor", "hands"]

    private static func figureProp(_ value: YAMLValue) throws(InputError) -> FigureProp {
        let entries = try value.mapping(allowed: propKeys, required: ["prop"])
        let name = entries.first { $0.0 == "prop" }!.1
        let kind = try name.string()
        guard FigureProp.names.contains(kind) else {
            throw name.error(.badValue(kind, allowed: FigureProp.names, suggestion: Suggestion.closest(to: kind, in: FigureProp.names)))
        }
        let accepted: [String: [String]] = [
            "mat": [], "chair": ["x", "back"], "wall": ["x"], "doorway": ["x"], "band": ["anchor", "hands"],
            "dumbbell": ["hands"], "foam-roller": ["x"],
        ]
        var x: Double?, backOnLeft = true, anchor: (Double, Double)?, hands: [BodySide] = [.right, .left]
        for (key, field) in entries where key != "prop" {
            guard accepted[kind]!.contains(key) else {
                let allowed = accepted[kind]!
                throw field.error(.invalid("a \(kind) takes " + (allowed.isEmpty ? "no other keys" : "only: " + allowed.joined(separator: ", "))))
            }
            switch key {
            case "x": x = try field.number(in: -0.75...0.75)
            case "back":
                let side = try field.choice(BodySide.self)
                backOnLeft = side == .left
            case "anchor":
                let items = try field.sequence()
                guard items.count == 2 else { throw field.error(.wrongType(expected: "[x, y] in body heights", found: "a list of \(items.count)")) }
                anchor = (try items[0].number(in: -0.75...0.75), try items[1].number(in: 0...1.3))
            default:
                if case .scalar = field.node, try field.string() == "both" { hands = [.right, .left] } else {
                    hands = try field.list().map { v throws(InputError) in try v.choice(BodySide.self) }
                }
            }
        }
        switch kind {
        case "mat": return .mat
        case "chair": return .chair(x: x ?? 0, backOnLeft: backOnLeft)
        case "wall": return .wall(x: x)
        case "doorway": return .doorway(x: x ?? 0)
        case "band":
            guard let anchor else { throw value.error(.invalid("a band needs its anchor: [x, y] in body heights")) }
            return .band(anchorX: anchor.0, anchorY: anchor.1, hands: hands)
        case "dumbbell": return .dumbbell(hands: hands)
        default: return .foamRoller(x: x ?? 0)
        }
    }

    private static func figureCue(_ value: YAMLValue) throws(InputError) -> FigureCue {
        var cue = FigureCue(kind: .path, landmark: .head)
        for (key, field) in try value.mapping(allowed: ["kind", "at", "clockwise", "offset", "both-ways"], required: ["kind", "at"]) {
            switch key {
            case "kind": cue.kind = try field.choice(FigureCue.Kind.self)
            case "at":
                let name = try field.string()
                guard let landmark = FigureLandmark(name: name) else {
                    let allowed = FigureLandmark.allCases.map(\.name)
                    throw field.error(.badValue(name, allowed: allowed, suggestion: Suggestion.closest(to: name, in: allowed)))
                }
                cue.landmark = landmark
            case "clockwise": cue.clockwise = try field.bool()
            case "both-ways": cue.bothWays = try field.bool()
            default:
                let items = try field.sequence()
                guard items.count == 2 else { throw field.error(.wrongType(expected: "[dx, dy] in body heights", found: "a list of \(items.count)")) }
                cue.offsetX = try items[0].number(in: -0.5...0.5)
                cue.offsetY = try items[1].number(in: -0.5...0.5)
            }
        }
        return cue
    }
}
