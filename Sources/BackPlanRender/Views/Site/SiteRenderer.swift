import BackPlanCore
import Foundation

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
    /// Where the small figures are kept once drawn, rather than in memory (`SiteFigures`); the pages are the same bytes either way.
    package var spill: (any ByteSpill)?

    package init(templates: TemplateSet, catalog: Catalog, settings: SiteSettings, spill: (any ByteSpill)? = nil) {
        self.templates = templates
        self.catalog = catalog
        self.settings = settings
        self.spill = spill
    }

    /// Every file of the site, in path order.
    ///
    /// A tag in the user's site templates that names no value of any page is an error, as in the plan's templates.
    package func files(examplePlan: SiteExamplePlan) throws(TemplateError) -> [SiteFile] {
        let build = try self.build(examplePlan: examplePlan)
        var files: [SiteFile] = []
        for (index, path) in build.paths.enumerated() {
            files.append(SiteFile(path: path, text: try build.text(at: index)))
        }
        return files
    }

    /// The site ready to render one file at a time: its paths, and each file's text on demand.
    ///
    /// A tag in the user's site templates that names no value of any page is an error here,
    /// before any page is rendered (the pages' values are made once more for that, and only when
    /// the user overrides a site template).
    package func build(examplePlan: SiteExamplePlan) throws(TemplateError) -> SiteBuild {
        let build = SiteBuild(renderer: self, examplePlan: examplePlan)
        if templates.overridden.contains(where: { $0.hasPrefix("site-") }) {
            try templates.checkSiteFields(fieldNames(of: build.pages()))
        }
        return build
    }

    /// The pages in reading order: index, moves, areas, safety, example plan.
    ///
    /// The figures are drawn here, once for the whole site, and shared by the pages.
    func pages(examplePlan: SiteExamplePlan) -> [SitePage] {
        Array(SiteBuild(renderer: self, examplePlan: examplePlan).pages())
    }

    /// Every name each template's contexts hold, over all `pages`: what a tag in that template may name.
    func fieldNames(of pages: some Sequence<SitePage>) -> [String: Set<String>] {
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

    /// A page's Markdown converted by libcmark, inside the page shell, as UTF-8.
    func html(_ page: SitePage) throws(TemplateError) -> Data {
        Data(try htmlChunks(page).joined)
    }

    /// `html(_:)` as runs: the shell's own bytes, the body's and the aside's, and each figure
    /// the page shares with others, never joined (`ByteChunks`).
    ///
    /// Bytes from end to end: the Markdown, libcmark's HTML and the page are never
    /// made Strings, which would check each one's UTF-8 again (a fifth of rendering a page).
    /// The shell is rendered with a placeholder for the body and for the aside, each then
    /// replaced by its runs; should a placeholder not be in the shell once, as is (a custom
    /// shell may escape the body, or leave it out), the shell is rendered again with the
    /// body's bytes joined, so the page is the same either way.
    func htmlChunks(_ page: SitePage) throws(TemplateError) -> ByteChunks {
        var shell = SiteShell.context(for: page, catalog: catalog, settings: settings)
        let body = try markdownHTML(page.template, of: page)
        let aside = try page.asideTemplate.map { name throws(TemplateError) in try markdownHTML(name, of: page) }
        var parts: [(placeholder: [UInt8], chunks: ByteChunks)] = []
        for (key, chunks) in [("body", body), ("aside", aside)] {
            guard let chunks else { continue }
            // An empty value reads as false in a section: only a non-empty one is stood in for.
            if chunks.count > 0 {
                // Across a line break, so a template that changes the lines of what it places changes the
                // placeholder too, and the page is made the plain way; and ending as the value ends ("\n",
                // "\r\n" or neither), so an indented partial indents what follows it as it does after the value.
                let tail = chunks.suffix(2)
                let ending = tail == [0x0D, 0x0A] ? "\r\n" : tail.last == 0x0A ? "\n" : ""
                let placeholder = Array("<\u{1}backplan:\(key)\n\u{1}>\(ending)".utf8)
                shell[key] = .utf8(placeholder)
                parts.append((placeholder, chunks))
            } else {
                shell[key] = .utf8([])
            }
        }
        let framed = Array(try templates.renderData("site-page.html", .object(shell), capacity: 16_384))
        if let spliced = Self.splice(framed, parts) { return spliced }
        shell["body"] = .utf8(body.joined)
        if let aside { shell["aside"] = .utf8(aside.joined) }
        return ByteChunks(Array(try templates.renderData("site-page.html", .object(shell), capacity: 16_384)))
    }

    /// `framed` with each placeholder replaced by its runs, or nil unless each is there exactly once, in order.
    private static func splice(_ framed: [UInt8], _ parts: [(placeholder: [UInt8], chunks: ByteChunks)]) -> ByteChunks? {
        var chunks = ByteChunks()
        var start = 0
        for part in parts {
            guard let found = firstRange(of: part.placeholder, in: framed, from: start),
                  firstRange(of: part.placeholder, in: framed, from: found.upperBound) == nil,
                  firstRange(of: part.placeholder, in: framed, from: 0) == found else { return nil }
            chunks.append(framed[start..<found.lowerBound])
            chunks.append(contentsOf: part.chunks)
            start = found.upperBound
        }
        chunks.append(framed[start...])
        return chunks
    }

    private static func firstRange(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Range<Int>? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index..<(index + needle.count) }
            index += 1
        }
        return nil
    }

    /// The HTML of `page`'s Markdown template `name`, its figure markers replaced by the page's blocks, as runs.
    private func markdownHTML(_ name: String, of page: SitePage) throws(TemplateError) -> ByteChunks {
        let markdown = try templates.renderData(name, .object(page.context), capacity: 16_384)
        let blocks = page.blocks
        return CommonMark.htmlChunks(fromMarkdown: markdown, hasBlocks: !blocks.isEmpty) { text in
            blocks[String(decoding: text, as: UTF8.self)]
        }
    }

    /// `sitemap.xml` of every page, when the site has a base URL.
    func sitemap(paths: [SitePath]) throws(TemplateError) -> SiteFile? {
        guard let base = settings.baseURL else { return nil }
        let pages = paths.filter { $0.value.hasSuffix(".html") }.sorted()
        let urls = TemplateValue.list(pages.map { ["loc": .text(SiteShell.absoluteURL(of: $0, base: base))] })
        return SiteFile(path: .sitemap, text: try templates.render("site-sitemap.xml", ["urls": urls]))
    }
}

/// The site's files, each rendered when asked: the shared parts (figures, related moves) are made once,
/// and a page's values only when the page is rendered, so a build holds one page at a time.
package struct SiteBuild: Sendable {
    /// What a file of the site is, to make its page.
    private enum Source {
        case index, exercise(Int), area(Area), safety, examplePlan, style, sitemap
    }

    private let renderer: SiteRenderer
    private let examplePlan: SiteExamplePlan
    private let figures: SiteFigures
    private let relatives: RelatedMoves
    /// Every file's path, sorted; two moves of one slug give one path twice (the caller refuses it).
    package let paths: [SitePath]
    private let sources: [Source]

    init(renderer: SiteRenderer, examplePlan: SiteExamplePlan) {
        self.renderer = renderer
        self.examplePlan = examplePlan
        figures = SiteFigures(catalog: renderer.catalog, spill: renderer.spill)
        relatives = RelatedMoves(catalog: renderer.catalog)
        var files: [(path: SitePath, source: Source)] = [(.index, .index)]
        files += renderer.catalog.moves.enumerated().map { (SitePath.exercise($0.element.id), Source.exercise($0.offset)) }
        files += Area.allCases.map { (SitePath.area($0), Source.area($0)) }
        files += [(.safety, .safety), (.examplePlan, .examplePlan), (.style, .style)]
        if renderer.settings.baseURL != nil { files.append((.sitemap, .sitemap)) }
        // Stable: of two files on one path, the first made keeps its place, as before.
        let sorted = files.enumerated().sorted { a, b in
            a.element.path != b.element.path ? a.element.path < b.element.path : a.offset < b.offset
        }
        paths = sorted.map { $0.element.path }
        sources = sorted.map { $0.element.source }
    }

    /// The pages in reading order: index, moves, areas, safety, example plan; each made when reached.
    func pages() -> some Sequence<SitePage> {
        let sources = [Source.index] + renderer.catalog.moves.indices.map(Source.exercise)
            + Area.allCases.map(Source.area) + [.safety, .examplePlan]
        return sources.lazy.map { page($0)! }
    }

    /// Whether the file at `paths[index]` lists moves (the index, an area page): its size grows with the catalog.
    package func listsMoves(at index: Int) -> Bool {
        switch sources[index] {
        case .index, .area: true
        default: false
        }
    }

    /// The text of the file at `paths[index]`.
    package func text(at index: Int) throws(TemplateError) -> String {
        String(decoding: try data(at: index), as: UTF8.self)
    }

    /// The bytes of the file at `paths[index]`, as written.
    package func data(at index: Int) throws(TemplateError) -> Data {
        Data(try chunks(at: index).joined)
    }

    /// The bytes of the file at `paths[index]` as runs, the figures it shares with other pages not copied (`ByteChunks`).
    package func chunks(at index: Int) throws(TemplateError) -> ByteChunks {
        switch sources[index] {
        case .style:
            return ByteChunks(Array(try renderer.templates.renderData("site-style.css", TemplateValue.object([:]))))
        case .sitemap:
            return ByteChunks(Array(try renderer.sitemap(paths: paths)?.text.utf8 ?? "".utf8))
        default:
            return try renderer.htmlChunks(page(sources[index])!)
        }
    }

    private func page(_ source: Source) -> SitePage? {
        let (catalog, settings) = (renderer.catalog, renderer.settings)
        switch source {
        case .index: return SiteView.indexPage(catalog: catalog, settings: settings, figures: figures)
        case .exercise(let index):
            return SiteView.exercisePage(catalog.moves[index], at: index, catalog: catalog, settings: settings, figures: figures, relatives: relatives)
        case .area(let area): return SiteView.areaPage(area, catalog: catalog, settings: settings, figures: figures)
        case .safety: return SiteView.safetyPage(catalog: catalog, settings: settings)
        case .examplePlan: return SiteView.examplePlanPage(examplePlan, catalog: catalog, settings: settings)
        case .style, .sitemap: return nil
        }
    }
}
