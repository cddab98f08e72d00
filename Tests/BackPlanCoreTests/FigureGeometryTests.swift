import Testing

@testable import BackPlanCore

/// Every built-in figure keeps one body, stays in its picture and rests where its way says.
@Suite("Figure geometry")
struct FigureGeometryTests {
    /// Every figure with the positions it must show: the move's own for its ways without one, else the way's.
    static let figures: [(name: String, figure: Figure, positions: [Position])] = Catalog.builtIn.moves.flatMap { move in
        move.ways.compactMap { way -> (String, Figure, [Position])? in
            guard let figure = move.figure(for: way) else { return nil }
            return (way.figure == nil ? move.id : "\(move.id)-\(way.slug)", figure, way.positions)
        }
    }

    static let names = Array(Set(figures.map(\.name))).sorted()

    static func figure(_ name: String) -> (figure: Figure, positions: [Position]) {
        let found = figures.filter { $0.name == name }
        return (found[0].figure, found.flatMap(\.positions))
    }

    @Test("every built-in move has a figure")
    func everyMove() {
        #expect(Catalog.builtIn.moves.filter { $0.figure == nil }.map(\.id) == [])
        #expect(Self.names.contains("row-dumbbells") && Self.names.contains("thoracic-extension-chair"))
    }

    @Test("every segment keeps its length in every pose", arguments: names)
    func lengths(name: String) {
        for skeleton in Self.figure(name).figure.skeletons {
            for segment in skeleton.segments {
                #expect(abs(segment.from.distance(to: segment.to) - segment.length) < 1e-6, "\(segment.name)")
            }
        }
    }

    @Test("the body and its props stay inside the figure's own picture, all numbers finite", arguments: names)
    func insideFrame(name: String) {
        let figure = Self.figure(name).figure
        let frame = figure.frame
        // Cropped up and down only, never past the frame every figure shares.
        #expect(frame.minX == FigureBody.frame.minX && frame.maxX == FigureBody.frame.maxX)
        #expect(frame.minY >= FigureBody.frame.minY - 1e-9 && frame.maxY <= FigureBody.frame.maxY)
        for skeleton in figure.skeletons {
            for (point, radius) in skeleton.outline {
                #expect(point.x.isFinite && point.y.isFinite && point.z.isFinite)
                #expect(point.x - radius >= frame.minX && point.x + radius <= frame.maxX, "x \(point.x)")
                #expect(point.y - radius >= frame.minY && point.y + radius <= frame.maxY, "y \(point.y)")
            }
        }
        for prop in figure.props {
            switch prop {
            case .chair(let x, _): #expect(x - 0.12 >= frame.minX && x + 0.12 <= frame.maxX)
            case .wall(let x?), .doorway(let x), .foamRoller(let x): #expect(x >= frame.minX && x <= frame.maxX)
            case .band(let x, let y, _): #expect(x >= frame.minX && x <= frame.maxX && y <= frame.maxY)
            default: break
            }
        }
    }

    @Test("a lying or kneeling figure's picture is cropped to its height; a standing one keeps the person's")
    func cropped() {
        func height(_ name: String) -> Double { let f = Self.figure(name).figure.frame; return f.maxY - f.minY }
        for name in ["cat-cow", "superman", "knee-to-chest", "thoracic-extension"] {
            #expect(height(name) < 0.8, "\(name): \(height(name))")
        }
        for name in ["shoulder-roll", "scapular-squeeze", "neck-roll", "pec-stretch"] {
            #expect(height(name) > 1.05, "\(name): \(height(name))")
        }
    }

    @Test("cat-cow bends the back: the mid back rises over the hips-to-shoulders line in cat and sinks under it in cow")
    func catCow() throws {
        let skeletons = Self.figure("cat-cow").figure.skeletons
        func rise(_ s: FigureSkeleton) -> Double { s.midBack.y - (s.pelvis.y + s.neck.y) / 2 }
        #expect(rise(skeletons[0]) > 0.05 && abs(rise(skeletons[1])) < 1e-9 && rise(skeletons[2]) < -0.04)
        for s in skeletons {
            // Hands and knees on the floor in every pose.
            #expect(s.right.hand.y - FigureBody.limbRadius < 0.005 && s.right.knee.y - FigureBody.limbRadius < 0.005)
        }
    }

    @Test("each pose rests on the floor or the seat, in a position its way allows", arguments: names)
    func grounded(name: String) {
        let (figure, positions) = Self.figure(name)
        for (pose, skeleton) in zip(figure.poses, figure.skeletons) {
            let position = skeleton.position(onSeat: pose.support == .seat)
            #expect(positions.contains(position), "\(position) is not one of \(positions)")
            if pose.support == .seat {
                #expect(abs(skeleton.pelvis.y - FigureBody.seatHeight - FigureBody.trunkRadius) < 1e-9)
                // Seated feet reach the floor.
                #expect(BodySide.allCases.allSatisfy { min(skeleton.limbs($0).toe.y, skeleton.limbs($0).ankle.y) < 0.06 })
            } else {
                #expect(abs(skeleton.lowestY) < 1e-9)
            }
            switch position {
            case .standing:
                // On the feet: the lowest points are ankles or toes.
                let feet = BodySide.allCases.flatMap { [skeleton.limbs($0).ankle.y, skeleton.limbs($0).toe.y] }.min()!
                #expect(feet - FigureBody.limbRadius < 0.005)
            case .lying: #expect(skeleton.pelvis.y < 0.15)
            case .kneeling, .sitting: break
            }
            #expect(skeleton.lowestY > -0.005)
        }
    }

    @Test("a foam roller lies under the upper back")
    func roller() throws {
        let (figure, _) = Self.figure("thoracic-extension")
        guard case .foamRoller(let x)? = figure.props.first(where: { if case .foamRoller = $0 { true } else { false } }) else {
            Issue.record("no roller"); return
        }
        for skeleton in figure.skeletons {
            // The trunk's height above the roller's centre: resting on it, within a stroke.
            let t = (x - skeleton.pelvis.x) / (skeleton.neck.x - skeleton.pelvis.x)
            #expect(t > 0.3 && t < 1, "the roller is under the trunk's upper part")
            let y = skeleton.pelvis.y + t * (skeleton.neck.y - skeleton.pelvis.y)
            #expect(abs(y - FigureBody.rollerRadius * 2 - FigureBody.trunkRadius) < 0.03, "trunk at \(y)")
        }
    }

    @Test("ways with their own figure have their own steps, and a move's steps stay the article's")
    func waySteps() throws {
        let row = try #require(Catalog.builtIn.move(id: "row"))
        let band = row.steps(for: row.ways[0]), dumbbell = row.steps(for: row.ways[1])
        #expect(!band.joined().contains("dumbbell") && dumbbell.joined().contains("dumbbell"))
        #expect(!dumbbell.joined().contains("band"))
        #expect(row.steps.count == 7)
        #expect(row.figure(for: row.ways[1]) != row.figure)
        let scapular = try #require(Catalog.builtIn.move(id: "scapular-squeeze"))
        #expect(scapular.steps(for: scapular.ways[0]) == scapular.steps)
    }
}
