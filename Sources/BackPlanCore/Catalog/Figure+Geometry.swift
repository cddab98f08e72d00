import Foundation

/// A point of a figure in body heights: x to the picture's right, y up from the floor, z toward the viewer.
public struct FigurePoint: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var z: Double

    public init(x: Double, y: Double, z: Double = 0) {
        self.x = x
        self.y = y
        self.z = z
    }

    static func + (a: FigurePoint, b: FigurePoint) -> FigurePoint { FigurePoint(x: a.x + b.x, y: a.y + b.y, z: a.z + b.z) }

    /// The distance in space (depth included), which a pose never changes for a segment.
    public func distance(to other: FigurePoint) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y) + (z - other.z) * (z - other.z)).squareRoot()
    }
}

/// The one body every figure shares: SPEC's segment lengths as fractions of standing height.
public enum FigureBody {
    public static let upperArm = 0.186, forearm = 0.146, hand = 0.108
    public static let thigh = 0.245, lowerLeg = 0.246, foot = 0.152
    public static let shoulderWidth = 0.259, hipWidth = 0.191
    public static let shoulderHeight = 0.818, hipHeight = 0.530, kneeHeight = 0.285
    /// Chin to crown; the head is drawn as a circle of this diameter.
    public static let headHeight = 0.13
    /// Hip joint to the base of the neck.
    public static let trunk = shoulderHeight - hipHeight
    /// Base of the neck to the centre of the head, so the crown is at 1.0 standing.
    public static let neck = 1.0 - headHeight / 2 - shoulderHeight
    /// How far the body's outline lies from its centre lines where it rests on something.
    public static let limbRadius = 0.02, trunkRadius = 0.03
    /// The top of a chair's seat.
    public static let seatHeight = 0.275
    public static let rollerRadius = 0.045

    /// The picture every figure is drawn in, the same for all so they share one scale.
    public static let frame = (minX: -0.75, minY: -0.05, maxX: 0.75, maxY: 1.32)
}

/// A pose turned into points: the skeleton the renderer draws and the tests measure.
public struct FigureSkeleton: Equatable, Sendable {
    /// The points of one arm and leg.
    public struct Limbs: Equatable, Sendable {
        public var shoulder, elbow, wrist, hand, hip, knee, ankle, toe: FigurePoint
    }

    public var head, neck, pelvis: FigurePoint
    /// The middle of the spine: the trunk is two halves, lower and upper back, that bend here.
    public var midBack: FigurePoint
    public var right, left: Limbs

    public func limbs(_ side: BodySide) -> Limbs { side == .right ? right : left }

    /// The point a cue follows.
    public func point(_ landmark: FigureLandmark) -> FigurePoint {
        switch landmark {
        case .head: head
        case .neck: neck
        case .pelvis: pelvis
        case .midBack: midBack
        case .limb(let side, let limb):
            switch limb {
            case .shoulder: limbs(side).shoulder
            case .elbow: limbs(side).elbow
            case .wrist: limbs(side).wrist
            case .hand: limbs(side).hand
            case .hip: limbs(side).hip
            case .knee: limbs(side).knee
            case .ankle: limbs(side).ankle
            case .toe: limbs(side).toe
            }
        }
    }

    /// Every segment with the length the body gives it, for the invariant that poses never change lengths.
    public var segments: [(name: String, from: FigurePoint, to: FigurePoint, length: Double)] {
        var list: [(String, FigurePoint, FigurePoint, Double)] = [
            ("lower back", pelvis, midBack, FigureBody.trunk / 2), ("upper back", midBack, neck, FigureBody.trunk / 2),
            ("neck", neck, head, FigureBody.neck),
            ("shoulders", right.shoulder, left.shoulder, FigureBody.shoulderWidth),
            ("hips", right.hip, left.hip, FigureBody.hipWidth),
        ]
        for side in BodySide.allCases {
            let limbs = limbs(side)
            list += [
                ("\(side.rawValue) upper arm", limbs.shoulder, limbs.elbow, FigureBody.upperArm),
                ("\(side.rawValue) forearm", limbs.elbow, limbs.wrist, FigureBody.forearm),
                ("\(side.rawValue) hand", limbs.wrist, limbs.hand, FigureBody.hand),
                ("\(side.rawValue) thigh", limbs.hip, limbs.knee, FigureBody.thigh),
                ("\(side.rawValue) lower leg", limbs.knee, limbs.ankle, FigureBody.lowerLeg),
                ("\(side.rawValue) foot", limbs.ankle, limbs.toe, FigureBody.foot),
            ]
        }
        return list
    }

    /// Every point with how far the body's outline reaches beyond it.
    public var outline: [(point: FigurePoint, radius: Double)] {
        var list = [(head, FigureBody.headHeight / 2), (neck, FigureBody.trunkRadius), (midBack, FigureBody.trunkRadius),
                    (pelvis, FigureBody.trunkRadius)]
        for side in BodySide.allCases {
            let l = limbs(side)
            list += [l.shoulder, l.elbow, l.wrist, l.hand, l.hip, l.knee, l.ankle, l.toe].map { ($0, FigureBody.limbRadius) }
        }
        return list
    }

    /// The lowest edge of the body's outline.
    public var lowestY: Double { outline.map { $0.point.y - $0.radius }.min() ?? 0 }

    func moved(dx: Double, dy: Double) -> FigureSkeleton {
        let offset = FigurePoint(x: dx, y: dy)
        func move(_ l: Limbs) -> Limbs {
            Limbs(shoulder: l.shoulder + offset, elbow: l.elbow + offset, wrist: l.wrist + offset, hand: l.hand + offset,
                  hip: l.hip + offset, knee: l.knee + offset, ankle: l.ankle + offset, toe: l.toe + offset)
        }
        return FigureSkeleton(head: head + offset, neck: neck + offset, pelvis: pelvis + offset, midBack: midBack + offset,
                              right: move(right), left: move(left))
    }
}

extension Figure {
    /// The top of the chair's seat, when the figure has a chair.
    public var seatHeight: Double? {
        props.contains { if case .chair = $0 { true } else { false } } ? FigureBody.seatHeight : nil
    }

    /// Every pose as points, placed on its support.
    public var skeletons: [FigureSkeleton] { poses.map(skeleton) }

    /// Forward kinematics: the pose's angles to points, then the body set down on the floor or the seat.
    public func skeleton(_ pose: FigurePose) -> FigureSkeleton {
        let free = view == .side ? Self.sideSkeleton(pose) : Self.frontSkeleton(pose)
        switch pose.support {
        case .floor:
            return free.moved(dx: pose.x, dy: -free.lowestY)
        case .seat:
            return free.moved(dx: pose.x, dy: (seatHeight ?? FigureBody.seatHeight) + FigureBody.trunkRadius - free.pelvis.y)
        }
    }

    /// The direction at `degrees` from the picture's +x axis, scaled to `length`.
    private static func ray(_ degrees: Double, _ length: Double, depth: Double = 0) -> FigurePoint {
        let radians = degrees * .pi / 180
        return FigurePoint(x: cos(radians) * length, y: sin(radians) * length, z: depth)
    }

    /// Seen from the right: everything bends in the picture's plane, the right side near, the left far.
    /// The trunk is two halves: `torso` tilts it as a whole, `back` bends them apart at the mid back
    /// (half each way). The legs hang from the lower half, the arms and head from the upper.
    private static func sideSkeleton(_ pose: FigurePose) -> FigureSkeleton {
        let trunkAngle = 90 - pose.angle(.torso)
        let lowerBack = trunkAngle + pose.angle(.back) / 2, upperBack = trunkAngle - pose.angle(.back) / 2
        let pelvis = FigurePoint(x: 0, y: 0)
        let midBack = pelvis + ray(lowerBack, FigureBody.trunk / 2)
        let neck = midBack + ray(upperBack, FigureBody.trunk / 2)
        let head = neck + ray(upperBack - pose.angle(.neck), FigureBody.neck)
        func limbs(_ side: BodySide) -> FigureSkeleton.Limbs {
            let depth = side == .right ? 1.0 : -1.0
            let shoulder = neck + FigurePoint(x: 0, y: 0, z: depth * FigureBody.shoulderWidth / 2)
            let upperArm = upperBack - 180 + pose.angle(.shoulder, side)
            let elbow = shoulder + ray(upperArm, FigureBody.upperArm)
            let forearm = upperArm + pose.angle(.elbow, side)
            let wrist = elbow + ray(forearm, FigureBody.forearm)
            let hand = wrist + ray(forearm + pose.angle(.wrist, side), FigureBody.hand)
            let hip = pelvis + FigurePoint(x: 0, y: 0, z: depth * FigureBody.hipWidth / 2)
            let thigh = lowerBack - 180 + pose.angle(.hip, side)
            let knee = hip + ray(thigh, FigureBody.thigh)
            let lowerLeg = thigh - pose.angle(.knee, side)
            let ankle = knee + ray(lowerLeg, FigureBody.lowerLeg)
            let toe = ankle + ray(lowerLeg + 90 - pose.angle(.ankle, side), FigureBody.foot)
            return .init(shoulder: shoulder, elbow: elbow, wrist: wrist, hand: hand, hip: hip, knee: knee, ankle: ankle, toe: toe)
        }
        return FigureSkeleton(head: head, neck: neck, pelvis: pelvis, midBack: midBack, right: limbs(.right), left: limbs(.left))
    }

    /// Seen from the front: arms and side bends in the picture's plane; leaning, hips and knees bend toward the viewer,
    /// so those segments show shorter and keep their length in depth.
    private static func frontSkeleton(_ pose: FigurePose) -> FigureSkeleton {
        let trunkAngle = 90 - pose.angle(.torso)
        let lean = pose.angle(.lean) * .pi / 180
        let twist = pose.angle(.twist) * .pi / 180
        let pelvis = FigurePoint(x: 0, y: 0)
        let neck = pelvis + ray(trunkAngle, FigureBody.trunk * cos(lean), depth: FigureBody.trunk * sin(lean))
        let head = neck + ray(trunkAngle - pose.angle(.neck), FigureBody.neck * cos(lean), depth: FigureBody.neck * sin(lean))
        func limbs(_ side: BodySide) -> FigureSkeleton.Limbs {
            // The figure's left is on the picture's right.
            let outward = side == .left ? 1.0 : -1.0
            let across = ray(trunkAngle - 90, outward * FigureBody.shoulderWidth / 2)
            let shoulder = neck + FigurePoint(x: across.x * cos(twist), y: across.y * cos(twist),
                                              z: outward * FigureBody.shoulderWidth / 2 * sin(twist))
            let upperArm = trunkAngle - 180 + outward * pose.angle(.shoulder, side)
            let elbow = shoulder + ray(upperArm, FigureBody.upperArm)
            let forearm = upperArm + outward * pose.angle(.elbow, side)
            let wrist = elbow + ray(forearm, FigureBody.forearm)
            let hand = wrist + ray(forearm + outward * pose.angle(.wrist, side), FigureBody.hand)
            let hip = pelvis + FigurePoint(x: outward * FigureBody.hipWidth / 2, y: 0)
            let legAngle = -90 + outward * pose.angle(.spread, side)
            // Angles from hanging straight down, toward the viewer.
            let thighPitch = (pose.angle(.hip, side) - pose.angle(.lean)) * .pi / 180
            let knee = hip + ray(legAngle, FigureBody.thigh * cos(thighPitch), depth: FigureBody.thigh * sin(thighPitch))
            let shinPitch = thighPitch - pose.angle(.knee, side) * .pi / 180
            let ankle = knee + ray(legAngle, FigureBody.lowerLeg * cos(shinPitch), depth: FigureBody.lowerLeg * sin(shinPitch))
            let footPitch = shinPitch + (90 - pose.angle(.ankle, side)) * .pi / 180
            let toe = ankle + ray(legAngle, FigureBody.foot * cos(footPitch), depth: FigureBody.foot * sin(footPitch))
            return .init(shoulder: shoulder, elbow: elbow, wrist: wrist, hand: hand, hip: hip, knee: knee, ankle: ankle, toe: toe)
        }
        // The front view's trunk stays straight: its middle is halfway.
        let midBack = FigurePoint(x: neck.x / 2, y: neck.y / 2, z: neck.z / 2)
        return FigureSkeleton(head: head, neck: neck, pelvis: pelvis, midBack: midBack, right: limbs(.right), left: limbs(.left))
    }
}

extension FigureSkeleton {
    /// The position a pose shows, read from its points: kneeling when a bent knee is on the floor,
    /// lying when the hips are on the floor, sitting on a seat, standing on the feet.
    public func position(onSeat: Bool) -> Position {
        if onSeat { return .sitting }
        let touching = 0.035
        let kneeling = BodySide.allCases.contains { side in
            let l = limbs(side)
            let bend = abs(180 - angle(at: l.knee, l.hip, l.ankle))
            return l.knee.y - FigureBody.limbRadius < touching && bend > 60
        }
        if kneeling { return .kneeling }
        if pelvis.y < 0.15 { return .lying }
        return .standing
    }

    /// The angle at `vertex` between two points, in degrees (in the picture).
    private func angle(at vertex: FigurePoint, _ a: FigurePoint, _ b: FigurePoint) -> Double {
        let u = (a.x - vertex.x, a.y - vertex.y, a.z - vertex.z), v = (b.x - vertex.x, b.y - vertex.y, b.z - vertex.z)
        let dot = u.0 * v.0 + u.1 * v.1 + u.2 * v.2
        let lengths = (u.0 * u.0 + u.1 * u.1 + u.2 * u.2).squareRoot() * (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
        return acos(max(-1, min(1, dot / lengths))) * 180 / .pi
    }
}

extension Figure {
    /// The part of the picture this figure fills, in body heights: across, the full `FigureBody.frame`
    /// (so every figure keeps one scale and one panel width); up and down, only what it draws — the floor,
    /// every pose, the props and the cue — with a margin of about a stroke. A lying figure's picture is
    /// therefore low and wide, a standing one's about as tall as the person.
    public var frame: (minX: Double, minY: Double, maxX: Double, maxY: Double) { frame(of: skeletons) }

    /// `frame` from the figure's `skeletons`, already worked out (drawing needs them too).
    public func frame(of skeletons: [FigureSkeleton]) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var low = 0.0, high = 0.0
        func include(_ y: Double, _ reach: Double = 0) {
            low = min(low, y - reach)
            high = max(high, y + reach)
        }
        for skeleton in skeletons {
            for (point, radius) in skeleton.outline { include(point.y, radius + 0.01) }
        }
        for prop in props {
            switch prop {
            case .mat: include(0.012)
            case .chair: include(FigureBody.seatHeight + 0.3, 0.02)
            case .wall: break  // A wall runs out of the picture: drawn to its top, never making it taller.
            case .doorway: include(1.22, 0.02)
            case .band(_, let y, _): include(y, 0.09)
            case .foamRoller: include(FigureBody.rollerRadius * 2, 0.01)
            case .dumbbell(let hands):
                for skeleton in skeletons {
                    for side in hands { include(Self.grip(skeleton.limbs(side)).y, 0.1) }
                }
            }
        }
        if let cue {
            let points = skeletons.map { s in
                let p = s.point(cue.landmark)
                return FigurePoint(x: p.x + cue.offsetX, y: p.y + cue.offsetY)
            }
            switch cue.kind {
            case .path:
                // The arrow is a quadratic curve through the middle pose's point; its head reaches a little further.
                let (a, b) = (points[0], points[points.count - 1])
                let control = points.count == 3 ? 2 * points[1].y - (a.y + b.y) / 2 : (a.y + b.y) / 2
                for step in 0...10 {
                    let t = Double(step) / 10
                    include((1 - t) * (1 - t) * a.y + 2 * t * (1 - t) * control + t * t * b.y, 0.06)
                }
            case .turn:
                if let centre = points.first { include(centre.y, 0.14) }
            }
        }
        let margin = 0.05
        let whole = FigureBody.frame
        // Nothing goes below the floor (a pose that did is refused), so the bottom is always the frame's.
        return (whole.minX, whole.minY, whole.maxX, min(whole.maxY, high + margin))
    }

    /// Where a hand grips a band or a dumbbell: a little way past the wrist.
    public static func grip(_ limbs: FigureSkeleton.Limbs) -> FigurePoint {
        FigurePoint(x: limbs.wrist.x + (limbs.hand.x - limbs.wrist.x) * 0.35, y: limbs.wrist.y + (limbs.hand.y - limbs.wrist.y) * 0.35)
    }
}
