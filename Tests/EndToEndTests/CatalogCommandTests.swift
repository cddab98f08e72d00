import Foundation
import Testing

@Suite("backplan catalog, run as a user would")
struct CatalogCommandTests {
    @Test("list prints all 20 moves from any working directory")
    func listFromAnywhere() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["catalog", "list"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("20 moves\n"))
        #expect(result.stdout.contains("levator-scapulae-stretch"))
        #expect(result.stderr.isEmpty)
    }

    @Test("list --json gives 8 warm-up, 7 strength and 5 cool-down moves in the spec's schema")
    func listJSON() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["catalog", "list", "--json"], in: scratch.url)
        try #require(result.status == 0)
        let moves = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(moves.count == 20)
        let phases = moves.compactMap { $0["phase"] as? String }
        #expect(phases.filter { $0 == "warm-up" }.count == 8)
        #expect(phases.filter { $0 == "strength" }.count == 7)
        #expect(phases.filter { $0 == "cool-down" }.count == 5)
        let row = try #require(moves.first { $0["id"] as? String == "row" })
        #expect(row["equipment"] as? [[String]] == [["resistance-band"], ["dumbbells"]])
        #expect(row["positions"] as? [String] == ["standing"])
        let dose = try #require(row["dose"] as? [String: [String: Int]])
        #expect(dose["sets"] == ["min": 2, "max": 3])
        #expect(dose["reps"] == ["min": 8, "max": 12])
        for move in moves {
            for key in ["id", "name", "phase", "areas", "equipment", "positions", "dose", "steps"] {
                #expect(move[key] != nil, "\(move["id"] ?? "?") lacks \(key)")
            }
        }
    }

    @Test("filters narrow the list", arguments: [
        (["--area", "lower-back"], ["chair-rotation", "cat-cow", "knee-to-chest", "superman", "childs-pose"]),
        (["--equipment", "dumbbells"], ["row", "reverse-dumbbell-fly"]),
        (["--phase", "cool-down", "--area", "chest"], ["pec-stretch"]),
    ])
    func filters(arguments: [String], expected: [String]) throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["catalog", "list", "--json"] + arguments, in: scratch.url)
        let moves = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(moves.compactMap { $0["id"] as? String } == expected)
    }

    @Test("show prints the numbered steps and dose of one move")
    func show() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["catalog", "show", "thoracic-extension"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Equipment: foam roller (lying); or chair (sitting)"))
        #expect(result.stdout.contains("  4. Hold either position for 5 seconds"))
        #expect(result.stdout.contains("Dose:      30-60 s, hold 5 s, 3 rounds"))
    }

    @Test("an unknown id suggests the closest one and fails")
    func unknownID() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["catalog", "show", "neck-rol"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("no move with id 'neck-rol'. Did you mean 'neck-roll'?"))
        #expect(result.stdout.isEmpty)
    }

    @Test("validate accepts the built-in catalog and summarises it")
    func validateGood() throws {
        let scratch = try ScratchFolder()
        try scratch.write("catalog.yaml", String(contentsOf: Backplan.packageRoot.appendingPathComponent("Data/catalog.yaml"), encoding: .utf8))
        let result = try Backplan.run(["catalog", "validate", "catalog.yaml"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout == "catalog.yaml: OK, 20 moves (8 warm-up, 7 strength, 5 cool-down), 9 pieces of advice, 4 questions\n")
    }

    @Test("validate reports a broken catalog with file and line", arguments: [
        ("moves:\n  - id: x\n    name: X\n    phase: warmup\n    areas: [neck]\n    ways: [{equipment: [], positions: [sitting]}]\n    dose: {reps: 5}\n    steps: [Go.]\n",
         "bad.yaml:4:12: moves[1].phase: 'warmup' is not allowed (did you mean 'warm-up'?); expected one of: warm-up, strength, cool-down"),
        ("moves:\n  - id: x\n    name: X\n", "bad.yaml:2:5: moves[1].phase: is required but missing"),
        ("moves: [\n", "bad.yaml:2:1: not valid YAML"),
    ])
    func validateBad(yaml: String, expected: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("bad.yaml", yaml)
        let result = try Backplan.run(["catalog", "validate", "bad.yaml"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
    }

    @Test("--catalog uses another catalog everywhere")
    func otherCatalog() throws {
        let scratch = try ScratchFolder()
        try scratch.write("mini.yaml", """
            moves:
              - id: only-move
                name: Only move
                phase: cool-down
                areas: [neck]
                ways: [{equipment: [], positions: [sitting]}]
                dose: {hold_seconds: {min: 10, max: 20}}
                steps: [Sit and breathe.]
            """)
        let result = try Backplan.run(["catalog", "list", "--catalog", "mini.yaml"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("only-move"))
        #expect(result.stdout.hasSuffix("1 move\n"))
    }
}

@Suite("backplan catalog figures, run as a user would")
struct CatalogFiguresCommandTests {
    @Test("figures writes one standalone SVG per move and per way with its own figure")
    func figures() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["catalog", "figures", "out"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let files = scratch.files().filter { $0.hasPrefix("out/") }
        #expect(files.count == 22)
        #expect(files.contains("out/row.svg") && files.contains("out/row-dumbbells.svg"))
        #expect(files.contains("out/thoracic-extension-chair.svg"))
        let svg = try scratch.read("out/shoulder-roll.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 113\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=\"shoulder-roll-title\">Standing, arms down at the sides; the shoulders roll"))
        #expect(svg.hasSuffix("</svg>\n"))
        let again = try Backplan.run(["catalog", "figures", "out"], in: scratch.url)
        #expect(again.status == 0)
        #expect(try scratch.read("out/shoulder-roll.svg") == svg)
    }

    @Test("a broken figure in a catalog fails with its place and writes nothing")
    func brokenFigure() throws {
        let scratch = try ScratchFolder()
        let yaml = try String(contentsOf: Backplan.packageRoot.appendingPathComponent("Data/catalog.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "view: front\n      description: Standing, facing forward", with: "view: top\n      description: Standing, facing forward")
        try scratch.write("catalog.yaml", yaml)
        let result = try Backplan.run(["catalog", "figures", "out", "--catalog", "catalog.yaml"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("catalog.yaml:"))
        #expect(result.stderr.contains("moves[1].figure.view: 'top' is not allowed; expected one of: side, front"))
        #expect(!scratch.exists("out"))
    }
}
