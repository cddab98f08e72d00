import BackPlanCore
import Testing

@testable import BackPlanRender

@Suite("Figure SVG")
struct FigureSVGTests {
    static let ids = Catalog.builtIn.moves.map(\.id)

    @Test("every style is a standalone SVG with the text alternative, the same bytes each time", arguments: ids)
    func standalone(id: String) throws {
        let figure = try #require(Catalog.builtIn.move(id: id)?.figure)
        for style in FigureSVG.Style.allCases {
            let svg = FigureSVG.svg(figure, style: style, idPrefix: "m-\(id)")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="))
            #expect(svg.contains("role=\"img\" aria-labelledby=\"m-\(id)-title\""))
            #expect(svg.contains("<title id=\"m-\(id)-title\">"))
            #expect(!svg.contains("nan"))
            #expect(svg == FigureSVG.svg(figure, style: style, idPrefix: "m-\(id)"))
        }
    }

    @Test("animation holds still when motion is reduced, and its names carry the prefix")
    func animated() throws {
        let figure = try #require(Catalog.builtIn.move(id: "cat-cow")?.figure)
        let svg = FigureSVG.svg(figure, style: .animated, idPrefix: "a1")
        #expect(svg.contains("@media (prefers-reduced-motion: reduce){.a1-pose{animation:none}}"))
        #expect(svg.contains("@keyframes a1-show-2{"))
        #expect(svg.contains("<g class=\"a1-pose a1-pose-1\" opacity=\"0\">"))
        #expect(!svg.contains("<script"))
    }

    @Test("text is escaped and a prefix cannot break out of its attribute")
    func escaping() {
        let figure = Figure(view: .side, poses: [FigurePose(), FigurePose()], description: "Arms <up> & \"out\"")
        let svg = FigureSVG.svg(figure, style: .poses, idPrefix: "\"><script>")
        #expect(svg.contains("<title id=\"script-title\">Arms &lt;up&gt; &amp; &quot;out&quot;</title>"))
        #expect(!svg.contains("<script>"))
    }
}
