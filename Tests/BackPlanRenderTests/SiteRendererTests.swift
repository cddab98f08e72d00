import BackPlanCore
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
            #expect(try templates.render(page.template, page.context) == oracle.render(page.template, page.context), "\(page.path)")
            let shell = SiteShell.context(for: page, catalog: .builtIn, settings: settings)
            #expect(try templates.render("site-page.html", shell) == oracle.render("site-page.html", shell), "\(page.path)")
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
}
