import Testing

@testable import BackPlanCore

/// The built-in catalog against a table written from the article, move by move.
@Suite("Built-in catalog")
struct CatalogTests {
    /// id, phase, areas, equipment ways, dose ("key=min-max"; "+" for open-ended), per side, step count.
    static let article: [(String, Phase, [Area], [[Equipment]], [String], Bool, Int)] = [
        ("neck-roll", .warmUp, [.neck, .upperBack], [[]], ["seconds=30-60", "rounds=2-3"], false, 6),
        ("shoulder-roll", .warmUp, [.shoulders, .upperBack], [[]], ["seconds=30-60", "reps=5-5", "rounds=2-3"], false, 3),
        ("arm-circles", .warmUp, [.shoulders], [[]], ["seconds=30-60", "reps=20-20"], false, 3),
        ("overhead-arm-reach", .warmUp, [.shoulders, .upperBack], [[.chair]], ["seconds=30-60", "reps=5-5"], true, 3),
        ("chair-rotation", .warmUp, [.upperBack, .midBack, .lowerBack], [[.chair]], ["seconds=30-60", "hold_seconds=10-10", "rounds=3-3"], true, 4),
        ("cat-cow", .warmUp, [.midBack, .lowerBack], [[]], ["seconds=30-60", "hold_seconds=3-5", "rounds=5-5"], false, 6),
        ("knee-to-chest", .warmUp, [.lowerBack], [[]], ["seconds=30-60", "hold_seconds=5-5", "rounds=3-3"], true, 3),
        ("thoracic-extension", .warmUp, [.upperBack, .midBack], [[.foamRoller], [.chair]], ["seconds=30-60", "hold_seconds=5-5", "rounds=3-3"], false, 4),
        ("row", .strength, [.upperBack], [[.resistanceBand], [.dumbbells]], ["sets=2-3", "reps=8-12"], false, 7),
        ("face-pull", .strength, [.shoulders, .upperBack], [[.resistanceBand]], ["sets=3-3", "reps=12-12"], false, 4),
        ("scapular-squeeze", .strength, [.shoulders, .upperBack], [[]], ["reps=3-5", "hold_seconds=5-5"], false, 2),
        ("wall-angel", .strength, [.neck, .shoulders, .upperBack], [[]], ["sets=3-3", "reps=10-10"], false, 5),
        ("reverse-dumbbell-fly", .strength, [.shoulders, .upperBack], [[.dumbbells]], ["sets=3-3", "reps=8-12"], false, 4),
        ("lat-pulldown", .strength, [.shoulders, .upperBack], [[.resistanceBand]], ["sets=3-3", "reps=8-12"], false, 4),
        ("superman", .strength, [.midBack, .lowerBack], [[]], ["sets=3-3", "reps=10-10"], false, 4),
        ("pec-stretch", .coolDown, [.chest, .shoulders], [[]], ["hold_seconds=10-10", "rounds=3-3"], false, 3),
        ("childs-pose", .coolDown, [.shoulders, .upperBack, .midBack, .lowerBack], [[]], ["hold_seconds=15+"], false, 6),
        ("butterfly", .coolDown, [.shoulders, .upperBack], [[]], ["hold_seconds=10-20", "rounds=4-6"], false, 3),
        ("upper-trapezius-stretch", .coolDown, [.upperBack, .neck], [[]], ["hold_seconds=10-15"], true, 4),
        ("levator-scapulae-stretch", .coolDown, [.neck, .upperBack], [[]], ["hold_seconds=10-15"], true, 4),
    ]

    @Test("has the article's 20 moves in order: 8 warm-up, 7 strength, 5 cool-down")
    func counts() {
        let catalog = Catalog.builtIn
        #expect(catalog.moves.map(\.id) == Self.article.map(\.0))
        #expect(catalog.moves(phase: .warmUp).count == 8)
        #expect(catalog.moves(phase: .strength).count == 7)
        #expect(catalog.moves(phase: .coolDown).count == 5)
    }

    @Test("each move's areas, equipment, dose and step count match the article", arguments: article)
    func move(id: String, phase: Phase, areas: [Area], equipment: [[Equipment]], dose: [String], perSide: Bool, steps: Int) throws {
        let move = try #require(Catalog.builtIn.move(id: id))
        #expect(move.phase == phase)
        #expect(move.areas == areas)
        #expect(move.equipmentAlternatives == equipment)
        let ranges = move.dose.ranges.map { "\($0.key)=\($0.range.max == nil ? "\($0.range.min)+" : "\($0.range.min)-\($0.range.max!)")" }
        #expect(Set(ranges) == Set(dose))
        #expect(move.dose.perSide == perSide)
        #expect(move.steps.count == steps)
    }

    @Test("moves done lying or on all fours are floor moves; chair and floor ways are told apart")
    func positions() throws {
        let catalog = Catalog.builtIn
        #expect(catalog.move(id: "cat-cow")?.positions == [.kneeling])
        #expect(catalog.move(id: "superman")?.positions == [.lying])
        let thoracic = try #require(catalog.move(id: "thoracic-extension"))
        #expect(thoracic.ways(owning: [.foamRoller, .chair], floor: false).map(\.equipment) == [[.chair]])
        #expect(thoracic.ways(owning: [.foamRoller], floor: true).map(\.equipment) == [[.foamRoller]])
        #expect(catalog.move(id: "wall-angel")?.props == [.wall])
        #expect(catalog.move(id: "pec-stretch")?.props == [.doorway])
    }

    @Test("carries the article's session rules, advice and questions")
    func articleText() {
        let catalog = Catalog.builtIn
        #expect(catalog.session.cardioMinutes == DoseRange(min: 5, max: 10))
        #expect(catalog.session.dynamicStretchSeconds == DoseRange(min: 30, max: 60))
        #expect(catalog.session.staticStretchInWarmUpSeconds == DoseRange(min: 10, max: 20))
        #expect(catalog.session.cardioExamples == ["walking", "cycling", "a gentle jog"])
        #expect(catalog.advice.map(\.id) == ["stop-if-worse", "severe-pain", "after-injury", "when-better", "core", "variety", "desk", "other-care", "professional"])
        #expect(catalog.faq.map(\.question) == [
            "When will back pain go away?", "When should you start exercising after an injury?",
            "What else can you do for neck and back pain?", "The bottom line",
        ])
        let all = catalog.faq.flatMap(\.answer).joined(separator: " ")
        for muscle in ["transversus abdominis", "rectus abdominis", "obliques", "erector spinae", "multifidus"] {
            #expect(all.contains(muscle))
        }
        #expect(!Catalog.builtInYAML.contains("eloquent"), "the reader's comment is not content")
    }
}
