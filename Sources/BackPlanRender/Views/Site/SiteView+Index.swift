import BackPlanCore

extension SiteView {
    /// `index.html`: how a session is built, then every move by phase and the areas.
    static func indexPage(catalog: Catalog, settings: SiteSettings, figures: SiteFigures) -> SitePage {
        let path = SitePath.index
        var context = common(page: path, catalog: catalog, settings: settings)
        let session = catalog.session
        context["phases"] = phases(from: path, catalog: catalog, moves: catalog.moves, figures: figures)
        context["frequency"] = session.frequency
        context["cardioRange"] = session.cardioMinutes.text
        context["cardioExamples"] = catalog.session.cardioExamplesText
        context["areas"] = Area.allCases.map { area in
            [
                "title": capitalised(area.title),
                "href": path.href(to: .area(area)),
                "count": catalog.moves(area: area).count,
                "movesWord": catalog.moves(area: area).count == 1 ? "move" : "moves",
            ] as [String: Any]
        }
        let counts = Phase.allCases.map { phase in
            "\(catalog.moves(phase: phase).count) \(phaseTitle(phase, catalog: catalog).lowercased())"
        }
        var page = SitePage(
            path: path, heading: settings.title,
            description: "\(catalog.moves.count) stretching and strengthening moves for neck, shoulder and back pain (\(list(counts))), with steps, doses and how to build a session.",
            kind: "index", template: "site-index.md", context: context)
        page.blocks = figures.blocks(figures: [], thumbs: catalog.moves.map(\.id))
        return page
    }
}
