import BackPlanCore

/// The catalog as terminal text: a table of moves and one move's details.
public enum CatalogText {
    /// Aligned columns: id, name, phase, good for, equipment.
    public static func table(_ moves: [Exercise]) -> String {
        let header = ["ID", "NAME", "PHASE", "GOOD FOR", "EQUIPMENT"]
        let rows = moves.map { move in
            [move.id, move.name, move.phase.rawValue, move.areas.map(\.rawValue).joined(separator: ", "), ways(move)]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }
        return ([header] + rows).map(line).joined() + Plural.count(moves.count, "move") + "\n"
    }

    /// "resistance band or dumbbells", "body weight".
    static func ways(_ move: Exercise) -> String {
        move.ways.map { way in way.isBodyWeight ? "body weight" : way.equipment.map(\.title).joined(separator: " + ") }
            .joined(separator: " or ")
    }

    /// Everything about one move, for `catalog show`.
    public static func details(_ move: Exercise, catalog: Catalog) -> String {
        var text = "\(move.name) (\(move.id))\n"
        let phaseTitle = catalog.phases[move.phase]?.title ?? move.phase.rawValue
        text += "Phase:     \(move.phase.rawValue): \(phaseTitle)\n"
        text += "Good for:  \(move.areas.map(\.title).joined(separator: ", "))\n"
        text += "Equipment: \(move.ways.map { way in (way.isBodyWeight ? "body weight" : way.equipment.map(\.title).joined(separator: " + ")) + " (\(way.positions.map(\.rawValue).joined(separator: " or ")))" }.joined(separator: "; or "))\n"
        if !move.props.isEmpty { text += "Also needs: \(move.props.map(\.title).joined(separator: ", "))\n" }
        text += "Position:  \(move.positions.map(\.rawValue).joined(separator: " or "))\n"
        text += "Dose:      \(doseText(move.dose))\n"
        text += "Steps:\n"
        for (index, step) in move.steps.enumerated() { text += "  \(index + 1). \(step)\n" }
        return text
    }

    /// "2-3 sets of 8-12 reps", "hold 10-15 s, each side".
    public static func doseText(_ dose: DoseRanges) -> String { dose.text }
}
