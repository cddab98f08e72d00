import BackPlanCore

/// The values of the page shell (`site-page.html`): head, navigation by body area, pager and footer.
enum SiteShell {
    static func context(for page: SitePage, catalog: Catalog, settings: SiteSettings) -> TemplateFields {
        let path = page.path
        let isIndex = path == .index
        var context: TemplateFields = [
            "lang": .text(settings.language),
            "title": .text(isIndex ? settings.title : "\(page.heading) · \(settings.title)"),
            "description": .text(page.description),
            "siteTitle": .text(settings.title),
            "kind": .text(page.kind),
            "root": .text(path.rootPrefix),
            "styleHref": .text(path.href(to: .style)),
            "indexHref": .text(path.href(to: .index)),
            "areas": .list(Area.allCases.map { area in
                [
                    "title": .text(SiteView.capitalised(area.title)),
                    "href": .text(path.href(to: .area(area))),
                    "current": .flag(page.area == area),
                ]
            }),
            "links": [
                link("All moves", to: .index, from: path),
                link("Safety and FAQ", to: .safety, from: path),
                link("Example plan", to: .examplePlan, from: path),
            ],
        ]
        if let base = settings.baseURL {
            context["canonical"] = .text(absoluteURL(of: path, base: base))
        }
        if let pager = page.pager {
            var links = TemplateFields()
            if let previous = pager.previous {
                links["previous"] = ["name": .text(previous.name), "href": .text(path.href(to: .exercise(previous.id)))]
            }
            if let next = pager.next {
                links["next"] = ["name": .text(next.name), "href": .text(path.href(to: .exercise(next.id)))]
            }
            context["pager"] = .object(links)
        }
        return context
    }

    /// The page's address under the base URL; the index is the base URL itself.
    static func absoluteURL(of path: SitePath, base: String) -> String {
        path == .index ? base : base + path.value
    }

    private static func link(_ title: String, to target: SitePath, from path: SitePath) -> TemplateValue {
        ["title": .text(title), "href": .text(path.href(to: target)), "current": .flag(target == path)]
    }
}
