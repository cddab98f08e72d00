import BackPlanCore

extension SiteView {
    /// `exercises/<id>.html`: everything about one move, printable as a one-page handout.
    static func exercisePage(_ move: Exercise, catalog: Catalog, settings: SiteSettings) -> SitePage {
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
        context["ways"] = move.ways.map { way in
            ["equipment": capitalised(wayEquipment(way)), "positions": positions(way.positions)]
        }
        context["hasSeveralWays"] = move.ways.count > 1
        context["props"] = list(move.props.map(\.title))
        context["hasProps"] = !move.props.isEmpty
        context["positions"] = capitalised(positions(move.positions))
        context["dose"] = capitalised(move.dose.text)
        context["steps"] = move.steps.enumerated().map { index, step in
            ["number": index + 1, "text": step] as [String: Any]
        }
        context["related"] = catalog.related(to: move).map { other in
            var summary = moveSummary(other, from: path, catalog: catalog)
            summary["shared"] = list(other.areas.filter(move.areas.contains).map(\.title))
            return summary
        }
        var page = SitePage(
            path: path, heading: move.name,
            description: "How to do the \(move.name): a \(phaseTitle(move.phase, catalog: catalog).lowercased()) move for the \(list(move.areas.map(\.title))), with \(equipmentText(move)). Steps and dose: \(move.dose.text).",
            kind: "exercise", template: "site-exercise.md", context: context)
        page.asideTemplate = "site-exercise-related.md"
        page.pager = catalog.neighbours(of: move)
        return page
    }
}
