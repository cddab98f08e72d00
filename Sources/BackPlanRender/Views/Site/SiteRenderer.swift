import BackPlanCore

/// Renders the whole site in memory, from the catalog and the templates. Pure: nothing is read or written.
///
/// The story of a site: one page per move, per area, the index, the safety page
/// and the example plan; each page's Markdown rendered from its template and
/// converted by libcmark, then wrapped in the page shell; then the style sheet
/// and, with a base URL, the sitemap.
package struct SiteRenderer: Sendable {
    package var templates: TemplateSet
    package var catalog: Catalog
    package var settings: SiteSettings

    package init(templates: TemplateSet, catalog: Catalog, settings: SiteSettings) {
        self.templates = templates
        self.catalog = catalog
        self.settings = settings
    }

    /// Every file of the site, in path order.
    ///
    /// A tag in the user's site templates that names no value of any page is an error, as in the plan's templates.
    package func files(examplePlan: SiteExamplePlan) throws(TemplateError) -> [SiteFile] {
        let pages = pages(examplePlan: examplePlan)
        try templates.checkSiteFields(fieldNames(of: pages))
        var files: [SiteFile] = []
        for page in pages {
            files.append(SiteFile(path: page.path, text: try html(page)))
        }
        files.append(SiteFile(path: .style, text: try templates.render("site-style.css", TemplateValue.object([:]))))
        if let sitemap = try sitemap(paths: files.map(\.path)) { files.append(sitemap) }
        return files.sorted { $0.path < $1.path }
    }

    /// The pages in reading order: index, moves, areas, safety, example plan.
    ///
    /// The figures are drawn here, once for the whole site, and shared by the pages.
    func pages(examplePlan: SiteExamplePlan) -> [SitePage] {
        let figures = SiteFigures(catalog: catalog)
        return [SiteView.indexPage(catalog: catalog, settings: settings, figures: figures)]
            + catalog.moves.map { SiteView.exercisePage($0, catalog: catalog, settings: settings, figures: figures) }
            + Area.allCases.map { SiteView.areaPage($0, catalog: catalog, settings: settings, figures: figures) }
            + [
                SiteView.safetyPage(catalog: catalog, settings: settings),
                SiteView.examplePlanPage(examplePlan, catalog: catalog, settings: settings),
            ]
    }

    /// Every name each template's contexts hold, over all `pages`: what a tag in that template may name.
    func fieldNames(of pages: [SitePage]) -> [String: Set<String>] {
        // The shell's body and aside are set as pages are rendered; canonical only with a base URL.
        var names: [String: Set<String>] = ["site-page.html": ["body", "aside", "canonical"], "site-sitemap.xml": ["urls", "loc"], "site-style.css": []]
        for page in pages {
            for template in [page.template] + (page.asideTemplate.map { [$0] } ?? []) {
                page.context.collectNames(into: &names[template, default: []])
            }
            SiteShell.context(for: page, catalog: catalog, settings: settings).collectNames(into: &names["site-page.html", default: []])
        }
        return names
    }

    /// A page's Markdown converted by libcmark, inside the page shell.
    func html(_ page: SitePage) throws(TemplateError) -> String {
        var shell = SiteShell.context(for: page, catalog: catalog, settings: settings)
        shell["body"] = .text(CommonMark.html(fromMarkdown: try templates.render(page.template, .object(page.context)), blocks: page.blocks))
        if let aside = page.asideTemplate {
            shell["aside"] = .text(CommonMark.html(fromMarkdown: try templates.render(aside, .object(page.context)), blocks: page.blocks))
        }
        return try templates.render("site-page.html", .object(shell))
    }

    /// `sitemap.xml` of every page, when the site has a base URL.
    func sitemap(paths: [SitePath]) throws(TemplateError) -> SiteFile? {
        guard let base = settings.baseURL else { return nil }
        let pages = paths.filter { $0.value.hasSuffix(".html") }.sorted()
        let urls = TemplateValue.list(pages.map { ["loc": .text(SiteShell.absoluteURL(of: $0, base: base))] })
        return SiteFile(path: .sitemap, text: try templates.render("site-sitemap.xml", ["urls": urls]))
    }
}
