import BackPlanCore

/// The trusted HTML each marker of a plan's Markdown stands for, worked out from the marker itself.
///
/// A plan's Markdown carries a few dozen markers (`<!-- backplan:week-grid 2 -->`,
/// a card's figure and QR code, the sections that keep a card or a day on one
/// page). Reading what a marker names costs less than building a table of every
/// block for each plan; figures and codes come from `HandoutArt`, drawn once per run.
/// A marker this plan has nothing for is left to safe mode, as an unknown one is.
struct PlanBlocks {
    let model: PlanModel
    /// Each week's grid, by week index.
    let grids: [CommonMark.TrustedHTML]

    private static let prefix = Array("<!-- backplan:".utf8)
    private static let suffix = Array(" -->".utf8)
    private static let weekGrid = Array("week-grid ".utf8)
    private static let figure = Array("figure ".utf8)
    private static let qr = Array("qr ".utf8)
    private static let structure = HandoutArt.structureBlocks.map { (name: Array($0.name.utf8), html: $0.html) }

    func block(for marker: UnsafeBufferPointer<UInt8>) -> CommonMark.TrustedHTML? {
        guard marker.count > Self.prefix.count + Self.suffix.count, marker.starts(with: Self.prefix),
              marker.reversed().starts(with: Self.suffix.reversed()) else { return nil }
        let name = UnsafeBufferPointer(rebasing: marker[Self.prefix.count..<(marker.count - Self.suffix.count)])
        if name.starts(with: Self.weekGrid) {
            return Self.number(name.dropFirst(Self.weekGrid.count)).flatMap { $0 >= 1 && $0 <= grids.count ? grids[$0 - 1] : nil }
        }
        if name.starts(with: Self.figure) {
            let key = name.dropFirst(Self.figure.count)
            guard let index = model.cardKeys.firstIndex(where: { $0.utf8.elementsEqual(key) }) else { return nil }
            return figure(of: model.cards[index])
        }
        if name.starts(with: Self.qr) {
            let id = name.dropFirst(Self.qr.count)
            guard let siteURL = model.look.siteURL, let card = model.cards.first(where: { $0.move.id.utf8.elementsEqual(id) }) else { return nil }
            return qrCode(of: card, site: siteURL)
        }
        return Self.structure.first { $0.name.elementsEqual(name) }?.html
    }

    private func figure(of card: PlanCard) -> CommonMark.TrustedHTML? {
        switch model.look.pictures {
        case .inline:
            return model.art.figure(for: card)
        case .linked(let linked):
            let html = linked["figure " + card.key].map { picture in
                "<figure class=\"move-figure\">\(HandoutArt.image(picture, alt: model.art.figureAlt(for: card) ?? card.move.name))</figure>\n"
            }
            return CommonMark.TrustedHTML(Array((html ?? "").utf8))
        }
    }

    private func qrCode(of card: PlanCard, site: String) -> CommonMark.TrustedHTML? {
        let url = HandoutArt.pageURL(of: card.move.id, site: site)
        switch model.look.pictures {
        case .inline:
            return model.art.qrCode(for: url)
        case .linked(let linked):
            let html = linked["qr " + card.move.id].map { picture in
                "<div class=\"qr\">\(HandoutArt.image(picture, alt: "QR code of \(url)"))</div>\n"
            }
            return CommonMark.TrustedHTML(Array((html ?? "").utf8))
        }
    }

    /// A week number as `WeekGrid.marker` writes it: decimal digits, no sign or leading zero.
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard let first = digits.first, first != UInt8(ascii: "0"), digits.count <= 6 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}
