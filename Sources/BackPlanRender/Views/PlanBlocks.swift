import BackPlanCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    private static let prefix: StaticString = "<!-- backplan:"
    private static let suffix: StaticString = " -->"
    private static let weekGrid: StaticString = "week-grid "
    private static let figure: StaticString = "figure "
    private static let qr: StaticString = "qr "
    private static let structure = HandoutArt.structureBlocks.map { (name: Array($0.name.utf8), html: $0.html) }

    /// Called for every HTML block libcmark finds in a plan, some sixty: bytes are compared with `memcmp`, not element by element.
    func block(for marker: UnsafeBufferPointer<UInt8>) -> CommonMark.TrustedHTML? {
        let (prefix, suffix) = (Self.prefix.utf8CodeUnitCount, Self.suffix.utf8CodeUnitCount)
        guard marker.count > prefix + suffix, Self.starts(marker, with: Self.prefix),
              Self.equal(UnsafeBufferPointer(rebasing: marker[(marker.count - suffix)...]), Self.suffix.utf8Start, suffix) else { return nil }
        let name = UnsafeBufferPointer(rebasing: marker[prefix..<(marker.count - suffix)])
        if Self.starts(name, with: Self.weekGrid) {
            return Self.number(name.dropFirst(Self.weekGrid.utf8CodeUnitCount)).flatMap { $0 >= 1 && $0 <= grids.count ? grids[$0 - 1] : nil }
        }
        if Self.starts(name, with: Self.figure) {
            let key = UnsafeBufferPointer(rebasing: name.dropFirst(Self.figure.utf8CodeUnitCount))
            guard let index = model.cardKeys.firstIndex(where: { Self.equal(key, $0) }) else { return nil }
            return figure(of: model.cards[index], key: model.cardKeys[index])
        }
        if Self.starts(name, with: Self.qr) {
            let id = UnsafeBufferPointer(rebasing: name.dropFirst(Self.qr.utf8CodeUnitCount))
            guard let siteURL = model.look.siteURL, let card = model.cards.first(where: { Self.equal(id, $0.move.id) }) else { return nil }
            return qrCode(of: card, site: siteURL)
        }
        for entry in Self.structure where entry.name.withUnsafeBufferPointer({ Self.equal(name, $0.baseAddress!, $0.count) }) {
            return entry.html
        }
        return nil
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, with text: StaticString) -> Bool {
        bytes.count >= text.utf8CodeUnitCount && equal(UnsafeBufferPointer(rebasing: bytes[..<text.utf8CodeUnitCount]), text.utf8Start, text.utf8CodeUnitCount)
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        bytes.count == count && (count == 0 || memcmp(bytes.baseAddress!, other, count) == 0)
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        guard text.utf8.count == bytes.count else { return false }
        guard !bytes.isEmpty else { return true }
        var text = text
        return text.withUTF8 { equal(bytes, $0.baseAddress!, $0.count) }
    }

    private func figure(of card: PlanCard, key: String) -> CommonMark.TrustedHTML? {
        switch model.look.pictures {
        case .inline:
            return model.art.figure(for: card, key: key)
        case .linked(let linked):
            let html = linked["figure " + key].map { picture in
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
