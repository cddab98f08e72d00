import BackPlanCore
import BackPlanRender
import Foundation

/// The pictures of a run's emails as image parts: each drawn to PNG once and shared by every message, from any worker thread.
///
/// A batch emails thousands of plans over the same twenty moves, so a
/// figure's PNG is made the first time a message needs it. Drawing happens
/// outside the lock, so two workers may draw the same picture once each at
/// the start of a run; neither waits for the other's child process.
package final class MailPictures: Sendable {
    private let images = Locked<[String: Data]>([:])

    /// The largest height a logo is shown at in an email, in CSS pixels, as plan.html's `header.brand .logo` allows.
    static let logoHeight = 64

    package init() {}

    /// What one message carries of its plan's pictures: how its HTML refers to them, the image parts, and whether any were left out.
    package struct Attachment: Sendable {
        package var form: PictureForm
        package var parts: [MailMessage.Part]
        /// Pictures the message goes without: there was no `rsvg-convert`, or a logo in a format mail cannot show.
        package var leftOut: [String]
    }

    /// The image parts of a message and the `cid:` sources of its HTML.
    ///
    /// Content-IDs are made of the picture's key and the plan id, so the same
    /// plan gives the same bytes. Without a rasterizer the figures and codes are
    /// left out (the steps carry the move), and so is an SVG logo; a PNG, JPEG or GIF logo goes as it is.
    package func attachment(for pictures: [ArtPicture], brand: Brand?, planID: String,
                            rasterizer: SVGRasterizer?) throws(PublishError) -> Attachment {
        var linked: [String: LinkedPicture] = [:]
        var parts: [MailMessage.Part] = []
        var leftOut: [String] = []
        if let logo = brand?.logo {
            if let image = try logoImage(logo, rasterizer: rasterizer) {
                let contentID = "logo.\(planID)@backplan"
                linked[ArtPicture.logoKey] = LinkedPicture(source: "cid:" + contentID, width: image.width, height: image.height)
                parts.append(Self.part(image.data, mediaType: image.mediaType, fileName: "logo." + image.fileExtension, contentID: contentID))
            } else {
                leftOut.append("the logo")
            }
        }
        for picture in pictures {
            guard let rasterizer else {
                leftOut.append(picture.kind == .figure ? "the figure of \(picture.name)" : "the QR code of \(picture.name)")
                continue
            }
            let png = try cached(picture.key + " \(picture.pixelWidth)x\(picture.pixelHeight)") { () throws(PublishError) in
                try rasterizer.png(of: picture.svg, width: picture.pixelWidth, height: picture.pixelHeight, what: picture.key)
            }
            let name = Self.atom(picture.name)
            let contentID = "\(picture.kind.rawValue).\(name).\(planID)@backplan"
            linked[picture.key] = LinkedPicture(source: "cid:" + contentID, width: picture.width, height: picture.height)
            parts.append(Self.part(png, mediaType: "image/png", fileName: "\(picture.kind.rawValue)-\(name).png", contentID: contentID))
        }
        return Attachment(form: .linked(linked), parts: parts, leftOut: leftOut)
    }

    /// An inline image part, referred to by its Content-ID.
    private static func part(_ data: Data, mediaType: String, fileName: String, contentID: String) -> MailMessage.Part {
        MailMessage.Part(contentType: mediaType, content: .inline(data, fileName: fileName, contentID: contentID))
    }

    /// A card key or move id as dot-atom text for a Content-ID: `row/band+dumbbell` is `row.band_dumbbell`.
    ///
    /// Ids and equipment names are slugs (letters, digits, hyphens), so the mapping is one to one.
    static func atom(_ name: String) -> String {
        String(name.map { character -> Character in
            switch character {
            case "/": "."
            case "+": "_"
            case "a"..."z", "A"..."Z", "0"..."9", "-": character
            default: "-"
            }
        })
    }

    private struct Image {
        var data: Data
        var mediaType: String
        var fileExtension: String
        var width: Int, height: Int
    }

    /// The logo as an image mail clients show, and the size it is shown at; nil when it cannot be one here.
    private func logoImage(_ logo: Brand.Logo, rasterizer: SVGRasterizer?) throws(PublishError) -> Image? {
        guard let data = Data(base64Encoded: logo.base64) else { return nil }
        let kinds = ["image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"]
        if let fileExtension = kinds[logo.mediaType], let size = ImageHeader.size(of: data), size.width > 0, size.height > 0 {
            let height = min(size.height, Self.logoHeight)
            let width = Int((Double(size.width) * Double(height) / Double(size.height)).rounded())
            return Image(data: data, mediaType: logo.mediaType, fileExtension: fileExtension, width: max(width, 1), height: height)
        }
        // An SVG logo is drawn at twice the height it is shown at, its width following its proportions.
        guard logo.mediaType == "image/svg+xml", let rasterizer else { return nil }
        let key = "logo " + Fingerprint(logo.base64).hex()
        let png = try cached(key) { () throws(PublishError) in
            try rasterizer.png(of: String(decoding: data, as: UTF8.self), width: nil, height: 2 * Self.logoHeight, what: "the logo")
        }
        guard let size = ImageHeader.size(of: png) else { return nil }
        return Image(data: png, mediaType: "image/png", fileExtension: "png",
                     width: max((size.width + 1) / 2, 1), height: Self.logoHeight)
    }

    private func cached(_ key: String, make: () throws(PublishError) -> Data) throws(PublishError) -> Data {
        if let known = images.withLock({ $0[key] }) { return known }
        let made = try make()
        return images.withLock { images in
            if let earlier = images[key] { return earlier }
            images[key] = made
            return made
        }
    }
}
