import Testing

@testable import BackPlanCore

/// Every broken catalog gives one located, actionable message.
@Suite("Catalog validation")
struct CatalogValidationTests {
    static let move = """
        moves:
          - id: neck-roll
            name: Neck roll
            phase: warm-up
            areas: [neck]
            ways: [{equipment: [], positions: [sitting]}]
            dose: {seconds: {min: 30, max: 60}}
            steps: [Roll.]

        """

    static let cases: [(String, String, String)] = [
        ("malformed YAML", "moves: [\n  - id: x\n", "bad.yaml:2:3: not valid YAML: did not find expected node content"),
        ("unknown top-level key", "moevs: []\n", "bad.yaml:1:1: moevs: unknown key (did you mean 'moves'?); allowed keys: session, phases, advice, faq, moves"),
        ("unknown move key", move.replacingOccurrences(of: "    steps:", with: "    stepz: [x]\n    steps:"), "bad.yaml:8:5: moves[1].stepz: unknown key (did you mean 'steps'?)"),
        ("unknown phase", move.replacingOccurrences(of: "phase: warm-up", with: "phase: warmup"), "bad.yaml:4:12: moves[1].phase: 'warmup' is not allowed (did you mean 'warm-up'?); expected one of: warm-up, strength, cool-down"),
        ("unknown area", move.replacingOccurrences(of: "areas: [neck]", with: "areas: [neck, chests]"), "bad.yaml:5:19: moves[1].areas[2]: 'chests' is not allowed (did you mean 'chest'?); expected one of: neck, shoulders, upper-back, mid-back, lower-back, chest"),
        ("unknown equipment", move.replacingOccurrences(of: "equipment: []", with: "equipment: [kettlebell]"), "bad.yaml:6:25: moves[1].ways[1].equipment[1]: 'kettlebell' is not allowed; expected one of: resistance-band, dumbbells, foam-roller, chair"),
        ("unknown position", move.replacingOccurrences(of: "positions: [sitting]", with: "positions: [sittin]"), "moves[1].ways[1].positions[1]: 'sittin' is not allowed (did you mean 'sitting'?); expected one of: standing, sitting, lying, kneeling"),
        ("min above max", move.replacingOccurrences(of: "{min: 30, max: 60}", with: "{min: 60, max: 30}"), "bad.yaml:7:21: moves[1].dose.seconds: min 60 is above max 30"),
        ("a number that is text", move.replacingOccurrences(of: "{min: 30, max: 60}", with: "{min: thirty, max: 60}"), "bad.yaml:7:27: moves[1].dose.seconds.min: expected a whole number in 1..3600, found 'thirty'"),
        ("duplicate ids", move + move.replacingOccurrences(of: "moves:\n", with: ""), "bad.yaml:9:5: moves[2]: duplicate id 'neck-roll' (first used on line 2)"),
        ("a move without steps", move.replacingOccurrences(of: "steps: [Roll.]", with: "steps: []"), "bad.yaml:8:12: moves[1].steps: a move needs at least one step"),
        ("a missing key", move.replacingOccurrences(of: "    name: Neck roll\n", with: ""), "bad.yaml:2:5: moves[1].name: is required but missing"),
        ("an unsafe id", move.replacingOccurrences(of: "id: neck-roll", with: "id: ../../etc"), "bad.yaml:2:9: moves[1].id: '../../etc' is not a valid id"),
        ("an unknown figure view", figure("view: top"), "bad.yaml:9:13: moves[1].figure.view: 'top' is not allowed; expected one of: side, front"),
        ("an unknown joint", figure("poses: [{elbw: 10}, {elbow: 20}]"), "bad.yaml:9:16: moves[1].figure.poses[1].elbw: unknown key (did you mean 'elbow'?)"),
        ("an unknown prop", figure("props: [{prop: bench}]"), "bad.yaml:9:22: moves[1].figure.props[1].prop: 'bench' is not allowed; expected one of: mat, chair, wall, doorway, band, dumbbell, foam-roller"),
        ("an angle out of range", figure("poses: [{knee: 200}, {knee: 20}]"), "bad.yaml:9:22: moves[1].figure.poses[1].knee: 200 is out of range 0..160"),
        ("a non-finite angle", figure("poses: [{knee: .nan}, {knee: 20}]"), "bad.yaml:9:22: moves[1].figure.poses[1].knee: expected a finite number in 0..160, found '.nan'"),
        ("one pose", figure("poses: [{knee: 20}]"), "bad.yaml:9:14: moves[1].figure.poses: a figure needs 2 or 3 poses (start, end and optionally a middle); found 1"),
        ("a seat without a chair", figure("poses: [{on: seat, hip: 90}, {knee: 20}]"), "bad.yaml:9:15: moves[1].figure.poses[1]: the pose sits on a seat but the figure has no chair"),
        ("a pose through the floor", figure("poses: [{on: seat}, {knee: 20}]", props: "props: [{prop: chair}]"), "bad.yaml:9:15: moves[1].figure.poses[1]: the pose puts part of the body 206/1000 of its height below the floor"),
        ("a front-only joint in a side view", figure("poses: [{twist: 20}, {knee: 20}]"), "bad.yaml:9:23: moves[1].figure.poses[1].twist: 'twist' bends toward the viewer and is only for a front view"),
        ("an unknown cue point", figure("cue: {kind: path, at: right-wirst}"), "bad.yaml:9:29: moves[1].figure.cue.at: 'right-wirst' is not allowed (did you mean 'right-wrist'?)"),
        ("an empty file", "", "bad.yaml:1: the file is empty"),
        ("a list at the top", "- a\n- b\n", "bad.yaml:1:1: expected a mapping of keys, found a list"),
    ]

    /// The minimal move with a figure whose line 9 is `line` (indented under `figure:`).
    static func figure(_ line: String, props: String? = nil) -> String {
        var keys = ["view: side", "description: Standing.", "poses: [{knee: 10}, {knee: 20}]"] + (props.map { [$0] } ?? [])
        let key = String(line.prefix { $0 != ":" })
        keys.removeAll { $0.hasPrefix(key + ":") }
        let body = ([line] + keys).map { "      " + $0 }.joined(separator: "\n")
        return move.replacingOccurrences(of: "    steps:", with: "    figure:\n\(body)\n    steps:")
    }

    @Test("a broken catalog names file, line, column, key and what is allowed", arguments: cases)
    func broken(name: String, yaml: String, expected: String) {
        #expect {
            try Catalog(yaml: yaml, file: "bad.yaml")
        } throws: { error in
            let message = String(describing: error)
            return message.contains(expected) && (expected.hasPrefix("bad.yaml") || message.hasPrefix("bad.yaml:"))
        }
    }

    @Test("every broken move is reported, each at its place")
    func several() {
        let yaml = Self.move.replacingOccurrences(of: "phase: warm-up", with: "phase: warmup")
            + Self.move.replacingOccurrences(of: "moves:\n", with: "").replacingOccurrences(of: "id: neck-roll", with: "id: other")
                .replacingOccurrences(of: "areas: [neck]", with: "areas: [knees]")
        #expect {
            try Catalog(yaml: yaml, file: "bad.yaml")
        } throws: { error in
            let lines = String(describing: error).split(separator: "\n")
            return lines.count == 2 && lines[0].hasPrefix("bad.yaml:4:12: moves[1].phase: 'warmup'")
                && lines[1].hasPrefix("bad.yaml:12:13: moves[2].areas[1]: 'knees' is not allowed")
        }
    }

    @Test("the minimal valid catalog loads")
    func minimal() throws {
        let catalog = try Catalog(yaml: Self.move, file: "ok.yaml")
        #expect(catalog.moves.map(\.id) == ["neck-roll"])
        #expect(catalog.session == .articleDefaults)
    }
}
