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
