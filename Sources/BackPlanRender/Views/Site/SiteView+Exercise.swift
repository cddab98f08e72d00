import BackPlanCore

extension SiteView {
    /// `exercises/<id>.html`: everything about one move, printable as a one-page handout.
    ///
    /// A move whose ways look alike shows one figure under its name; a move with
    /// a way of its own look (row: band or dumbbell) shows each way's figure
    /// beside that way's label and steps instead.
    /// `index` is the move's place in the catalog (for the pager); `relatives` is the catalog's index of related moves.
    static func exercisePage(_ move: Exercise, at index: Int, catalog: Catalog, settings: SiteSettings, figures: SiteFigures,
                             relatives: RelatedMoves) -> SitePage {
        let path = SitePath.exercise(move.id)
        var context = common(page: path, catalog: catalog, settings: settings)
        let phaseNumber = (Phase.allCases.firstIndex(of: move.phase) ?? 0) + 1
        context["name"] = .text(move.name)
        context["phaseTitle"] = .text(phaseTitle(move.phase, catalog: catalog))
        context["phaseNumber"] = .number(phaseNumber)
        context["phaseCount"] = .number(Phase.allCases.count)
        context["phaseSummary"] = .text(catalog.phases[move.phase]?.summary ?? "")
        context["areas"] = inline(move.areas.map { area in
            ["title": .text(area.title), "href": .text(path.href(to: .area(area)))]
        })
        context["equipment"] = .text(capitalised(equipmentText(move)))
        let figureNames = move.ways.map { SiteFigures.name(of: $0, in: move) }
        let waysLookApart = Set(figureNames.compactMap { $0 }).count > 1
        let waysHaveSteps = move.ways.count > 1 && move.ways.allSatisfy { !($0.steps ?? []).isEmpty }
        var drawn: Set<String> = []
        context["ways"] = .list(zip(move.ways, figureNames).map { way, name -> TemplateValue in
            // A figure shown once per page: its ids must stay unique there.
            let isNew = name.map { drawn.insert($0).inserted } ?? false
            return [
                "equipment": .text(capitalised(wayEquipment(way))),
                "positions": .text(positions(way.positions)),
                "label": .text("With \(wayEquipment(way)), \(positions(way.positions))"),
                "figureMarker": .text(waysLookApart && isNew ? figures.marker(name) : ""),
                "steps": numbered(waysHaveSteps ? way.steps ?? [] : []),
            ]
        })
        context["hasSeveralWays"] = .flag(move.ways.count > 1)
        context["waySections"] = .flag(waysLookApart || waysHaveSteps)
        context["waysHaveSteps"] = .flag(waysHaveSteps)
        let mainFigure = waysLookApart ? nil : figureNames.compactMap { $0 }.first ?? (move.figure == nil ? nil : move.id)
        context["figureMarker"] = .text(figures.marker(mainFigure))
        context["props"] = .text(list(move.props.map(\.title)))
        context["hasProps"] = .flag(!move.props.isEmpty)
        context["positions"] = .text(capitalised(positions(move.positions)))
        context["dose"] = .text(capitalised(move.dose.text))
        context["steps"] = numbered(move.steps)
        let related = relatives.related(to: move)
        context["related"] = .list(related.map { other in
            var summary = moveSummary(other, from: path, catalog: catalog, figures: figures)
            summary["shared"] = .text(list(other.areas.filter(move.areas.contains).map(\.title)))
            return .object(summary)
        })
        var page = SitePage(
            path: path, heading: move.name,
            description: "How to do the \(move.name): a \(phaseTitle(move.phase, catalog: catalog).lowercased()) move for the \(list(move.areas.map(\.title))), with \(equipmentText(move)). Steps and dose: \(move.dose.text).",
            kind: "exercise", template: "site-exercise.md", context: context)
        page.asideTemplate = "site-exercise-related.md"
        page.pager = catalog.neighbours(at: index)
        let shown = waysLookApart ? drawn.sorted() : mainFigure.map { [$0] } ?? []
        page.blocks = figures.blocks(figures: shown, thumbs: related.map(\.id))
        return page
    }

    /// Steps as a numbered list: `number` from 1 and `text`.
    static func numbered(_ steps: [String]) -> TemplateValue {
        .list(steps.enumerated().map { index, step in ["number": .number(index + 1), "text": .text(step)] })
    }
}
