import Foundation

extension Catalog {
    /// `catalog list --json`: every move in SPEC's catalog schema.
    public func json(moves: [Exercise]) -> String {
        JSONText.encode(moves.map(MoveDocument.init))
    }

    /// `catalog show ID --json`: one move in the same schema, as an object.
    public func json(move: Exercise) -> String {
        JSONText.encode(MoveDocument(move))
    }
}

/// Stable JSON: sorted keys, no escaped slashes, two-space indentation, trailing newline.
package enum JSONText {
    package static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            preconditionFailure("plan values always encode: \(error)")
        }
    }
}

/// One move in the catalog JSON schema.
struct MoveDocument: Encodable {
    let id, name, phase: String
    let areas: [String]
    let equipment: [[String]]
    let positions: [String]
    let props: [String]
    let dose: DoseRanges
    let steps: [String]
    let ways: [WayDocument]
    let figure: FigureDocument?

    init(_ move: Exercise) {
        id = move.id
        name = move.name
        phase = move.phase.rawValue
        areas = move.areas.map(\.rawValue)
        equipment = move.equipmentAlternatives.map { $0.map(\.rawValue) }
        positions = move.positions.map(\.rawValue)
        props = move.props.map(\.rawValue)
        dose = move.dose
        steps = move.steps
        ways = move.ways.map(WayDocument.init)
        figure = move.figure.map(FigureDocument.init)
    }
}
