import BackPlanCore

extension SiteView {
    /// The minutes of an area page's suggested routine.
    static let routineMinutes = 15

    /// `areas/<area>.html`: the moves that work one area, by phase, and a short routine for it.
    static func areaPage(_ area: Area, catalog: Catalog, settings: SiteSettings, figures: SiteFigures) -> SitePage {
        let path = SitePath.area(area)
        var context = common(page: path, catalog: catalog, settings: settings)
        let moves = catalog.moves(area: area)
        context["title"] = .text(capitalised(area.title))
        context["area"] = .text(area.title)
        context["count"] = .number(moves.count)
        context["phases"] = phases(from: path, catalog: catalog, moves: moves, figures: figures)
        context["frequency"] = .text(catalog.session.frequency)
        if let session = Planner(catalog: catalog).routine(for: area, minutes: routineMinutes) {
            context["routine"] = .object(routine(session, from: path, catalog: catalog))
        }
        var page = SitePage(
            path: path, heading: capitalised(area.title),
            description: "Stretches and strengthening moves that work the \(area.title) (\(moves.count) of \(catalog.moves.count)), and a short routine for \(area.title) pain.",
            kind: "area", template: "site-area.md", context: context)
        page.area = area
        page.blocks = figures.blocks(figures: [], thumbs: moves.map(\.id))
        return page
    }

    /// A planner session as numbered steps: the cardio, then each move with its dose.
    static func routine(_ session: Session, from page: SitePath, catalog: Catalog) -> TemplateFields {
        let items = session.items.enumerated().map { index, item -> TemplateValue in
            [
                "number": .number(index + 2),
                "name": .text(item.name),
                "href": .text(page.href(to: .exercise(item.id))),
                "phase": .text(item.phase.defaultTitle.lowercased()),
                "dose": .text(item.dose.text),
                "equipment": .text(item.equipment.isEmpty ? "" : list(item.equipment.map(article))),
                "hasEquipment": .flag(!item.equipment.isEmpty),
            ]
        }
        return [
            "minutes": .text(Planner.minutesText(session.estimatedMinutes)),
            "cardioMinutes": .number(session.cardioMinutes),
            "cardioExamples": .text(catalog.session.cardioExamplesText),
            "items": .list(items),
            "uncovered": .text(list(session.uncoveredAreas.map(\.title))),
            "hasUncovered": .flag(!session.uncoveredAreas.isEmpty),
        ]
    }
}
