import BackPlanCore

/// A week's moves-by-days table of tick boxes, built by trusted code as HTML.
///
/// libcmark 0.30 has no tables, so the grid is rendered here and placed into the
/// converted page as a custom block; every piece of text in it is HTML-escaped.
package enum WeekGrid {
    /// The HTML block in the Markdown that the grid of week `number` replaces.
    package static func marker(week number: Int) -> String { "<!-- backplan:week-grid \(number) -->" }

    package static func html(_ week: Week) -> String {
        var moves: [(id: String, name: String)] = []
        for item in week.sessions.flatMap(\.items) where !moves.contains(where: { $0.id == item.id }) {
            moves.append((item.id, item.name))
        }
        // Rows in session order: warm-up moves first, cool-down last.
        let items = week.sessions.flatMap(\.items)
        let phaseOf = Dictionary(items.map { ($0.id, $0.phase) }, uniquingKeysWith: { first, _ in first })
        let firstSeen = Dictionary(moves.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        moves.sort { (phaseOf[$0.id]!, firstSeen[$0.id]!) < (phaseOf[$1.id]!, firstSeen[$1.id]!) }
        var html = "<table class=\"week-grid\">\n<caption>Week \(week.number) at a glance: tick each move when it is done</caption>\n"
        html += "<thead><tr><th scope=\"col\">Move</th>"
        for session in week.sessions {
            html += "<th scope=\"col\">\(session.weekday.shortTitle) \(session.date.day)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        html += row("Cardio warm-up", cells: week.sessions.map { _ in "☐" })
        for move in moves {
            html += row(move.name, cells: week.sessions.map { session in session.items.contains { $0.id == move.id } ? "☐" : "" })
        }
        html += row("Pain after (0-10)", cells: week.sessions.map { _ in "<span class=\"score\"></span>" }, className: "pain")
        html += "</tbody>\n</table>\n"
        return html
    }

    private static func row(_ title: String, cells: [String], className: String? = nil) -> String {
        let attribute = className.map { " class=\"\($0)\"" } ?? ""
        return "<tr\(attribute)><th scope=\"row\">\(HTML.escape(title))</th>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
    }
}
