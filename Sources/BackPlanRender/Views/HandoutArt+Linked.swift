import BackPlanCore

/// The handout's pictures for a page that refers to image files (an email) instead of drawing them inline.
extension HandoutArt {
    /// The side of a QR code's box in CSS pixels, as plan.html's `.card > .qr` (6rem) draws it.
    package static let qrSide = 96

    /// The figure and QR code of each card, as SVG documents with the size each is shown at; a figure once per card key, a code once per move.
    package func pictures(for cards: [PlanCard], siteURL: String?) -> [ArtPicture] {
        var pictures: [ArtPicture] = []
        var seen: Set<String> = []
        for card in cards {
            if let figure = card.move.figure(for: card.way), seen.insert("figure " + card.key).inserted {
                let svg = FigureSVG.svg(figure, style: .poses, idPrefix: "f-" + card.key)
                let size = Self.naturalSize(of: svg)
                pictures.append(ArtPicture(kind: .figure, key: "figure " + card.key, name: card.key, svg: svg,
                                           width: size.width, height: size.height,
                                           pixelWidth: 2 * size.width, pixelHeight: 2 * size.height, alt: figure.description))
            }
            if let siteURL, seen.insert("qr " + card.move.id).inserted {
                let url = Self.pageURL(of: card.move.id, site: siteURL)
                guard let code = try? QRCode(encoding: url) else { continue }
                let alt = "QR code of \(url)"
                let modules = code.size + 8  // the SVG's quiet zone is four modules each side
                let pixels = modules * ((2 * Self.qrSide + modules - 1) / modules)
                pictures.append(ArtPicture(kind: .qr, key: "qr " + card.move.id, name: card.move.id,
                                           svg: code.svg(quietZone: 4, title: alt), width: Self.qrSide, height: Self.qrSide,
                                           pixelWidth: pixels, pixelHeight: pixels, alt: alt))
            }
        }
        return pictures
    }

    /// An `<img>` with its text alternative and the size it is shown at, so a client that blocks images keeps the layout.
    static func image(_ picture: LinkedPicture, alt: String) -> String {
        "<img src=\"\(HTML.escape(picture.source))\" alt=\"\(HTML.escape(alt))\" width=\"\(picture.width)\" height=\"\(picture.height)\">"
    }

    /// The `width` and `height` attributes of an SVG's root element, rounded to whole pixels.
    private static func naturalSize(of svg: String) -> (width: Int, height: Int) {
        let root = svg.prefix { $0 != ">" }
        func attribute(_ name: String) -> Int {
            guard let start = root.range(of: " \(name)=\"") else { return 0 }
            let value = root[start.upperBound...].prefix { $0 != "\"" }
            return Int((Double(value) ?? 0).rounded())
        }
        return (attribute("width"), attribute("height"))
    }
}
