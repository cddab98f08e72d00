import BackPlanCore

/// One move of a plan as the handout's "Your moves" shows it once: how to do it with this person's equipment, and its dose week by week.
///
/// A move done two ways in one plan (a row with a band one week, with
/// dumbbells another) gets a card for each way, since the steps differ.
package struct PlanCard: Equatable, Sendable {
    /// The card's number in the plan, from 1; a day's list refers to it.
    package var number: Int
    package var move: Exercise
    /// The way of the move this card shows.
    package var way: Way
    /// What the way used needs from the person's equipment (empty: body weight).
    package var equipment: [Equipment]
    package var positions: [Position]
    /// The steps of the way used, in order.
    package var steps: [String]
    /// The dose of each week in which the move is done, weeks with the same dose merged ("Weeks 1-2").
    package var doses: [(period: String, dose: String)]

    /// The key of a card: the move and the equipment of its way.
    package var key: String { Self.key(id: move.id, equipment: equipment) }

    package static func key(id: String, equipment: [Equipment]) -> String {
        equipment.isEmpty ? id : id + "/" + equipment.map(\.rawValue).joined(separator: "+")
    }

    /// The number of each card of a plan, found by a move's id and equipment.
    ///
    /// The day lists, the week grids and the checklist ask for the card of every
    /// move of every session; a plan has a few dozen cards, so comparing them in
    /// order costs less than making a key for each question and hashing it.
    package struct Numbers: Sendable {
        private let cards: [(id: String, equipment: [Equipment], number: Int)]

        package init(_ cards: [PlanCard]) {
            self.cards = cards.map { ($0.move.id, $0.equipment, $0.number) }
        }

        /// How many cards there are; their numbers run from 1 to `count`.
        package var count: Int { cards.count }

        /// No cards: moves are shown without a number.
        package static let none = Numbers([])

        /// The number of the card of move `id` done with `equipment`; nil if the plan has none.
        package func number(id: String, equipment: [Equipment]) -> Int? {
            // Comparing lengths first skips the full comparison for most ids that differ.
            let length = id.utf8.count
            for index in cards.indices
            where cards[index].id.utf8.count == length && cards[index].id == id && cards[index].equipment == equipment {
                return cards[index].number
            }
            return nil
        }
    }

    package static func == (a: PlanCard, b: PlanCard) -> Bool {
        a.number == b.number && a.move == b.move && a.equipment == b.equipment && a.positions == b.positions && a.steps == b.steps
            && a.doses.map(\.period) == b.doses.map(\.period) && a.doses.map(\.dose) == b.doses.map(\.dose)
    }

    /// The cards of `plan`: warm-up moves first, then strengthening, then cool-down, each in order of first appearance.
    package static func cards(of plan: Plan, catalog: Catalog) -> [PlanCard] {
        cards(of: plan, catalog: catalog, doseTexts: DoseTexts())
    }

    /// `cards(of:catalog:)` with the doses' texts taken from, and added to, `doseTexts`.
    static func cards(of plan: Plan, catalog: Catalog, doseTexts: DoseTexts) -> [PlanCard] {
        struct Seen {
            var item: PlanItem
            var doseByWeek: [(week: Int, doses: [Dose])]
        }
        var order: [Seen] = []
        for week in plan.weeks {
            for session in week.sessions {
                for block in session.blocks {
                    // By index: `for item in items` copied each item, retaining every string and list in it.
                    let items = block.items
                    for item in items.indices {
                        // A plan has a few dozen cards: comparing the id (a small string) and equipment in order
                        // costs less than making each item's key and hashing it.
                        let dose = items[item].dose
                        if let index = order.firstIndex(where: { $0.item.id == items[item].id && $0.item.equipment == items[item].equipment }) {
                            let last = order[index].doseByWeek.count - 1
                            if order[index].doseByWeek[last].week == week.number {
                                if !order[index].doseByWeek[last].doses.contains(dose) { order[index].doseByWeek[last].doses.append(dose) }
                            } else {
                                order[index].doseByWeek.append((week.number, [dose]))
                            }
                        } else {
                            order.append(Seen(item: items[item], doseByWeek: [(week.number, [dose])]))
                        }
                    }
                }
            }
        }
        var cards: [PlanCard] = []
        for phase in Phase.allCases {
            for entry in order where entry.item.phase == phase {
                guard let move = catalog.move(id: entry.item.id) else { continue }
                let way = move.ways.first { $0.equipment == entry.item.equipment } ?? move.ways[0]
                cards.append(PlanCard(
                    number: cards.count + 1, move: move, way: way, equipment: entry.item.equipment, positions: entry.item.positions,
                    steps: move.steps(for: way), doses: merged(entry.doseByWeek, doseTexts: doseTexts)))
            }
        }
        return cards
    }

    /// Runs of consecutive weeks with the same doses, as "Week 3" or "Weeks 1-2".
    private static func merged(_ weeks: [(week: Int, doses: [Dose])], doseTexts: DoseTexts) -> [(period: String, dose: String)] {
        var runs: [(first: Int, last: Int, doses: [Dose])] = []
        for (week, doses) in weeks {
            if let last = runs.last, last.last == week - 1, last.doses == doses {
                runs[runs.count - 1].last = week
            } else {
                runs.append((week, week, doses))
            }
        }
        return runs.map { run in
            (run.first == run.last ? "Week \(run.first)" : "Weeks \(run.first)-\(run.last)", run.doses.map(doseTexts.text).joined(separator: " or "))
        }
    }
}
