import BackPlanCore
import Foundation

/// Every figure the site shows: a move page's figures, drawn for its page, and each move's small figure for lists, drawn once per build.
///
/// Pages place them through HTML comments in their Markdown (`marker(_:)`,
/// `thumbMarker(_:)`), which libcmark's output carries as trusted blocks, as the
/// plan does with its handout figures. A move page's figure is the animated
/// SVG on screen (held still under `prefers-reduced-motion`) and the key poses
/// side by side on paper; its `<title>` says the positions. The small figure
/// stands beside the move's name, so it is hidden from screen readers and has
/// no title and no id: it may appear any number of times on one page.
struct SiteFigures: Sendable {
    /// Each move page's figures by figure name (`<id>` or `<id>-<way>`, as `Exercise.figures` names them); drawn when a page asks.
    private var large: [String: Figure] = [:]
    /// The small figure of each move by its id, drawn here: every list shows them, many times over.
    private var small: [String: CommonMark.TrustedHTML] = [:]

    /// With `spill`, the small figures are kept there once drawn, not in memory: a catalog of 10,000
    /// moves has 20 MB of them, wanted only when a list page is written (docs/benchmarks.md).
    init(catalog: Catalog, spill: (any ByteSpill)? = nil) {
        for move in catalog.moves {
            for (name, figure) in move.figures { large[name] = figure }
            if let first = move.ways.lazy.compactMap(move.figure(for:)).first ?? move.figure {
                let id = move.id
                small[id] = CommonMark.TrustedHTML(Self.thumb(first, id: id), spill: spill) { Self.thumb(first, id: id) }
            }
        }
    }

    // MARK: - Markers

    /// The HTML comment in a move page's Markdown that the figure named `name` replaces.
    static func marker(_ name: String) -> String { "<!-- backplan:figure \(name) -->" }

    /// The HTML comment in a list's Markdown that move `id`'s small figure replaces.
    static func thumbMarker(_ id: String) -> String { "<!-- backplan:thumb \(id) -->" }

    /// The name of the figure shown for `way`, as `Exercise.figures` names it; nil when the move has none.
    static func name(of way: Way, in move: Exercise) -> String? {
        way.figure != nil ? "\(move.id)-\(way.slug)" : move.figure != nil ? move.id : nil
    }

    /// The marker of move `id`'s small figure, or "" when it has none (a custom catalog's move without a picture).
    func thumbMarker(_ id: String) -> String { small[id] == nil ? "" : Self.thumbMarker(id) }

    /// The marker of the figure named `name`, or "" when there is none.
    func marker(_ name: String?) -> String { name.flatMap { large[$0] == nil ? nil : Self.marker($0) } ?? "" }

    /// The blocks of a page showing the figures named `names` and the small figures of moves `ids`.
    /// Each small figure is the one copy drawn for the build, shared by every page (`ByteChunks`).
    func blocks(figures names: [String], thumbs ids: [String]) -> [String: CommonMark.TrustedHTML] {
        var blocks: [String: CommonMark.TrustedHTML] = [:]
        for name in names {
            if let figure = large[name] { blocks[Self.marker(name)] = CommonMark.TrustedHTML(Array(Self.pageFigure(figure, name: name).utf8)) }
        }
        for id in ids { if let html = small[id] { blocks[Self.thumbMarker(id)] = html } }
        return blocks
    }

    // MARK: - Drawing

    /// The animated figure for the screen and the key poses side by side for paper; ids start with `fig-<name>`.
    private static func pageFigure(_ figure: Figure, name: String) -> String {
        let prefix = "fig-" + SitePath.slug(name)
        let geometry = FigureSVG.Geometry(figure)
        let animated = FigureSVG.svg(geometry, style: .animated, idPrefix: prefix, embedding: .inHTML)
        let poses = FigureSVG.svg(geometry, style: .poses, idPrefix: prefix + "-poses", embedding: .inHTML)
        return "<figure class=\"move-art\">\n<div class=\"move-art-screen\">\n\(animated)</div>\n<div class=\"move-art-print\">\n\(poses)</div>\n</figure>\n"
    }

    /// The first pose, small and decorative: no role, title or id, hidden from screen readers.
    private static func thumb(_ figure: Figure, id: String) -> [UInt8] {
        let prefix = "thumb-" + SitePath.slug(id)
        let svg = FigureSVG.svg(figure, style: .small, idPrefix: prefix, embedding: .decorative)
        return Array("<span class=\"thumb\" aria-hidden=\"true\">\(svg.trimmingSuffixNewlines)</span>\n".utf8)
    }
}

private extension String {
    var trimmingSuffixNewlines: Substring {
        var text = self[...]
        while text.hasSuffix("\n") { text = text.dropLast() }
        return text
    }
}
