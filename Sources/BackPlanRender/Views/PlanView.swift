import BackPlanCore

/// The template context of a plan: a documented, stable set of fields (see README).
///
/// Values are plain text; the Markdown templates escape them on output.
package enum PlanView {
    package static func context(plan: Plan, catalog: Catalog, look: PlanLook) -> [String: Any] {
        let person = plan.person
        let cardio = catalog.session.cardioMinutes
        let planID = look.planID
        var context: [String: Any] = [
            "name": person.name,
            "title": "Back plan for \(person.name)",
            "planID": planID,
            "seed": String(plan.seed),
            "paper": look.paper.cssSize,
            "start": plan.start.longText,
            "end": plan.end.longText,
            "startISO": plan.start.iso,
            "endISO": plan.end.iso,
            "weekCount": person.weeks,
            "days": plan.trainingDays.map(\.title).joined(separator: ", "),
            "minutes": person.minutes,
            "areas": list(person.areas.map(\.title)),
            "equipment": person.equipment.isEmpty ? "none (body weight only)" : list(person.equipment.map(\.title)),
            "floor": person.floor ? "yes" : "no (no lying or kneeling moves)",
            "level": person.level.rawValue,
            "pain": person.pain.rawValue,
            "hasExercises": !plan.weeks.isEmpty,
            "noExercise": plan.gating == .noExercise,
            "gentle": plan.gating == .gentle,
            "notes": plan.notes.map { ["text": $0] },
            "hasNotes": !plan.notes.isEmpty,
            "advice": plan.advice.map { ["text": $0] },
            "rules": catalog.session.rules.map { ["text": $0] },
            "cardioRange": cardio.text,
            "cardioExamples": catalog.session.cardioExamplesText,
            "timeModel": [
                "secondsPerRep": TimeModel.standard.secondsPerRep,
                "restBetweenSets": TimeModel.standard.restBetweenSets,
                "restBetweenRounds": TimeModel.standard.restBetweenRounds,
                "transition": TimeModel.standard.transition,
            ] as [String: Any],
            "weeks": plan.weeks.map { week(for: $0, plan: plan, catalog: catalog) },
            // Running header and footer of printed pages, as CSS strings.
            "cssHeader": HTML.cssString("Back plan for \(person.name)"),
            "cssDates": HTML.cssString("\(plan.start.longText) to \(plan.end.longText)"),
            "cssFooter": HTML.cssString(["Plan \(planID)", look.brand.map { [$0.name, $0.phone].compactMap { $0 }.joined(separator: " · ") }].compactMap { $0 }.joined(separator: " · ")),
        ]
        if let brand = look.brand {
            context["brand"] = [
                "name": brand.name,
                "contact": brand.contact,
                "hasContact": !brand.contact.isEmpty,
                "logoURI": brand.logo?.dataURI ?? "",
                "hasLogo": brand.logo != nil,
            ] as [String: Any]
        }
        return context
    }

    private static func week(for week: Week, plan: Plan, catalog: Catalog) -> [String: Any] {
        let first = plan.start.adding(days: (week.number - 1) * 7)
        return [
            "number": week.number,
            "from": first.longText,
            "to": first.adding(days: 6).longText,
            "gridMarker": WeekGrid.marker(week: week.number),
            "sessions": week.sessions.map { session(for: $0, catalog: catalog) },
        ]
    }

    private static func session(for session: Session, catalog: Catalog) -> [String: Any] {
        [
            "day": "\(session.weekday.title) \(session.date.day) \(session.date.monthName)",
            "date": session.date.iso,
            "weekday": session.weekday.rawValue,
            "estimatedMinutes": Planner.minutesText(session.estimatedMinutes),
            "budgetMinutes": session.budgetSeconds / 60,
            "shorter": session.isShorterThanAsked,
            "uncovered": session.uncoveredAreas.isEmpty ? "" : list(session.uncoveredAreas.map(\.title)),
            "hasUncovered": !session.uncoveredAreas.isEmpty,
            "cardioMinutes": session.cardioMinutes,
            "cardioExamples": catalog.session.cardioExamplesText,
            "blocks": session.blocks.map { block -> [String: Any] in
                [
                    "phase": block.phase.rawValue,
                    "title": catalog.title(of: block.phase),
                    "isWarmUp": block.phase == .warmUp,
                    "items": block.items.map(item),
                ]
            },
        ]
    }

    private static func item(_ item: PlanItem) -> [String: Any] {
        [
            "id": item.id,
            "name": item.name,
            "dose": item.dose.text,
            "equipment": item.equipment.isEmpty ? "" : list(item.equipment.map(\.title)),
            "hasEquipment": !item.equipment.isEmpty,
            "position": item.positions.map(\.rawValue).joined(separator: " or "),
            "seconds": item.estimatedSeconds,
        ]
    }

    /// "neck, upper back and shoulders".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
