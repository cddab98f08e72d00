import BackPlanCore

extension PlanCalendar {
    /// A training day's routine in plain text, for the event's description.
    ///
    /// Calendars show descriptions as plain text, so this is not the Markdown
    /// of `plan.md`: no tick boxes or emphasis, one move per line.
    func routine(_ session: Session, week: Int) -> String {
        let minutes = Planner.minutesText(session.estimatedMinutes)
        var lines = ["Week \(week) of \(plan.weeks.count), \(session.weekday.title) \(session.date.longText): about \(minutes) of \(session.budgetSeconds / 60) minutes."]
        for block in session.blocks {
            lines.append("")
            lines.append(catalog.phases[block.phase]?.title ?? Self.phaseTitle(block.phase))
            if block.phase == .warmUp {
                lines.append("- \(session.cardioMinutes) minutes of light cardio: \(cardioExamples)")
            }
            for item in block.items {
                let equipment = item.equipment.isEmpty ? "" : " (with \(item.equipment.map(\.title).joined(separator: " and ")))"
                lines.append("- \(item.name): \(item.dose.text)\(equipment)")
            }
        }
        if let stop = plan.advice.first(where: { $0.hasPrefix("Stop") }) ?? plan.advice.first {
            lines.append("")
            lines.append(stop)
        }
        return lines.joined(separator: "\n")
    }

    private var cardioExamples: String {
        let examples = catalog.session.cardioExamples
        guard examples.count > 1 else { return examples.first ?? "walking" }
        return examples.dropLast().joined(separator: ", ") + " or " + examples.last!
    }

    private static func phaseTitle(_ phase: Phase) -> String {
        switch phase {
        case .warmUp: "Warm-up"
        case .strength: "Strengthening"
        case .coolDown: "Cool-down"
        }
    }
}
