import BackPlanCore
import Testing

@Suite("Related moves and neighbours in the catalog")
struct CatalogRelatedTests {
    let catalog = Catalog.builtIn

    @Test("every related move shares an area and is not the move itself", arguments: Catalog.builtIn.moves.map(\.id))
    func relatedShareAnArea(id: String) throws {
        let move = try #require(catalog.move(id: id))
        let related = catalog.related(to: move)
        #expect(!related.isEmpty)
        #expect(related.count <= 6)
        #expect(!related.contains { $0.id == id })
        #expect(related.allSatisfy { !Set($0.areas).isDisjoint(with: move.areas) })
    }

    @Test("moves sharing more areas come first, then the same phase, then catalog order")
    func closestFirst() throws {
        let wallAngel = try #require(catalog.move(id: "wall-angel"))
        let related = catalog.related(to: wallAngel, limit: 3).map(\.id)
        // Many moves share two of its areas; the strengthening ones come first, in catalog order.
        #expect(related == ["face-pull", "scapular-squeeze", "reverse-dumbbell-fly"])
    }

    @Test("the chest is worked by the pec stretch alone, whose relatives are shoulder stretches")
    func chest() throws {
        #expect(catalog.moves(area: .chest).map(\.id) == ["pec-stretch"])
        let pec = try #require(catalog.move(id: "pec-stretch"))
        #expect(catalog.related(to: pec, limit: 3).map(\.id) == ["childs-pose", "butterfly", "shoulder-roll"])
    }

    /// The first way of finding relatives: every other move ranked, then the first few.
    static func relatedByRankingAll(_ catalog: Catalog, to move: Exercise, limit: Int) -> [String] {
        let areas = Set(move.areas)
        let scored = catalog.moves.enumerated().compactMap { index, other -> (rank: [Int], id: String)? in
            guard other.id != move.id else { return nil }
            let shared = other.areas.filter(areas.contains).count
            return shared > 0 ? ([-shared, other.phase == move.phase ? 0 : 1, index], other.id) : nil
        }
        return scored.sorted { $0.rank.lexicographicallyPrecedes($1.rank) }.prefix(limit).map(\.id)
    }

    @Test("the grouped index finds the same relatives as ranking every move, in large random catalogs", arguments: [1, 2, 3, 4])
    func groupedIndexMatchesRanking(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var large = catalog
        large.moves = (0..<400).map { number in
            var move = catalog.moves[Int.random(in: 0..<catalog.moves.count, using: &random)]
            move.id = "move-\(number)"
            move.areas = Array(Area.allCases.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)))
            move.phase = Phase.allCases.randomElement(using: &random)!
            return move
        }
        let index = RelatedMoves(catalog: large)
        for move in large.moves {
            for limit in [0, 1, 6, 50] {
                #expect(index.related(to: move, limit: limit).map(\.id) == Self.relatedByRankingAll(large, to: move, limit: limit))
            }
        }
        for move in catalog.moves {
            #expect(RelatedMoves(catalog: catalog).related(to: move).map(\.id) == Self.relatedByRankingAll(catalog, to: move, limit: 6))
        }
    }

    @Test("neighbours by index are the neighbours by move")
    func neighboursAtIndex() {
        for (index, move) in catalog.moves.enumerated() {
            #expect(catalog.neighbours(at: index).previous?.id == catalog.neighbours(of: move).previous?.id)
            #expect(catalog.neighbours(at: index).next?.id == catalog.neighbours(of: move).next?.id)
        }
    }

    @Test("neighbours follow catalog order and stop at the ends")
    func neighbours() throws {
        let first = try #require(catalog.moves.first)
        let last = try #require(catalog.moves.last)
        #expect(catalog.neighbours(of: first).previous == nil)
        #expect(catalog.neighbours(of: first).next?.id == catalog.moves[1].id)
        #expect(catalog.neighbours(of: last).next == nil)
        #expect(catalog.neighbours(of: last).previous?.id == catalog.moves[catalog.moves.count - 2].id)
    }

    @Test("dose ranges read as the article gives them", arguments: zip(
        ["row", "upper-trapezius-stretch", "childs-pose"],
        ["2-3 sets of 8-12 reps", "hold 10-15 s, each side", "hold at least 15 s"]))
    func doseText(id: String, expected: String) throws {
        let move = try #require(catalog.move(id: id))
        #expect(move.dose.text == expected)
    }
}
