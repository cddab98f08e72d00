import BackPlanCore

/// The values of the page shell (`site-page.html`): head, navigation by body area, pager and footer.
enum SiteShell {
    static func context(for page: SitePage, catalog: Catalog, settings: SiteSettings) -> [String: Any] {
        let path = page.path
        let isIndex = path == .index
        var context: [String: Any] = [
            "lang": settings.language,
            "title": isIndex ? settings.title : "\(page.heading) · \(settings.title)",
            "description": page.description,
            "siteTitle": settings.title,
            "kind": page.kind,
            "root": path.rootPrefix,
            "styleHref": path.href(to: .style),
            "indexHref": path.href(to: .index),
            "areas": Area.allCases.map { area in
                [
                    "title": SiteView.capitalised(area.title),
                    "href": path.href(to: .area(area)),
                    "current": page.area == area,
                ] as [String: Any]
            },
            "links": [
                link("All moves", to: .index, from: path),
                link("Safety and FAQ", to: .safety, from: path),
                link("Example plan", to: .examplePlan, from: path),
            ],
        ]
        if let base = settings.baseURL {
            context["canonical"] = absoluteURL(of: path, base: base)
        }
        if let pager = page.pager {
            var links: [String: Any] = [:]
            if let previous = pager.previous {
                links["previous"] = ["name": previous.name, "href": path.href(to: .exercise(previous.id))]
            }
            if let next = pager.next {
                links["next"] = ["name": next.name, "href": path.href(to: .exercise(next.id))]
            }
            context["pager"] = links
        }
        return context
    }

    /// The page's address under the base URL; the index is the base URL itself.
    static func absoluteURL(of path: SitePath, base: String) -> String {
        path == .index ? base : base + path.value
    }

    private static func link(_ title: String, to target: SitePath, from path: SitePath) -> [String: Any] {
        ["title": title, "href": path.href(to: target), "current": target == path]
    }
}
