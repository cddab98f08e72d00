import BackPlanCore
@testable import BackPlanRender
import Testing

/// The week grid is built in one pass; it must stay the table the first, plainer version built.
@Suite("Week grid")
struct WeekGridTests {
    /// The grid as first written, with dictionaries and a sort: the reference for every byte.
    static func reference(_ week: Week, cards: [String: Int] = [:]) -> String {
        // A move done two ways is two rows, as it is two cards: keyed by move and equipment.
        func key(_ item: PlanItem) -> String { PlanCard.key(id: item.id, equipment: item.equipment) }
        var moves: [(id: String, name: String)] = []
        for item in week.sessions.flatMap(\.items) where !moves.contains(where: { $0.id == key(item) }) {
            moves.append((key(item), item.name))
        }
        let items = week.sessions.flatMap(\.items)
        let phaseOf = Dictionary(items.map { (key($0), $0.phase) }, uniquingKeysWith: { first, _ in first })
        let firstSeen = Dictionary(moves.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        moves.sort { (phaseOf[$0.id]!, firstSeen[$0.id]!) < (phaseOf[$1.id]!, firstSeen[$1.id]!) }
        func row(_ title: String, cells: [String], className: String? = nil) -> String {
            let attribute = className.map { " class=\"\($0)\"" } ?? ""
            return "<tr\(attribute)><th scope=\"row\">\(HTML.escape(title))</th>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        var html = "<table class=\"week-grid\">\n<caption>Week \(week.number) at a glance: the moves of each day</caption>\n"
        html += "<thead><tr><th scope=\"col\">Move</th>"
        for session in week.sessions {
            html += "<th scope=\"col\">\(session.weekday.shortTitle) \(session.date.day)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        let yes = "●<span class=\"visually-hidden\"> yes</span>", no = "<span class=\"visually-hidden\">no</span>"
        html += row("Cardio warm-up", cells: week.sessions.map { _ in yes })
        for move in moves {
            let title = cards[move.id].map { "\($0). \(move.name)" } ?? move.name
            html += row(title, cells: week.sessions.map { session in session.items.contains { key($0) == move.id } ? yes : no })
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    /// Plans of people who differ in days, areas, equipment and level.
    static func weeks() -> [Week] { plans().flatMap(\.weeks) }

    static func plans() -> [Plan] {
        let planner = Planner(catalog: .builtIn)
        let start = CivilDate(iso: "2026-11-30")!
        var plans: [Plan] = []
        for (index, areas) in [[Area.neck], [.lowerBack, .chest], Area.allCases].enumerated() {
            for days in [Preferences.Days.perWeek(1), .perWeek(7), .named([.tue, .sat])] {
                var person = Preferences()
                person.areas = areas
                person.days = days
                person.weeks = 3
                person.equipment = index == 1 ? [] : Equipment.allCases
                person.level = index == 2 ? .intermediate : .beginner
                plans.append(planner.plan(for: person, start: start, seed: UInt64(index * 10 + plans.count * 3)))
            }
        }
        return plans
    }

    @Test("every week of varied plans gives the reference's bytes, with and without card numbers")
    func matchesReference() {
        for plan in Self.plans() {
            let planCards = PlanCard.cards(of: plan, catalog: .builtIn)
            let cards = Dictionary(uniqueKeysWithValues: planCards.map { ($0.key, $0.number) })
            #expect(!cards.isEmpty)
            for week in plan.weeks {
                #expect(WeekGrid.html(week) == Self.reference(week), "week \(week.number)")
                #expect(WeekGrid.html(week, cards: PlanCard.Numbers(planCards)) == Self.reference(week, cards: cards), "week \(week.number)")
            }
        }
    }

    @Test("names are escaped, and a move is placed by the phase it first appears in")
    func escapingAndPhases() throws {
        var week = try #require(Self.weeks().first { $0.sessions.count > 1 && $0.sessions[0].blocks.count == 3 && $0.sessions[1].blocks.count == 3 })
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
