import BackPlanCore
import Foundation

/// The pictures of a run's handouts: each move's figure and, with a site address, the QR code of its page, made once and shared.
///
/// A batch renders thousands of plans over the same twenty moves, so a
/// figure or code is drawn the first time a plan needs it and reused by
/// every later plan, from any worker thread. Plans place them through HTML
/// comments in their Markdown (`figureMarker`, `qrMarker`), which libcmark's
/// output then carries as trusted blocks; structure that Markdown cannot
/// express (a card or a day kept on one page) comes the same way.
package final class HandoutArt: @unchecked Sendable {
    // @unchecked: `catalog` never changes; the caches are read and written only with `lock` held.
    private let catalog: Catalog
    private let lock = NSLock()
    private var figures: [String: [UInt8]?] = [:]
    private var codes: [String: [UInt8]?] = [:]

    package init(catalog: Catalog) {
        self.catalog = catalog
    }

    // MARK: - Markers

    /// The HTML comment in plan.md that the figure of the card with `key` replaces in plan.html.
    package static func figureMarker(_ key: String) -> String { "<!-- backplan:figure \(key) -->" }

    /// The HTML comment in plan.md that the QR code of move `id`'s page replaces in plan.html.
    package static func qrMarker(_ id: String) -> String { "<!-- backplan:qr \(id) -->" }

    /// Markers that open and close an element keeping a card or a day on one printed page.
    package static let structure: [String: [UInt8]] = [
        "<!-- backplan:card -->": Array("<section class=\"card\">\n".utf8),
        "<!-- backplan:end card -->": Array("</section>\n".utf8),
        "<!-- backplan:day -->": Array("<section class=\"day\">\n".utf8),
        "<!-- backplan:end day -->": Array("</section>\n".utf8),
        "<!-- backplan:cards -->": Array("<div class=\"cards\">\n".utf8),
        "<!-- backplan:end cards -->": Array("</div>\n".utf8),
    ]

    /// The address of move `id`'s page on the site at `site` (ending in `/`).
    package static func pageURL(of id: String, site: String) -> String { site + SitePath.exercise(id).value }

    // MARK: - Pictures

    /// The SVG of a card's figure; nil for a move without one.
    package func figure(for card: PlanCard) -> [UInt8]? {
        cached(card.key, in: \.figures) {
            guard let figure = card.move.figure(for: card.way) else { return nil }
            let svg = FigureSVG.svg(figure, style: .poses, idPrefix: "f-" + card.key, embedding: .inHTML)
            return Array("<figure class=\"move-figure\">\(svg)</figure>\n".utf8)
        }
    }

    /// The text alternative of a card's figure: the positions it shows.
    package func figureAlt(for card: PlanCard) -> String? { card.move.figure(for: card.way)?.description }

    /// The SVG of the QR code of `url`; nil if it cannot be one.
    package func qrCode(for url: String) -> [UInt8]? {
        cached(url, in: \.codes) {
            guard let code = try? QRCode(encoding: url) else { return nil }
            let svg = code.svg(title: "QR code of \(url)", inHTML: true)
            return Array("<div class=\"qr\">\(svg)</div>\n".utf8)
        }
    }

    /// Every block a plan with `cards` places into its HTML: the structure, and each card's figure and QR code.
    package func blocks(for cards: [PlanCard], siteURL: String?) -> [String: [UInt8]] {
        var blocks = Self.structure
        for card in cards {
            if let figure = figure(for: card) { blocks[Self.figureMarker(card.key)] = figure }
            if let siteURL, let code = qrCode(for: Self.pageURL(of: card.move.id, site: siteURL)) {
                blocks[Self.qrMarker(card.move.id)] = code
            }
        }
        return blocks
    }

    private func cached(_ key: String, in cache: ReferenceWritableKeyPath<HandoutArt, [String: [UInt8]?]>, make: () -> [UInt8]?) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        if let known = self[keyPath: cache][key] { return known }
        let made = make()
        self[keyPath: cache][key] = .some(made)
        return made
    }
}
