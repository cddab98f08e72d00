import BackPlanCore

extension Plan {
    /// `plan.json` in the `backplan.plan/1` schema of SPEC, keys sorted, ending in a newline.
    public func json(planID: String) -> String {
        JSONText.encode(PlanJSON(plan: self, planID: planID))
    }
}

/// `plan.json`: the plan, its notes and reasons worded by `PlanWording`.
struct PlanJSON: Encodable {
    struct Person: Encodable {
        let name: String
        let areas, equipment: [String]
        let floor: Bool
        let level, pain: String
        let minutes: Int
        let recent_injury: Bool
        let days: [String]
        let weeks: Int
        let exclude, include: [String]
        let note: String?
    }


    struct WeekDocument: Encodable {
        let week: Int
        let sessions: [SessionDocument]
    }

    struct SessionDocument: Encodable {
        let date: CivilDate
        let weekday: String
        let kind: String
        let remarks: [String]
        let estimated_minutes: Double
        let budget_minutes: Int
        let uncovered_areas: [String]
        let blocks: [BlockDocument]
    }

    struct BlockDocument: Encodable {
        let phase: String
        let cardio_minutes: Int?
        let items: [ItemDocument]
    }

    struct ItemDocument: Encodable {
        let id, name: String
        let equipment: [String]
        let positions: [String]
        let dose: Dose
        let estimated_seconds: Int

        enum CodingKeys: String, CodingKey { case id, name, equipment, positions, estimated_seconds }

        func encode(to encoder: any Encoder) throws {
            // The dose fields sit directly on the item, as SPEC's schema shows.
            try dose.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(equipment, forKey: .equipment)
            try container.encode(positions, forKey: .positions)
            try container.encode(estimated_seconds, forKey: .estimated_seconds)
        }
    }

    let schema = "backplan.plan/1"
    let plan_id: String
    let person: Person
    /// Who prescribed the plan and when they review it; absent when not given.
    let clinician: String?
    let review: CivilDate?
    let start: CivilDate
    let end: CivilDate
    let seed: String
    let gating: String
    let advice: [String]
    let notes: [String]
    let weeks: [WeekDocument]
    /// The rule that made this block from the last one's log, and why; absent for a first block.
    let after: AfterDocument?

    struct AfterDocument: Encodable {
        let rule: String
        let reasons: [String]
    }

    init(plan: Plan, planID: String) {
        plan_id = planID
        person = Person(
            name: plan.person.name, areas: plan.person.areas.map(\.rawValue),
            equipment: plan.person.equipment.map(\.rawValue), floor: plan.person.floor,
            level: plan.person.level.rawValue, pain: plan.person.pain.rawValue, minutes: plan.person.minutes,
            recent_injury: plan.person.recentInjury, days: plan.trainingDays.map(\.rawValue), weeks: plan.person.weeks,
            exclude: plan.person.exclude, include: plan.person.include, note: plan.person.note)
        clinician = plan.person.clinician
        review = plan.person.review
        start = plan.start
        end = plan.end
        seed = String(plan.seed)
        gating = plan.gating == .noExercise ? "no-exercise" : plan.gating.rawValue
        advice = plan.advice.map(\.text)
        notes = plan.notes.map(\.text)
        after = plan.after.map { AfterDocument(rule: $0.rule, reasons: $0.reasons.map(\.text)) }
        weeks = plan.weeks.map { week in
            WeekDocument(week: week.number, sessions: week.sessions.map { session in
                SessionDocument(
                    date: session.date, weekday: session.weekday.rawValue, kind: session.kind.rawValue, remarks: session.remarks.map(\.text),
                    estimated_minutes: session.estimatedMinutes, budget_minutes: session.budgetSeconds / 60,
                    uncovered_areas: session.uncoveredAreas.map(\.rawValue),
                    blocks: session.blocks.map { block in
                        BlockDocument(
                            phase: block.phase.rawValue,
                            cardio_minutes: block.phase == .warmUp ? session.cardioMinutes : nil,
                            items: block.items.map { item in
                                ItemDocument(
                                    id: item.id, name: item.name, equipment: item.equipment.map(\.rawValue),
                                    positions: item.positions.map(\.rawValue), dose: item.dose,
                                    estimated_seconds: item.estimatedSeconds)
                            })
                    })
            })
        }
    }
}
