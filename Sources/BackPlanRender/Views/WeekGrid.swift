import BackPlanCore

/// A week's moves-by-days table of tick boxes, built by trusted code as HTML.
///
/// libcmark 0.30 has no tables, so the grid is rendered here and placed into the
/// converted page as a custom block; every piece of text in it is HTML-escaped.
package enum WeekGrid {
    /// The HTML block in the Markdown that the grid of week `number` replaces.
    package static func marker(week number: Int) -> String { "<!-- backplan:week-grid \(number) -->" }

    package static func html(_ week: Week) -> String {
        let sessions = week.sessions
        // One row per move, in session order with warm-up moves first and cool-down last;
        // `days[s]` says whether session s has the move.
        var rows: [(id: String, name: String, phase: Phase, firstSeen: Int, days: [Bool])] = []
        for (sessionIndex, session) in sessions.enumerated() {
            for block in session.blocks {
                for item in block.items {
                    if let row = rows.firstIndex(where: { $0.id == item.id }) {
                        rows[row].days[sessionIndex] = true
                    } else {
                        var days = [Bool](repeating: false, count: sessions.count)
                        days[sessionIndex] = true
                        rows.append((item.id, item.name, item.phase, rows.count, days))
                    }
                }
            }
        }
        rows.sort { ($0.phase, $0.firstSeen) < ($1.phase, $1.firstSeen) }

        var html = "<table class=\"week-grid\">\n<caption>Week "
        html.reserveCapacity(512 + rows.count * (64 + sessions.count * 16))
        html += String(week.number)
        html += " at a glance: tick each move when it is done</caption>\n<thead><tr><th scope=\"col\">Move</th>"
        for session in sessions {
            html += "<th scope=\"col\">"
            html += session.weekday.shortTitle
            html += " "
            html += String(session.date.day)
            html += "</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        appendRow(to: &html, title: "Cardio warm-up", rowClass: nil) { _ in "☐" }
        for row in rows {
            appendRow(to: &html, title: row.name, rowClass: nil) { row.days[$0] ? "☐" : "" }
        }
        appendRow(to: &html, title: "Pain after (0-10)", rowClass: "pain") { _ in "<span class=\"score\"></span>" }
        html += "</tbody>\n</table>\n"
        return html

        func appendRow(to html: inout String, title: String, rowClass: String?, cell: (Int) -> String) {
            html += rowClass.map { "<tr class=\"\($0)\">" } ?? "<tr>"
            html += "<th scope=\"row\">"
            html += HTML.escape(title)
            html += "</th>"
            for index in sessions.indices {
                html += "<td>"
                html += cell(index)
                html += "</td>"
            }
            html += "</tr>\n"
        }
    }
}
