import BackPlanCore
@testable import BackPlanRender
import Testing

/// The week grid is built in one pass; it must stay the table the first, plainer version built.
@Suite("Week grid")
struct WeekGridTests {
    /// The grid as first written, with dictionaries and a sort: the reference for every byte.
    static func reference(_ week: Week) -> String {
        var moves: [(id: String, name: String)] = []
        for item in week.sessions.flatMap(\.items) where !moves.contains(where: { $0.id == item.id }) {
            moves.append((item.id, item.name))
        }
        let items = week.sessions.flatMap(\.items)
        let phaseOf = Dictionary(items.map { ($0.id, $0.phase) }, uniquingKeysWith: { first, _ in first })
        let firstSeen = Dictionary(moves.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        moves.sort { (phaseOf[$0.id]!, firstSeen[$0.id]!) < (phaseOf[$1.id]!, firstSeen[$1.id]!) }
        func row(_ title: String, cells: [String], className: String? = nil) -> String {
            let attribute = className.map { " class=\"\($0)\"" } ?? ""
            return "<tr\(attribute)><th scope=\"row\">\(HTML.escape(title))</th>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
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

    /// Plans of people who differ in days, areas, equipment and level.
    static func weeks() -> [Week] {
        let planner = Planner(catalog: .builtIn)
        let start = CivilDate(iso: "2026-11-30")!
        var weeks: [Week] = []
        for (index, areas) in [[Area.neck], [.lowerBack, .chest], Area.allCases].enumerated() {
            for days in [Preferences.Days.perWeek(1), .perWeek(7), .named([.tue, .sat])] {
                var person = Preferences()
                person.areas = areas
                person.days = days
                person.weeks = 3
                person.equipment = index == 1 ? [] : Equipment.allCases
                person.level = index == 2 ? .intermediate : .beginner
                weeks += planner.plan(for: person, start: start, seed: UInt64(index * 10 + weeks.count)).weeks
            }
        }
        return weeks
    }

    @Test("every week of varied plans gives the reference's bytes")
    func matchesReference() {
        for week in Self.weeks() {
            #expect(WeekGrid.html(week) == Self.reference(week), "week \(week.number)")
        }
    }

    @Test("names are escaped, and a move is placed by the phase it first appears in")
    func escapingAndPhases() throws {
        var week = try #require(Self.weeks().first { $0.sessions.count > 1 && $0.sessions[0].blocks.count == 3 })
        week.sessions[0].blocks[0].items[0].name = "Tuck & <hold> \"5\" 'slow'"
        let warmUp = week.sessions[0].blocks[0].items[0].id
        week.sessions[1].blocks[2].items[0].id = warmUp
        let html = WeekGrid.html(week)
        #expect(html == Self.reference(week))
        #expect(html.contains("<th scope=\"row\">Tuck &amp; &lt;hold&gt; &quot;5&quot; &#39;slow&#39;</th>"))
    }

    @Test("escaping changes only the five HTML characters, and only where they stand alone", arguments: [
        ("Chin tuck", "Chin tuck"), ("Zoë's <row> & \"pull\"", "Zoë&#39;s &lt;row&gt; &amp; &quot;pull&quot;"),
        ("&\u{301} stays", "&\u{301} stays"), ("", ""),
    ])
    func escape(text: String, expected: String) {
        #expect(HTML.escape(text) == expected)
    }
}
