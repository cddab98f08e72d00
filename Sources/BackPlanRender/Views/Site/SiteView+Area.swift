import BackPlanCore

extension SiteView {
    /// The minutes of an area page's suggested routine.
    static let routineMinutes = 15

    /// `areas/<area>.html`: the moves that work one area, by phase, and a short routine for it.
    static func areaPage(_ area: Area, catalog: Catalog, settings: SiteSettings, figures: SiteFigures) -> SitePage {
        let path = SitePath.area(area)
        var context = common(page: path, catalog: catalog, settings: settings)
        let moves = catalog.moves(area: area)
        context["title"] = capitalised(area.title)
        context["area"] = area.title
        context["count"] = moves.count
        context["phases"] = phases(from: path, catalog: catalog, moves: moves, figures: figures)
        context["frequency"] = catalog.session.frequency
        if let session = Planner(catalog: catalog).routine(for: area, minutes: routineMinutes) {
            context["routine"] = routine(session, from: path, catalog: catalog)
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
    static func routine(_ session: Session, from page: SitePath, catalog: Catalog) -> [String: Any] {
        let items = session.items.enumerated().map { index, item -> [String: Any] in
            [
                "number": index + 2,
                "name": item.name,
                "href": page.href(to: .exercise(item.id)),
                "phase": item.phase.defaultTitle.lowercased(),
                "dose": item.dose.text,
                "equipment": item.equipment.isEmpty ? "" : list(item.equipment.map(article)),
                "hasEquipment": !item.equipment.isEmpty,
            ]
        }
        return [
            "minutes": Planner.minutesText(session.estimatedMinutes),
            "cardioMinutes": session.cardioMinutes,
            "cardioExamples": catalog.session.cardioExamplesText,
            "items": items,
            "uncovered": list(session.uncoveredAreas.map(\.title)),
            "hasUncovered": !session.uncoveredAreas.isEmpty,
        ]
    }
}
