/// A move's pictogram as data: a view, two or three key poses, props, a movement cue and a text alternative.
///
/// Poses hold joint angles only, never lengths, so every figure shares one body
/// (SPEC "Figures"); `Figure+Geometry.swift` turns a pose into points.
public struct Figure: Equatable, Sendable {
    /// Where the figure is seen from.
    public enum View: String, CaseIterable, Sendable, Codable {
        /// From the figure's right side; the figure faces right, its right limbs are near.
        case side
        /// From the front; the figure's right side is on the picture's left.
        case front
    }

    public var view: View
    public var poses: [FigurePose]
    public var props: [FigureProp]
    public var cue: FigureCue?
    /// The text alternative: the positions and the movement, in words.
    public var description: String

    public init(view: View, poses: [FigurePose], props: [FigureProp] = [], cue: FigureCue? = nil, description: String) {
        self.view = view
        self.poses = poses
        self.props = props
        self.cue = cue
        self.description = description
    }

    /// How many key poses a figure has: start and end, and a middle where it helps.
    public static let poseCount = 2...3
}

/// The figure's left or right side.
public enum BodySide: String, CaseIterable, Sendable, Codable {
    case right, left
}

/// One key pose: where the body rests and the angle of every joint, in degrees.
///
/// Side view angles are in the plane of the picture (flexion forward is positive); `torso` tilts the
/// trunk as a whole and `back` bends it in the middle (positive rounds it, as a cat; negative arches it).
/// Front view: `torso` and `neck` bend to the figure's left, `shoulder` raises the arm
/// out to the side, `spread` opens the legs; `lean`, `hip` and `knee` bend toward the viewer.
public struct FigurePose: Equatable, Sendable {
    /// What carries the body's weight.
    public enum Support: String, CaseIterable, Sendable, Codable {
        /// The lowest point of the body touches the floor.
        case floor
        /// The hips rest on the chair's seat (the figure needs a chair prop).
        case seat
    }

    public var support: Support = .floor
    /// Where the hips are across the picture, in body heights from its centre.
    public var x: Double = 0
    public var angles: [FigureJoint: SidedAngle] = [:]

    public init(support: Support = .floor, x: Double = 0, angles: [FigureJoint: SidedAngle] = [:]) {
        self.support = support
        self.x = x
        self.angles = angles
    }

    /// The angle of a joint on one side (0 when the pose leaves it out).
    public func angle(_ joint: FigureJoint, _ side: BodySide = .right) -> Double {
        guard let value = angles[joint] else { return 0 }
        return side == .right ? value.right : value.left
    }
}

/// A joint angle for the right and the left side (equal for joints of the trunk).
public struct SidedAngle: Equatable, Sendable, Codable {
    public var right: Double
    public var left: Double

    public init(right: Double, left: Double) {
        self.right = right
        self.left = left
    }

    public init(_ both: Double) { self.init(right: both, left: both) }
}

/// A joint a pose can bend, with the range a body allows.
public enum FigureJoint: String, CaseIterable, Sendable, Codable {
    case torso, back, lean, twist, neck, shoulder, elbow, wrist, hip, spread, knee, ankle

    /// Hashed by its case: as a `RawRepresentable` it would hash its name's text, and every
    /// drawing of a figure looks its poses' angles up by joint thousands of times.
    public func hash(into hasher: inout Hasher) {
        let ordinal: Int = switch self {
        case .torso: 0
        case .back: 1
        case .lean: 2
        case .twist: 3
        case .neck: 4
        case .shoulder: 5
        case .elbow: 6
        case .wrist: 7
        case .hip: 8
        case .spread: 9
        case .knee: 10
        case .ankle: 11
        }
        hasher.combine(ordinal)
    }

    /// Joints of the trunk take one value; limb joints may take `[right, left]`.
    public var isSided: Bool {
        switch self {
        case .torso, .back, .lean, .twist, .neck: false
        default: true
        }
    }

    /// Joints that only make sense seen from the front.
    public var isFrontOnly: Bool { self == .lean || self == .twist || self == .spread }

    /// Joints that only make sense seen from the side: the spine's bend lies in the picture's plane there.
    public var isSideOnly: Bool { self == .back }

    /// The angles a body allows, in degrees, for the given view.
    public func range(in view: Figure.View) -> ClosedRange<Double> {
        switch self {
        case .torso: view == .side ? -120...160 : -60...60
        case .back: -60...70
        case .lean: 0...90
        case .twist: -70...70
        case .neck: view == .side ? -60...70 : -50...50
        case .shoulder: view == .side ? -70...190 : -45...185
        case .elbow: view == .side ? 0...160 : -160...160
        case .wrist: -80...90
        case .hip: -40...170
        case .spread: -20...60
        case .knee: 0...160
        case .ankle: -40...90
        }
    }
}

/// A point of the body a cue can follow or turn around.
public enum FigureLandmark: Equatable, Hashable, Sendable {
    case head, neck, pelvis
    /// The middle of the spine, where the back bends.
    case midBack
    case limb(BodySide, Limb)

    /// A point of an arm or a leg.
    public enum Limb: String, CaseIterable, Sendable {
        case shoulder, elbow, wrist, hand, hip, knee, ankle, toe
    }

    /// The YAML spelling: `head`, `neck`, `pelvis`, `mid-back`, `right-wrist`, `left-knee`.
    public var name: String {
        switch self {
        case .head: "head"
        case .neck: "neck"
        case .pelvis: "pelvis"
        case .midBack: "mid-back"
        case .limb(let side, let limb): "\(side.rawValue)-\(limb.rawValue)"
        }
    }

    public static let allCases: [FigureLandmark] = [.head, .neck, .pelvis, .midBack]
        + BodySide.allCases.flatMap { side in Limb.allCases.map { .limb(side, $0) } }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}

/// Something drawn beside the body: furniture, the floor mat, equipment.
public enum FigureProp: Equatable, Sendable {
    /// An exercise mat on the floor under the body.
    case mat
    /// A chair whose seat is centred at `x`, its back on the picture's left or right.
    case chair(x: Double, backOnLeft: Bool)
    /// A wall at `x` (side view), or behind the figure when `x` is nil (front view).
    case wall(x: Double?)
    /// A door frame's post at `x`.
    case doorway(x: Double)
    /// A resistance band from a fixed anchor point to the given hands.
    case band(anchorX: Double, anchorY: Double, hands: [BodySide])
    /// A dumbbell held in each of the given hands.
    case dumbbell(hands: [BodySide])
    /// A foam roller lying on the floor at `x`.
    case foamRoller(x: Double)

    /// The YAML names, in the order the catalog's header lists them.
    public static let names = ["mat", "chair", "wall", "doorway", "band", "dumbbell", "foam-roller"]

    public var name: String {
        switch self {
        case .mat: "mat"
        case .chair: "chair"
        case .wall: "wall"
        case .doorway: "doorway"
        case .band: "band"
        case .dumbbell: "dumbbell"
        case .foamRoller: "foam-roller"
        }
    }
}

/// The movement cue: an arrow along a point's path, or a curved arrow turning around it.
public struct FigureCue: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// An arrow from where the point is in the first pose, through the middle, to the last.
        case path
        /// A curved arrow around the point, for turning and circling.
        case turn
    }

    public var kind: Kind
    public var landmark: FigureLandmark
    /// For `turn`: clockwise as seen in the picture.
    public var clockwise: Bool
    /// Moves the arrow off the body, in body heights.
    public var offsetX: Double
    public var offsetY: Double
    /// For `path`: a head at both ends, for a move that goes there and back (cat-cow, a squeeze and release).
    public var bothWays: Bool

    public init(kind: Kind, landmark: FigureLandmark, clockwise: Bool = false, offsetX: Double = 0, offsetY: Double = 0,
                bothWays: Bool = false) {
        self.kind = kind
        self.landmark = landmark
        self.clockwise = clockwise
        self.offsetX = offsetX
        self.offsetY = offsetY
        self.bothWays = bothWays
    }
}
