import BackPlanCore

/// A week's moves-by-days table, built by trusted code as HTML: which move is done on which day.
///
/// The days' lists below it hold the tick boxes, so a person ticks each move in one place.
///
/// libcmark 0.30 has no tables, so the grid is rendered here and placed into the
/// converted page as a custom block; every piece of text in it is HTML-escaped.
/// Every plan has one per week, so it is built in one reserved byte array, with no
/// dictionary, closure or string per cell.
package enum WeekGrid {
    /// The HTML block in the Markdown that the grid of week `number` replaces.
    package static func marker(week number: Int) -> String { "<!-- backplan:week-grid \(number) -->" }

    /// One row of the grid: a move as it first appears (its name and phase), and the sessions that do it, one bit each.
    private struct Move {
        var id: String
        var equipment: [Equipment]
        var name: String
        var phase: Phase
        var sessions: UInt64
    }

    /// The grid as text (the site's example plan and tests).
    package static func html(_ week: Week, cards: PlanCard.Numbers = .none) -> String { String(decoding: htmlUTF8(week, cards: cards), as: UTF8.self) }

    /// The grid as UTF-8, as libcmark takes it: built from valid text, so it is never decoded to be checked.
    ///
    /// - Parameter cards: the number of each move's card in "Your moves", shown before its name.
    package static func htmlUTF8(_ week: Week, cards: PlanCard.Numbers = .none) -> [UInt8] {
        precondition(week.sessions.count <= 64, "the grid keeps one bit per session, so at most 64 (a week has seven days)")
        let moves = self.moves(of: week)
        var html: [UInt8] = []
        // A little more than the table takes: its frame, a heading and a pain cell per session, a row per move.
        let sessions = week.sessions.count
        var names = 0
        for move in moves { names += move.name.utf8.count }
        html.reserveCapacity(256 + 64 * sessions + (moves.count + 2) * (40 + 12 * sessions) + names)
        html.append(utf8Of: "<table class=\"week-grid\">\n<caption>Week ")
        html.append(utf8Of: String(week.number))
        html.append(utf8Of: " at a glance: the moves of each day</caption>\n<thead><tr><th scope=\"col\">Move</th>")
        for session in week.sessions {
            html.append(utf8Of: "<th scope=\"col\">")
            html.append(utf8Of: session.weekday.shortTitle)
            html.append(0x20)
            html.append(utf8Of: String(session.date.day))
            html.append(utf8Of: "</th>")
        }
        html.append(utf8Of: "</tr></thead>\n<tbody>\n")
        startRow("Cardio warm-up", in: &html)
        for _ in week.sessions { html.append(utf8Of: planned) }
        html.append(utf8Of: "</tr>\n")
        for move in moves {
            startRow(move.name, card: cards.number(id: move.id, equipment: move.equipment), in: &html)
            for index in week.sessions.indices {
                html.append(utf8Of: move.sessions & (1 << UInt64(index)) != 0 ? planned : notPlanned)
            }
            html.append(utf8Of: "</tr>\n")
        }
        html.append(utf8Of: "</tbody>\n</table>\n")
        return html
    }

    /// A move's cell in a session that does it, and in one that does not.
    private static let planned: StaticString = "<td>●<span class=\"visually-hidden\"> yes</span></td>"
    private static let notPlanned: StaticString = "<td><span class=\"visually-hidden\">no</span></td>"

    /// The week's moves in session order: by phase (warm-up moves first, cool-down last), then by first appearance.
    ///
    /// A move's phase is the one it first appears in.
    private static func moves(of week: Week) -> [Move] {
        var moves: [Move] = []
        for index in week.sessions.indices {
            let bit: UInt64 = 1 << UInt64(index)
            for block in week.sessions[index].blocks {
                // By index: `for item in items` copied each item, retaining every string and list in it.
                let items = block.items
                for item in items.indices {
                    // The id (a small string) and equipment compared in place; the key is made once per move.
                    let (id, equipment) = (items[item].id, items[item].equipment)
                    if let known = moves.firstIndex(where: { $0.id == id && $0.equipment == equipment }) {
                        moves[known].sessions |= bit
                    } else {
                        moves.append(Move(id: id, equipment: equipment, name: items[item].name, phase: items[item].phase, sessions: bit))
                    }
                }
            }
        }
        var ordered: [Move] = []
        ordered.reserveCapacity(moves.count)
        for phase in Phase.allCases {
            for move in moves where move.phase == phase { ordered.append(move) }
        }
        return ordered
    }

    /// `<tr><th scope="row">title</th>`: a row up to its cells; with a card, "9. " before the title.
    private static func startRow(_ title: String, card: Int? = nil, in html: inout [UInt8]) {
        html.append(utf8Of: "<tr><th scope=\"row\">")
        if let card {
            html.append(utf8Of: String(card))
            html.append(utf8Of: ". ")
        }
        html.append(utf8Of: HTML.escape(title))
        html.append(utf8Of: "</th>")
    }
}
