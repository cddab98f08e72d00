import BackPlanCore

extension SiteView {
    /// `exercises/<id>.html`: everything about one move, printable as a one-page handout.
    ///
    /// A move whose ways look alike shows one figure under its name; a move with
    /// a way of its own look (row: band or dumbbell) shows each way's figure
    /// beside that way's label and steps instead.
    static func exercisePage(_ move: Exercise, catalog: Catalog, settings: SiteSettings, figures: SiteFigures) -> SitePage {
        let path = SitePath.exercise(move.id)
        var context = common(page: path, catalog: catalog, settings: settings)
        let phaseNumber = (Phase.allCases.firstIndex(of: move.phase) ?? 0) + 1
        context["name"] = move.name
        context["phaseTitle"] = phaseTitle(move.phase, catalog: catalog)
        context["phaseNumber"] = phaseNumber
        context["phaseCount"] = Phase.allCases.count
        context["phaseSummary"] = catalog.phases[move.phase]?.summary ?? ""
        context["areas"] = inline(move.areas.map { area in
            ["title": area.title, "href": path.href(to: .area(area))]
        })
        context["equipment"] = capitalised(equipmentText(move))
        let figureNames = move.ways.map { SiteFigures.name(of: $0, in: move) }
        let waysLookApart = Set(figureNames.compactMap { $0 }).count > 1
        let waysHaveSteps = move.ways.count > 1 && move.ways.allSatisfy { !($0.steps ?? []).isEmpty }
        var drawn: Set<String> = []
        context["ways"] = zip(move.ways, figureNames).map { way, name in
            // A figure shown once per page: its ids must stay unique there.
            let isNew = name.map { drawn.insert($0).inserted } ?? false
            return [
                "equipment": capitalised(wayEquipment(way)),
                "positions": positions(way.positions),
                "label": "With \(wayEquipment(way)), \(positions(way.positions))",
                "figureMarker": waysLookApart && isNew ? figures.marker(name) : "",
                "steps": (waysHaveSteps ? way.steps ?? [] : []).enumerated().map { index, step in
                    ["number": index + 1, "text": step] as [String: Any]
                },
            ] as [String: Any]
        }
        context["hasSeveralWays"] = move.ways.count > 1
        context["waySections"] = waysLookApart || waysHaveSteps
        context["waysHaveSteps"] = waysHaveSteps
        let mainFigure = waysLookApart ? nil : figureNames.compactMap { $0 }.first ?? (move.figure == nil ? nil : move.id)
        context["figureMarker"] = figures.marker(mainFigure)
        context["props"] = list(move.props.map(\.title))
        context["hasProps"] = !move.props.isEmpty
        context["positions"] = capitalised(positions(move.positions))
        context["dose"] = capitalised(move.dose.text)
        context["steps"] = move.steps.enumerated().map { index, step in
            ["number": index + 1, "text": step] as [String: Any]
        }
        context["related"] = catalog.related(to: move).map { other in
            var summary = moveSummary(other, from: path, catalog: catalog, figures: figures)
            summary["shared"] = list(other.areas.filter(move.areas.contains).map(\.title))
            return summary
        }
        var page = SitePage(
            path: path, heading: move.name,
            description: "How to do the \(move.name): a \(phaseTitle(move.phase, catalog: catalog).lowercased()) move for the \(list(move.areas.map(\.title))), with \(equipmentText(move)). Steps and dose: \(move.dose.text).",
            kind: "exercise", template: "site-exercise.md", context: context)
        page.asideTemplate = "site-exercise-related.md"
        page.pager = catalog.neighbours(of: move)
        let shown = waysLookApart ? drawn.sorted() : mainFigure.map { [$0] } ?? []
        page.blocks = figures.blocks(figures: shown, thumbs: catalog.related(to: move).map(\.id))
        return page
    }
}
