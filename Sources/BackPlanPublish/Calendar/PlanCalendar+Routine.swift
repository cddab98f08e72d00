import BackPlanCore
import BackPlanRender

extension PlanCalendar {
    /// A training day's routine in plain text, for the event's description.
    ///
    /// Calendars show descriptions as plain text, so this is not the Markdown
    /// of `plan.md`: no tick boxes or emphasis, one move per line.
    func routine(_ session: Session, week: Int) -> String {
        let minutes = Planner.minutesText(session.estimatedMinutes)
        let kind = session.kind == .mobility ? "mobility day, " : ""
        var lines = ["Week \(week) of \(plan.weeks.count), \(session.weekday.title) \(session.date.longText): \(kind)about \(minutes) of \(session.budgetSeconds / 60) minutes."]
        lines += session.remarks.map(\.text)
        for block in session.blocks {
            lines.append("")
            lines.append(catalog.title(of: block.phase))
            if block.phase == .warmUp {
                lines.append("- \(session.cardioMinutes) minutes of light cardio: \(catalog.session.cardioExamplesText)")
            }
            for item in block.items {
                let equipment = item.equipment.isEmpty ? "" : " (with \(item.equipment.map(\.title).joined(separator: " and ")))"
                lines.append("- \(item.name): \(item.dose.text)\(equipment)")
            }
        }
        lines.append("")
        lines.append(catalog.stopAdvice)
        return lines.joined(separator: "\n")
    }
}
