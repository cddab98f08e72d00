import BackPlanCore

/// The template context of a plan: a documented, stable set of fields (see README).
///
/// Values are plain text; the Markdown templates escape them on output.
package enum PlanView {
    package static func context(plan: Plan, catalog: Catalog, look: PlanLook) -> TemplateFields {
        let person = plan.person
        let cardio = catalog.session.cardioMinutes
        let planID = look.planID
        // A move's dose repeats across a week's sessions: its text is made once.
        var doses: [Dose: String] = [:]
        let cardioExamples = TemplateValue.text(catalog.session.cardioExamplesText)
        var context: TemplateFields = [
            "name": .text(person.name),
            "title": .text("Back plan for \(person.name)"),
            "planID": .text(planID),
            "seed": .text(String(plan.seed)),
            "paper": .text(look.paper.cssSize),
            "start": .text(plan.start.longText),
            "end": .text(plan.end.longText),
            "startISO": .text(plan.start.iso),
            "endISO": .text(plan.end.iso),
            "weekCount": .number(person.weeks),
            "days": .text(plan.trainingDays.map(\.title).joined(separator: ", ")),
            "minutes": .number(person.minutes),
            "areas": .text(list(person.areas.map(\.title))),
            "equipment": .text(person.equipment.isEmpty ? "none (body weight only)" : list(person.equipment.map(\.title))),
            "floor": .text(person.floor ? "yes" : "no (no lying or kneeling moves)"),
            "level": .text(person.level.rawValue),
            "pain": .text(person.pain.rawValue),
            "hasExercises": .flag(!plan.weeks.isEmpty),
            "noExercise": .flag(plan.gating == .noExercise),
            "gentle": .flag(plan.gating == .gentle),
            "notes": texts(plan.notes),
            "hasNotes": .flag(!plan.notes.isEmpty),
            "advice": texts(plan.advice),
            "rules": texts(catalog.session.rules),
            "cardioRange": .text(cardio.text),
            "cardioExamples": cardioExamples,
            "timeModel": [
                "secondsPerRep": .number(TimeModel.standard.secondsPerRep),
                "restBetweenSets": .number(TimeModel.standard.restBetweenSets),
                "restBetweenRounds": .number(TimeModel.standard.restBetweenRounds),
                "transition": .number(TimeModel.standard.transition),
            ],
            "weeks": .list(plan.weeks.map { week(for: $0, plan: plan, catalog: catalog, cardioExamples: cardioExamples, doses: &doses) }),
            // Running header and footer of printed pages, as CSS strings.
            "cssHeader": .text(HTML.cssString("Back plan for \(person.name)")),
            "cssDates": .text(HTML.cssString("\(plan.start.longText) to \(plan.end.longText)")),
            "cssFooter": .text(HTML.cssString(["Plan \(planID)", look.brand.map { [$0.name, $0.phone].compactMap { $0 }.joined(separator: " · ") }].compactMap { $0 }.joined(separator: " · "))),
        ]
        if let brand = look.brand {
            context["brand"] = [
                "name": .text(brand.name),
                "contact": .text(brand.contact),
                "hasContact": .flag(!brand.contact.isEmpty),
                "logoURI": .text(brand.logo?.dataURI ?? ""),
                "hasLogo": .flag(brand.logo != nil),
            ]
        }
        return context
    }

    private static func week(for week: Week, plan: Plan, catalog: Catalog, cardioExamples: TemplateValue, doses: inout [Dose: String]) -> TemplateValue {
        let first = plan.start.adding(days: (week.number - 1) * 7)
        return [
            "number": .number(week.number),
            "from": .text(first.longText),
            "to": .text(first.adding(days: 6).longText),
            "gridMarker": .text(WeekGrid.marker(week: week.number)),
            "sessions": .list(week.sessions.map { session(for: $0, catalog: catalog, cardioExamples: cardioExamples, doses: &doses) }),
        ]
    }

    private static func session(for session: Session, catalog: Catalog, cardioExamples: TemplateValue, doses: inout [Dose: String]) -> TemplateValue {
        [
            "day": .text("\(session.weekday.title) \(session.date.day) \(session.date.monthName)"),
            "date": .text(session.date.iso),
            "weekday": .text(session.weekday.rawValue),
            "estimatedMinutes": .text(Planner.minutesText(session.estimatedMinutes)),
            "budgetMinutes": .number(session.budgetSeconds / 60),
            "shorter": .flag(session.isShorterThanAsked),
            "uncovered": .text(session.uncoveredAreas.isEmpty ? "" : list(session.uncoveredAreas.map(\.title))),
            "hasUncovered": .flag(!session.uncoveredAreas.isEmpty),
            "cardioMinutes": .number(session.cardioMinutes),
            "cardioExamples": cardioExamples,
            "blocks": .list(session.blocks.map { block in
                [
                    "phase": .text(block.phase.rawValue),
                    "title": .text(catalog.title(of: block.phase)),
                    "isWarmUp": .flag(block.phase == .warmUp),
                    "items": .list(block.items.map { item($0, doses: &doses) }),
                ]
            }),
        ]
    }

    private static func item(_ item: PlanItem, doses: inout [Dose: String]) -> TemplateValue {
        let dose: String
        if let known = doses[item.dose] {
            dose = known
        } else {
            dose = item.dose.text
            doses[item.dose] = dose
        }
        return [
            "id": .text(item.id),
            "name": .text(item.name),
            "dose": .text(dose),
            "equipment": .text(item.equipment.isEmpty ? "" : list(item.equipment.map(\.title))),
            "hasEquipment": .flag(!item.equipment.isEmpty),
            "position": .text(item.positions.count == 1 ? item.positions[0].rawValue : item.positions.map(\.rawValue).joined(separator: " or ")),
            "seconds": .number(item.estimatedSeconds),
        ]
    }

    /// `[{text: ...}]`: a list of sentences, each shown with `{{text}}`.
    private static func texts(_ sentences: [String]) -> TemplateValue {
        .list(sentences.map { ["text": .text($0)] })
    }

    /// "neck, upper back and shoulders".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
