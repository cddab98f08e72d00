import BackPlanCore
import Foundation

/// Draws one figure's parts as SVG elements in one pictogram style, panel by panel.
///
/// Body: thick black strokes with round caps and joins, a plain disc for the head; in a side view the
/// far (left) limbs are lighter and thinner so left and right read apart. Props: thinner grey lines.
struct FigureDrawing {
    let figure: Figure
    /// The part of the picture the figure fills (`Figure.frame`), in body heights.
    let frame: (minX: Double, minY: Double, maxX: Double, maxY: Double)
    /// Where the current panel starts, in SVG units.
    var originX = 0.0

    private static let near = "#000", far = "#9a9a9a", prop = "#555"
    private static let limbWidth = 5.0, farWidth = 4.2, trunkWidth = 7.5, propWidth = 1.6, armEdge = 2.5

    init(figure: Figure, frame: (minX: Double, minY: Double, maxX: Double, maxY: Double)) {
        self.figure = figure
        self.frame = frame
    }

    private func n(_ value: Double) -> String { FigureSVG.n(value) }

    /// A figure point in SVG units of the current panel.
    private func at(_ point: FigurePoint) -> (x: Double, y: Double) {
        ((point.x - frame.minX) * FigureSVG.scale + originX, (frame.maxY - point.y) * FigureSVG.scale)
    }

    private func at(_ x: Double, _ y: Double) -> (x: Double, y: Double) { at(FigurePoint(x: x, y: y)) }

    private func polyline(_ points: [FigurePoint], color: String, width: Double) -> String {
        var list = ""
        for (index, point) in points.enumerated() {
            let q = at(point)
            if index > 0 { list += " " }
            list += n(q.x)
            list += ","
            list += n(q.y)
        }
        return "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(n(width))\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n"
    }

    private func line(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), color: String = prop, width: Double = propWidth) -> String {
        "<line x1=\"\(n(a.x))\" y1=\"\(n(a.y))\" x2=\"\(n(b.x))\" y2=\"\(n(b.y))\" stroke=\"\(color)\" stroke-width=\"\(n(width))\" stroke-linecap=\"round\"/>\n"
    }

    // MARK: - Body

    /// The body in one pose, with what it holds (band, dumbbells).
    func body(_ skeleton: FigureSkeleton) -> String {
        var svg = ""
        let sideView = figure.view == .side
        // Far side first, so the near side is drawn over it.
        let order: [BodySide] = sideView ? [.left, .right] : [.right, .left]
        for side in order {
            let limbs = skeleton.limbs(side)
            let isFar = sideView && side == .left
            let color = isFar ? Self.far : Self.near, width = isFar ? Self.farWidth : Self.limbWidth
            svg += polyline([limbs.hip, limbs.knee, limbs.ankle, limbs.toe], color: color, width: width)
            if isFar { svg += polyline([limbs.shoulder, limbs.elbow, limbs.wrist, limbs.hand], color: color, width: width) }
            if isFar { svg += held(skeleton, side, color: color) }
        }
        if sideView {
            // The back as one smooth curve through its middle: straight when the pose does not bend it.
            let p = at(skeleton.pelvis), m = at(skeleton.midBack), q = at(skeleton.neck)
            let control = (x: 2 * m.x - (p.x + q.x) / 2, y: 2 * m.y - (p.y + q.y) / 2)
            svg += "<path d=\"M\(n(p.x)),\(n(p.y)) Q\(n(control.x)),\(n(control.y)) \(n(q.x)),\(n(q.y))\" fill=\"none\" stroke=\"\(Self.near)\" stroke-width=\"\(n(Self.trunkWidth))\" stroke-linecap=\"round\"/>\n"
        } else {
            let mid = FigurePoint(x: (skeleton.right.shoulder.x + skeleton.left.shoulder.x) / 2,
                                  y: (skeleton.right.shoulder.y + skeleton.left.shoulder.y) / 2)
            svg += polyline([skeleton.right.hip, skeleton.left.hip], color: Self.near, width: Self.limbWidth)
            svg += polyline([skeleton.pelvis, mid], color: Self.near, width: Self.trunkWidth * 1.6)
            svg += polyline([skeleton.right.shoulder, skeleton.left.shoulder], color: Self.near, width: Self.limbWidth)
        }
        svg += polyline([skeleton.neck, skeleton.head], color: Self.near, width: Self.limbWidth)
        let head = at(skeleton.head)
        svg += "<circle cx=\"\(n(head.x))\" cy=\"\(n(head.y))\" r=\"\(n(FigureBody.headHeight / 2 * FigureSVG.scale))\" fill=\"\(Self.near)\"/>\n"
        for side in order where !(sideView && side == .left) {
            let limbs = skeleton.limbs(side)
            let arm = [limbs.shoulder, limbs.elbow, limbs.wrist, limbs.hand]
            // A thin white edge under the near arm, so an arm crossing the trunk or the other arm (a hug) stays readable.
            // It starts partway down the upper arm, so it never cuts into the shoulders.
            let s = limbs.shoulder, e = limbs.elbow
            let edgeStart = FigurePoint(x: s.x + (e.x - s.x) * 0.4, y: s.y + (e.y - s.y) * 0.4)
            svg += polyline([edgeStart] + arm.dropFirst(), color: "#fff", width: Self.limbWidth + Self.armEdge)
            svg += polyline(arm, color: Self.near, width: Self.limbWidth)
            svg += held(skeleton, side, color: Self.near)
        }
        return svg
    }

    private func grip(_ limbs: FigureSkeleton.Limbs) -> FigurePoint { Figure.grip(limbs) }

    /// The band and dumbbell in one hand.
    private func held(_ skeleton: FigureSkeleton, _ side: BodySide, color: String) -> String {
        var svg = ""
        let limbs = skeleton.limbs(side)
        for prop in figure.props {
            switch prop {
            case let .band(anchorX, anchorY, hands) where hands.contains(side):
                svg += line(at(anchorX, anchorY), at(grip(limbs)), color: color == Self.near ? "#333" : Self.far, width: 2)
            case let .dumbbell(hands) where hands.contains(side):
                let g = at(grip(limbs)), h = at(limbs.hand), w = at(limbs.wrist)
                let length = max(hypot(h.x - w.x, h.y - w.y), 0.001)
                // The bar lies across the hand.
                let across = (x: -(h.y - w.y) / length, y: (h.x - w.x) / length)
                let half = 6.0, plate = 3.5
                let a = (x: g.x - across.x * half, y: g.y - across.y * half), b = (x: g.x + across.x * half, y: g.y + across.y * half)
                let along = (x: across.y, y: -across.x)
                svg += line(a, b, color: color, width: 2.4)
                for end in [a, b] {
                    svg += line((end.x - along.x * plate, end.y - along.y * plate), (end.x + along.x * plate, end.y + along.y * plate),
                                color: color, width: 4.5)
                }
            default: break
            }
        }
        return svg
    }

    // MARK: - Scenery

    /// Floor and fixed props for one panel, drawn behind the body.
    func scenery() -> String {
        // Walls run out of the top of the picture.
        let top = frame.maxY
        var svg = ""
        for prop in figure.props {
            switch prop {
            case .mat:
                let a = at(-0.62, 0.012), b = at(0.62, 0)
                svg += "<rect x=\"\(n(a.x))\" y=\"\(n(a.y))\" width=\"\(n(b.x - a.x))\" height=\"\(n(b.y - a.y))\" fill=\"#d8d8d8\"/>\n"
            case .wall(let x):
                if let x {
                    let outward = x >= 0 ? 1.0 : -1.0
                    svg += line(at(x, 0), at(x, top), width: 2)
                    for step in stride(from: 0.08, through: top - 0.04, by: 0.08) {
                        svg += line(at(x, step), at(x + outward * 0.04, step + 0.04), color: "#999", width: 1)
                    }
                } else {
                    let a = at(-0.6, min(1.28, top - 0.02)), b = at(0.6, 0)
                    svg += "<rect x=\"\(n(a.x))\" y=\"\(n(a.y))\" width=\"\(n(b.x - a.x))\" height=\"\(n(b.y - a.y))\" fill=\"#f1f1f1\" stroke=\"#bbb\" stroke-width=\"1\"/>\n"
                }
            case .doorway(let x):
                // Seen from the front, both posts of the frame; from the side, the near post.
                let posts = figure.view == .front ? [-x, x] : [x]
                for post in posts {
                    let a = at(post - 0.03, 1.22), b = at(post + 0.03, 0)
                    svg += "<rect x=\"\(n(a.x))\" y=\"\(n(a.y))\" width=\"\(n(b.x - a.x))\" height=\"\(n(b.y - a.y))\" fill=\"#eee\" stroke=\"\(Self.prop)\" stroke-width=\"\(n(Self.propWidth))\"/>\n"
                }
                svg += figure.view == .front ? line(at(-x - 0.03, 1.22), at(x + 0.03, 1.22), width: 2.5)
                    : line(at(x - 0.03, 1.22), at(x + 0.3, 1.22), width: 2.5)
            case let .chair(x, backOnLeft):
                let seat = FigureBody.seatHeight, half = 0.12
                let back = backOnLeft ? x - half : x + half, front = backOnLeft ? x + half : x - half
                svg += line(at(x - half, seat), at(x + half, seat), width: 3)
                svg += line(at(front, seat), at(front, 0), width: 2)
                svg += line(at(back, 0), at(back, seat + 0.3), width: 2.5)
            case .band(let x, let y, _):
                let p = at(x, y)
                svg += "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"3\" fill=\"#fff\" stroke=\"\(Self.prop)\" stroke-width=\"2\"/>\n"
                // The stable surface the band is fixed to.
                let vertical = y > 1.15
                svg += vertical ? line(at(x - 0.08, y + 0.03), at(x + 0.08, y + 0.03), width: 3)
                    : line(at(x + 0.03, y - 0.08), at(x + 0.03, y + 0.08), width: 3)
            case .foamRoller(let x):
                let c = at(x, FigureBody.rollerRadius), r = FigureBody.rollerRadius * FigureSVG.scale
                svg += "<circle cx=\"\(n(c.x))\" cy=\"\(n(c.y))\" r=\"\(n(r))\" fill=\"#e4e4e4\" stroke=\"\(Self.prop)\" stroke-width=\"\(n(Self.propWidth))\"/>\n"
                svg += "<circle cx=\"\(n(c.x))\" cy=\"\(n(c.y))\" r=\"\(n(r / 3))\" fill=\"none\" stroke=\"\(Self.prop)\" stroke-width=\"1\"/>\n"
            case .dumbbell: break
            }
        }
        svg += line(at(frame.minX + 0.04, 0), at(frame.maxX - 0.04, 0), color: "#000", width: 1.5)
        return svg
    }

    // MARK: - Cue

    /// The movement cue: an arrow along the landmark's path through the poses, or a curved arrow around it.
    func cue(_ skeletons: [FigureSkeleton]) -> String {
        guard let cue = figure.cue, let first = skeletons.first else { return "" }
        let points = skeletons.map { s -> (x: Double, y: Double) in
            let p = s.point(cue.landmark)
            return at(p.x + cue.offsetX, p.y + cue.offsetY)
        }
        let style = "fill=\"none\" stroke=\"#000\" stroke-width=\"2\" stroke-linecap=\"round\""
        switch cue.kind {
        case .path:
            var start = points[0], end = points[points.count - 1]
            var control = points.count == 3
                ? (x: 2 * points[1].x - (start.x + end.x) / 2, y: 2 * points[1].y - (start.y + end.y) / 2)
                : (x: (start.x + end.x) / 2, y: (start.y + end.y) / 2)
            if cue.bothWays {
                // A there-and-back move is often short: the arrow reaches a little past both ends so its two heads stay apart.
                func pushed(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
                    let length = max(hypot(p.x - control.x, p.y - control.y), 0.001)
                    return (p.x + (p.x - control.x) / length * 7, p.y + (p.y - control.y) / length * 7)
                }
                start = pushed(start)
                end = pushed(end)
            } else {
                // Stand off from both joints a little so the arrow reads apart from the limbs.
                let trim = 0.12
                let newStart = (x: start.x + (control.x - start.x) * trim, y: start.y + (control.y - start.y) * trim)
                let newEnd = (x: end.x + (control.x - end.x) * trim, y: end.y + (control.y - end.y) * trim)
                control = (x: (control.x * (1 - trim) + (newStart.x + newEnd.x) / 2 * trim), y: (control.y * (1 - trim) + (newStart.y + newEnd.y) / 2 * trim))
                start = newStart
                end = newEnd
            }
            var svg = "<path d=\"M\(n(start.x)),\(n(start.y)) Q\(n(control.x)),\(n(control.y)) \(n(end.x)),\(n(end.y))\" \(style)/>\n"
            svg += arrowHead(at: end, from: control)
            if cue.bothWays { svg += arrowHead(at: start, from: control) }
            return svg
        case .turn:
            let centre = at(FigurePoint(x: first.point(cue.landmark).x + cue.offsetX, y: first.point(cue.landmark).y + cue.offsetY))
            let radius = 10.0
            // Three quarters of a circle, starting at the top; clockwise as seen.
            let direction = cue.clockwise ? 1.0 : -1.0
            let startAngle = -90.0, endAngle = startAngle + direction * 270
            func point(_ degrees: Double) -> (x: Double, y: Double) {
                (centre.x + radius * cos(degrees * .pi / 180), centre.y + radius * sin(degrees * .pi / 180))
            }
            let start = point(startAngle), end = point(endAngle)
            var svg = "<path d=\"M\(n(start.x)),\(n(start.y)) A\(n(radius)),\(n(radius)) 0 1 \(cue.clockwise ? 1 : 0) \(n(end.x)),\(n(end.y))\" \(style)/>\n"
            let before = point(endAngle - direction * 20)
            svg += arrowHead(at: end, from: before)
            return svg
        }
    }

    /// A filled triangle pointing from `from` to `tip`.
    private func arrowHead(at tip: (x: Double, y: Double), from: (x: Double, y: Double)) -> String {
        let length = max(hypot(tip.x - from.x, tip.y - from.y), 0.001)
        let d = (x: (tip.x - from.x) / length, y: (tip.y - from.y) / length)
        let size = 7.0, spread = 4.0
        let base = (x: tip.x - d.x * size, y: tip.y - d.y * size)
        let a = (x: base.x - d.y * spread, y: base.y + d.x * spread), b = (x: base.x + d.y * spread, y: base.y - d.x * spread)
        return "<polygon points=\"\(n(tip.x + d.x * 2)),\(n(tip.y + d.y * 2)) \(n(a.x)),\(n(a.y)) \(n(b.x)),\(n(b.y))\" fill=\"#000\"/>\n"
    }
}
