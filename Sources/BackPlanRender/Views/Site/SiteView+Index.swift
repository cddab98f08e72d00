import BackPlanCore

extension SiteView {
    /// `index.html`: how a session is built, then every move by phase and the areas.
    static func indexPage(catalog: Catalog, settings: SiteSettings, figures: SiteFigures) -> SitePage {
        let path = SitePath.index
        var context = common(page: path, catalog: catalog, settings: settings)
        let session = catalog.session
        context["phases"] = phases(from: path, catalog: catalog, moves: catalog.moves, figures: figures)
        context["frequency"] = .text(session.frequency)
        context["cardioRange"] = .text(session.cardioMinutes.text)
        context["cardioExamples"] = .text(catalog.session.cardioExamplesText)
        context["areas"] = .list(Area.allCases.map { area in
            [
                "title": .text(capitalised(area.title)),
                "href": .text(path.href(to: .area(area))),
                "count": .number(catalog.moves(area: area).count),
                "movesWord": catalog.moves(area: area).count == 1 ? "move" : "moves",
            ]
        })
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
