import BackPlanCore
import Foundation
@testable import BackPlanRender
import Testing

@Suite("The site renders in memory from the catalog and templates")
struct SiteRendererTests {
    let example = SiteExamplePlan(markdown: "# Back plan for Alex Doe\n\nWeek 1.\n", title: "Example plan for Alex Doe",
                                  weeks: 4, preferencesYAML: "name: Alex Doe")

    func files(baseURL: String? = nil) throws -> [SiteFile] {
        let settings = try #require(SiteSettings(baseURL: baseURL))
        return try SiteRenderer(templates: TemplateSet(), catalog: .builtIn, settings: settings).files(examplePlan: example)
    }

    @Test("every page and its shell render as swift-mustache renders them", arguments: [nil, "https://clinic.example"])
    func sameAsSwiftMustache(baseURL: String?) throws {
        let settings = try #require(SiteSettings(baseURL: baseURL))
        let templates = try TemplateSet()
        let oracle = try MustacheOracle(templates)
        let renderer = SiteRenderer(templates: templates, catalog: .builtIn, settings: settings)
        let pages = renderer.pages(examplePlan: example)
        #expect(pages.count == 29)
        for page in pages {
            #expect(try templates.render(page.template, .object(page.context)) == oracle.render(page.template, page.context.mustacheValue), "\(page.path)")
            let shell = SiteShell.context(for: page, catalog: .builtIn, settings: settings)
            #expect(try templates.render("site-page.html", .object(shell)) == oracle.render("site-page.html", shell.mustacheValue), "\(page.path)")
        }
    }

    @Test("29 pages and the style sheet; the sitemap only with a base URL")
    func fileList() throws {
        let plain = try files()
        #expect(plain.filter { $0.path.value.hasSuffix(".html") }.count == 29)
        #expect(plain.count == 30)
        #expect(try files(baseURL: "https://clinic.example").count == 31)
    }

    @Test("every page has one h1 and links only relatively")
    func pages() throws {
        for file in try files() where file.path.value.hasSuffix(".html") {
            #expect(file.text.components(separatedBy: "<h1>").count == 2, "\(file.path)")
            #expect(!file.text.contains("href=\"/"), "\(file.path)")
            #expect(!file.text.contains("http://") && !file.text.contains("https://"), "\(file.path)")
        }
    }

    @Test("the area pages mark their area in the navigation")
    func currentArea() throws {
        let neck = try #require(try files().first { $0.path == .area(.neck) })
        #expect(neck.text.contains(#"<li><a href="../areas/neck.html" aria-current="page">Neck</a></li>"#))
    }

    @Test("a move's areas read as a sentence")
    func areasSentence() throws {
        let childsPose = try #require(try files().first { $0.path == .exercise("childs-pose") })
        #expect(childsPose.text.contains(#"<a href="../areas/shoulders.html">shoulders</a>, <a href="../areas/upper-back.html">upper back</a>, <a href="../areas/mid-back.html">mid back</a> and <a href="../areas/lower-back.html">lower back</a>"#))
    }

    @Test("rendering twice gives the same bytes")
    func deterministic() throws {
        #expect(try files(baseURL: "https://a.example/") == (try files(baseURL: "https://a.example/")))
    }

    // MARK: - Figures

    static let moveIDs = Catalog.builtIn.moves.map(\.id)

    /// One page of the built-in site, rendered alone.
    func page(_ path: SitePath) throws -> String {
        let renderer = SiteRenderer(templates: try TemplateSet(), catalog: .builtIn, settings: try #require(SiteSettings()))
        let page = try #require(renderer.pages(examplePlan: example).first { $0.path == path })
        return String(decoding: try renderer.html(page), as: UTF8.self)
    }

    /// Every `id` attribute of a page, in order.
    static func ids(in html: String) -> [String] {
        html.matches(of: #/ id="([^"]*)"/#).map { String($0.output.1) }
    }

    @Test("a move page shows its figures, animated and still for reduced motion, with the positions as text", arguments: moveIDs)
    func moveFigures(id: String) throws {
        let move = try #require(Catalog.builtIn.move(id: id))
        let html = try page(.exercise(id))
        var shown: [String] = []
        for figure in move.ways.compactMap(move.figure(for:)) where !shown.contains(figure.description) {
            shown.append(figure.description)
        }
        #expect(!shown.isEmpty)
        for description in shown {
            // Once on screen (animated) and once for print (the poses side by side).
            #expect(html.components(separatedBy: "-title\">\(XMLText.escape(description))</title>").count == 3, "\(description)")
        }
        #expect(html.components(separatedBy: "<div class=\"move-art-screen\">\n<svg viewBox=").count - 1 == shown.count)
        #expect(html.components(separatedBy: "<div class=\"move-art-print\">\n<svg viewBox=").count - 1 == shown.count)
        #expect(html.contains("role=\"img\" aria-labelledby=\"fig-"))
        #expect(html.contains("@media (prefers-reduced-motion: reduce){"))
        #expect(!html.contains("raw HTML omitted"))
        #expect(!html.contains("xmlns"))
        let related = Catalog.builtIn.related(to: move)
        #expect(html.components(separatedBy: "<span class=\"thumb\" aria-hidden=\"true\"><svg").count - 1 == related.count)
        let ids = Self.ids(in: html)
        #expect(Set(ids).count == ids.count, "ids repeat: \(ids)")
    }

    @Test("a move whose ways look apart shows each way's figure under that way's label", arguments: zip(
        ["row", "thoracic-extension"],
        [["With a resistance band, standing", "With dumbbells, standing"], ["With a foam roller, lying down", "With a chair, sitting"]]))
    func wayFigures(id: String, labels: [String]) throws {
        let move = try #require(Catalog.builtIn.move(id: id))
        let html = try page(.exercise(id))
        #expect(move.ways.count == labels.count)
        for (way, label) in zip(move.ways, labels) {
            let heading = try #require(html.range(of: "<h3>\(label)</h3>"), "\(label)")
            let section = html[heading.upperBound...]
            let end = section.range(of: "<h3>")?.lowerBound ?? section.range(of: "<blockquote>")?.lowerBound ?? section.endIndex
            let body = section[..<end]
            let figure = try #require(move.figure(for: way))
            #expect(body.hasPrefix("\n<figure class=\"move-art\">"), "\(label)")
            #expect(body.contains(">\(XMLText.escape(figure.description))</title>"), "\(label)")
            for step in way.steps ?? [] { #expect(body.contains(step), "\(label)") }
        }
        #expect(!html.contains("<h2>Steps</h2>"))
    }

    @Test("lists show a small figure beside each move's name, hidden from screen readers", arguments: [nil] + Area.allCases)
    func listFigures(area: Area?) throws {
        let path = area.map(SitePath.area) ?? .index
        let moves = area.map { Catalog.builtIn.moves(area: $0) } ?? Catalog.builtIn.moves
        let html = try page(path)
        let thumbs = html.components(separatedBy: "<span class=\"thumb\" aria-hidden=\"true\"><svg").dropFirst()
        #expect(thumbs.count == moves.count)
        for (thumb, move) in zip(thumbs, moves) {
            let svg = try #require(thumb.components(separatedBy: "</svg></span>").first)
            #expect(!svg.contains("<title") && !svg.contains(" id=") && !svg.contains("role="), "\(move.id)")
            #expect(thumb.contains("</svg></span>\n<strong><a href=\"\(path.href(to: .exercise(move.id)))\">"), "\(move.id)")
        }
        #expect(!html.contains("raw HTML omitted"))
    }

    @Test("list pages are made as runs: each small figure is the build's one copy, shared by every list, never copied into a page")
    func listFiguresShared() throws {
        let build = try SiteRenderer(templates: TemplateSet(), catalog: .builtIn, settings: try #require(SiteSettings(baseURL: nil)))
            .build(examplePlan: example)
        let thumb = Array("<span class=\"thumb\"".utf8)
        func figureRuns(_ path: SitePath) throws -> [UnsafePointer<UInt8>?] {
            let chunks = try build.chunks(at: try #require(build.paths.firstIndex(of: path)))
            #expect(String(decoding: chunks.joined, as: UTF8.self) == (try page(path)), "\(path)")
            var runs: [UnsafePointer<UInt8>?] = []
            for run in chunks.runs {
                if run.bytes.starts(with: thumb) {
                    runs.append(run.address)
                } else {
                    #expect(!String(decoding: run.bytes, as: UTF8.self).contains("<span class=\"thumb\""), "a copied figure on \(path)")
                }
            }
            return runs
        }
        let onIndex = try figureRuns(.index)
        #expect(onIndex.count == Catalog.builtIn.moves.count)
        #expect(Set(onIndex).count == onIndex.count)
        for area in Area.allCases {
            let onArea = try figureRuns(.area(area))
            #expect(onArea.count == Catalog.builtIn.moves(area: area).count)
            #expect(Set(onArea).isSubset(of: Set(onIndex)), "\(area): the same copies as the index's")
        }
    }

    @Test("a shell that escapes the body, repeats it, puts the aside first or places the body in an indented partial with text after it still gets the whole page", arguments: [
        "<main>{{body}}</main>\n{{{aside}}}\n",
        "{{{body}}}\n<hr>\n{{{body}}}\n{{{aside}}}\n",
        "{{#aside}}<aside>{{{aside}}}</aside>{{/aside}}\n<main>{{{body}}}</main>\n",
        "<main>\n  {{> frame}}\n</main>\n{{{aside}}}\n",
        "<div>\n    {{> frame}}\n</div>\n",
    ])
    func customShell(shell: String) throws {
        let templates = try TemplateSet(overrides: [
            "site-page.html.mustache": (text: shell, path: "mine/site-page.html.mustache"),
            // A partial that places the body with a line after it: indented, it indents that line.
            "frame.mustache": (text: "{{{body}}}\n<p>after the body</p>\n", path: "mine/frame.mustache"),
        ])
        let renderer = SiteRenderer(templates: templates, catalog: .builtIn, settings: try #require(SiteSettings(baseURL: nil)))
        for page in renderer.pages(examplePlan: example) where page.path == .index || page.path == .exercise("row") {
            // What the shell gives with the body and aside as whole values.
            var context = SiteShell.context(for: page, catalog: .builtIn, settings: renderer.settings)
            let body = CommonMark.htmlUTF8(fromMarkdown: Array(try templates.render(page.template, .object(page.context)).utf8)) { page.blocks[String(decoding: $0, as: UTF8.self)] }
            context["body"] = .utf8(body)
            if let aside = page.asideTemplate {
                context["aside"] = .utf8(CommonMark.htmlUTF8(fromMarkdown: Array(try templates.render(aside, .object(page.context)).utf8)) { page.blocks[String(decoding: $0, as: UTF8.self)] })
            }
            let expected = try templates.render("site-page.html", .object(context))
            #expect(String(decoding: try renderer.htmlChunks(page).joined, as: UTF8.self) == expected, "\(page.path)")
            #expect(!expected.contains("backplan:body") && !expected.contains("backplan:aside"))
        }
    }

    @Test("no id repeats on any page")
    func uniqueIDs() throws {
        for file in try files() where file.path.value.hasSuffix(".html") {
            let ids = Self.ids(in: file.text)
            #expect(Set(ids).count == ids.count, "\(file.path)")
        }
    }
}

@Suite("Misspelt fields in site templates")
struct SiteFieldCheckTests {
    let example = SiteExamplePlan(markdown: "# Plan\n", title: "Example plan", weeks: 4, preferencesYAML: "name: Alex Doe")

    func files(_ overrides: [String: String], baseURL: String? = nil) throws -> [SiteFile] {
        let templates = try TemplateSet(overrides: overrides.mapValues { (text: $0, path: "mine/x") })
        return try SiteRenderer(templates: templates, catalog: .builtIn, settings: try #require(SiteSettings(baseURL: baseURL))).files(examplePlan: example)
    }

    @Test("every default site template passes as an override, with and without a base URL", arguments: [nil, "https://clinic.example"])
    func defaultsPass(baseURL: String?) throws {
        let site = TemplateSet.defaults.filter { $0.key.hasPrefix("site-") }
        #expect(site.count >= 9)
        #expect(try files(site, baseURL: baseURL).count >= 30)
    }

    @Test("a misspelt field of a site template is an error at its line, with the field it meant", arguments: [
        ("site-exercise.md.mustache", "{{name}}", "{{nmae}}", "'nmae' in {{nmae}}", "name"),
        ("site-page.html.mustache", "{{{body}}}", "{{{bdoy}}}", "'bdoy' in {{{bdoy}}}", "body"),
        ("site-index.md.mustache", "{{siteTitle}}", "{{siteTitel}}", "'siteTitel' in {{siteTitel}}", "siteTitle"),
    ])
    func misspelt(file: String, field: String, typo: String, start: String, meant: String) throws {
        let original = try #require(TemplateSet.defaults[file])
        try #require(original.contains(field), "\(file) has no \(field)")
        let text = original.replacing(field, with: typo)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(typo) }! + 1
        let error = try #require(throws: TemplateError.self) { try files([file: text]) }
        #expect(error.line == line)
        #expect(error.message.hasPrefix("\(start) is not a field of the site's pages, so it is never set (did you mean '\(meant)'?)"), "\(error.message)")
    }
}
