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
    package func files(examplePlan: SiteExamplePlan) throws(TemplateError) -> [SiteFile] {
        var files: [SiteFile] = []
        for page in pages(examplePlan: examplePlan) {
            files.append(SiteFile(path: page.path, text: try html(page)))
        }
        files.append(SiteFile(path: .style, text: try templates.render("site-style.css", [:])))
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

    /// A page's Markdown converted by libcmark, inside the page shell.
    func html(_ page: SitePage) throws(TemplateError) -> String {
        var shell = SiteShell.context(for: page, catalog: catalog, settings: settings)
        shell["body"] = CommonMark.html(fromMarkdown: try templates.render(page.template, page.context), blocks: page.blocks)
        if let aside = page.asideTemplate {
            shell["aside"] = CommonMark.html(fromMarkdown: try templates.render(aside, page.context), blocks: page.blocks)
        }
        return try templates.render("site-page.html", shell)
    }

    /// `sitemap.xml` of every page, when the site has a base URL.
    func sitemap(paths: [SitePath]) throws(TemplateError) -> SiteFile? {
        guard let base = settings.baseURL else { return nil }
        let pages = paths.filter { $0.value.hasSuffix(".html") }.sorted()
        let urls = pages.map { ["loc": SiteShell.absoluteURL(of: $0, base: base)] }
        return SiteFile(path: .sitemap, text: try templates.render("site-sitemap.xml", ["urls": urls]))
    }
}
