/// How plan.html carries its pictures: drawn inline (SVG, the logo as a `data:` URI), or as images the page refers to.
///
/// Most mail clients (Gmail, Outlook) show neither inline SVG nor `data:`
/// images, so an email's HTML refers to image parts of the message instead
/// (`cid:` sources). Rendering stays pure: the publisher makes the images and
/// hands in only where each one is and how large it is shown.
package enum PictureForm: Sendable, Equatable {
    /// Figures and QR codes as inline SVG, the logo as a `data:` URI: a page that needs no other file.
    case inline
    /// Each picture as an `<img>` of the source given for its key (`ArtPicture.key`, `ArtPicture.logoKey`);
    /// a picture without one is left out, so the page never refers to an image that is not there.
    case linked([String: LinkedPicture])
}

/// Where a picture's image is and the size it is shown at, in CSS pixels.
package struct LinkedPicture: Sendable, Equatable {
    /// The `src` of the `<img>`, such as `cid:figure.row.a1b2c3d4@backplan`.
    package var source: String
    package var width: Int
    package var height: Int

    package init(source: String, width: Int, height: Int) {
        self.source = source
        self.width = width
        self.height = height
    }
}

/// A picture of a plan's handout as a standalone SVG document, for a publisher that turns it into an image file.
package struct ArtPicture: Sendable, Equatable {
    /// The key of the brand's logo in `PictureForm.linked`.
    package static let logoKey = "logo"

    package enum Kind: String, Sendable {
        case figure, qr
    }

    package var kind: Kind
    /// Unique in a plan and the same in every plan of a run: "figure row/band", "qr chin-tuck".
    package var key: String
    /// What identifies the picture within its kind: a card's key (move and equipment) or a move's id.
    package var name: String
    /// A whole SVG document, with its namespace, as an image file needs.
    package var svg: String
    /// The size the picture is shown at, in CSS pixels: the figure's natural size, the QR code's box.
    package var width: Int
    package var height: Int
    /// The size of the image made of it, in pixels: twice the shown size, sharp on high-density
    /// screens; for a QR code a whole number of pixels per module, so no module is blurred.
    package var pixelWidth: Int
    package var pixelHeight: Int
    /// The text alternative: the positions a figure shows, or where a QR code leads.
    package var alt: String
}
