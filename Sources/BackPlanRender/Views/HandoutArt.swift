import BackPlanCore

/// The pictures of a run's handouts: each move's figure and, with a site address, the QR code of its page, made once and shared.
///
/// A batch renders thousands of plans over the same twenty moves, so a
/// figure or code is drawn the first time a plan needs it and reused by
/// every later plan, from any worker thread. Plans place them through HTML
/// comments in their Markdown (`figureMarker`, `qrMarker`), which libcmark's
/// output then carries as trusted blocks; structure that Markdown cannot
/// express (a card or a day kept on one page) comes the same way.
package final class HandoutArt: Sendable {
    private let catalog: Catalog
    /// Drawn pictures by card key and by address; nil where there is none to draw.
    private let figures = Locked<[String: CommonMark.TrustedHTML?]>([:])
    private let codes = Locked<[String: CommonMark.TrustedHTML?]>([:])

    package init(catalog: Catalog) {
        self.catalog = catalog
    }

    // MARK: - Markers

    /// The HTML comment in plan.md that the figure of the card with `key` replaces in plan.html.
    package static func figureMarker(_ key: String) -> String { "<!-- backplan:figure \(key) -->" }

    /// The HTML comment in plan.md that the QR code of move `id`'s page replaces in plan.html.
    package static func qrMarker(_ id: String) -> String { "<!-- backplan:qr \(id) -->" }

    /// Markers that open and close an element keeping a card or a day on one printed page: the word after `backplan:`, and its HTML.
    package static let structureBlocks: [(name: String, html: CommonMark.TrustedHTML)] = [
        ("card", CommonMark.TrustedHTML(Array("<section class=\"card\">\n".utf8))),
        ("end card", CommonMark.TrustedHTML(Array("</section>\n".utf8))),
        ("day", CommonMark.TrustedHTML(Array("<section class=\"day\">\n".utf8))),
        ("end day", CommonMark.TrustedHTML(Array("</section>\n".utf8))),
        ("cards", CommonMark.TrustedHTML(Array("<div class=\"cards\">\n".utf8))),
        ("end cards", CommonMark.TrustedHTML(Array("</div>\n".utf8))),
    ]

    /// The structure markers as a table by their whole text.
    package static var structure: [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: structureBlocks.map { ("<!-- backplan:\($0.name) -->", $0.html.bytes) })
    }

    /// The address of move `id`'s page on the site at `site` (ending in `/`).
    package static func pageURL(of id: String, site: String) -> String { site + SitePath.exercise(id).value }

    // MARK: - Pictures

    /// The SVG of a card's figure; nil for a move without one.
    package func figure(for card: PlanCard) -> CommonMark.TrustedHTML? {
        figure(for: card, key: card.key)
    }

    /// `figure(for:)` for a caller that holds the card's `key` already.
    func figure(for card: PlanCard, key: String) -> CommonMark.TrustedHTML? {
        Self.cached(key, in: figures) {
            guard let figure = card.move.figure(for: card.way) else { return nil }
            let svg = FigureSVG.svg(figure, style: .poses, idPrefix: "f-" + key, embedding: .inHTML)
            return CommonMark.TrustedHTML(Array("<figure class=\"move-figure\">\(svg)</figure>\n".utf8))
        }
    }

    /// The text alternative of a card's figure: the positions it shows.
    package func figureAlt(for card: PlanCard) -> String? { card.move.figure(for: card.way)?.description }

    /// The SVG of the QR code of `url`; nil if it cannot be one.
    package func qrCode(for url: String) -> CommonMark.TrustedHTML? {
        Self.cached(url, in: codes) {
            guard let code = try? QRCode(encoding: url) else { return nil }
            let svg = code.svg(title: "QR code of \(url)", inHTML: true)
            return CommonMark.TrustedHTML(Array("<div class=\"qr\">\(svg)</div>\n".utf8))
        }
    }

    /// Every block a plan with `cards` places into its HTML: the structure, and each card's figure and QR code.
    package func blocks(for cards: [PlanCard], siteURL: String?) -> [String: [UInt8]] {
        var blocks = Self.structure
        for card in cards {
            if let figure = figure(for: card) { blocks[Self.figureMarker(card.key)] = figure.bytes }
            if let siteURL, let code = qrCode(for: Self.pageURL(of: card.move.id, site: siteURL)) {
                blocks[Self.qrMarker(card.move.id)] = code.bytes
            }
        }
        return blocks
    }

    private static func cached(
        _ key: String, in cache: Locked<[String: CommonMark.TrustedHTML?]>, make: () -> CommonMark.TrustedHTML?
    ) -> CommonMark.TrustedHTML? {
        cache.withLock { cache in
            if let known = cache[key] { return known }
            let made = make()
            cache[key] = .some(made)
            return made
        }
    }
}
