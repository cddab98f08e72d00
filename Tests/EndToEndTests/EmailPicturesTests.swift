import Foundation
import Testing

/// The email's HTML shows its figures, QR codes and logo as PNG parts (`cid:`), drawn by `rsvg-convert`, or goes without them.
@Suite("backplan email: pictures as images mail clients show")
struct EmailPicturesTests {
    static let brand = """
        name: Riverside Physio
        phone: +44 1234 567890
        logo: logo.svg

        """
    static let logo = """
        <svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60">
        <rect width="240" height="60" fill="#0a5"/><circle cx="30" cy="30" r="20" fill="#fff"/>
        </svg>

        """

    /// Writes the email of Zoë's plan with a brand and site links, in `environment`.
    static func email(_ scratch: ScratchFolder, environment: [String: String] = [:]) throws -> Backplan.Result {
        try scratch.write("zoe.yaml", EmailCommandTests.preferences + "equipment: [resistance-band, dumbbells, chair]\n")
        try scratch.write("brand.yaml", brand)
        try scratch.write("logo.svg", logo)
        return try Backplan.run(["email", "zoe.yaml", "--from", "praxis@example.org", "--brand", "brand.yaml",
                                 "--site-url", "https://example.org/moves", "--output", "mail", "--verbose"],
                                in: scratch.url, environment: environment)
    }

    /// Each `<img>` of an HTML text: its attributes by name.
    static func images(in html: String) throws -> [[String: String]] {
        let tag = try Regex(#"<img\b[^>]*>"#), attribute = try Regex(#"([a-z]+)="([^"]*)""#)
        return html.matches(of: tag).map { match in
            let text = String(html[match.range])
            return Dictionary(text.matches(of: attribute).map { (String($0.output[1].substring!), String($0.output[2].substring!)) }) { first, _ in first }
        }
    }

    @Test("every figure, QR code and the logo is an <img> of a cid: PNG part in a multipart/related, and every part is used",
          .enabled(if: PythonInspector.available("email"), "needs python3"),
          .enabled(if: toolExists("rsvg-convert"), "needs rsvg-convert (apt-get install librsvg2-bin)"))
    func linkedImages() throws {
        let scratch = try ScratchFolder()
        let result = try Self.email(scratch)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "mail/plan.eml\n", "nothing left out, so --verbose has nothing to add")
        #expect(result.stderr.isEmpty)

        let message = try PythonInspector.message(scratch.url.appendingPathComponent("mail/plan.eml"))
        #expect(message.defects.isEmpty)
        #expect(message.maxLineOctets <= 76 && message.bareLf == 0 && message.bodyAscii)
        let alternative = try #require(message.tree.parts?.first)
        #expect(message.tree.type == "multipart/mixed" && alternative.type == "multipart/alternative")
        #expect(alternative.parts?.map(\.type) == ["text/plain", "multipart/related"])
        let related = try #require(alternative.parts?.last)
        #expect(related.params?["type"] == "text/html")
        let relatedParts = try #require(related.parts)
        #expect(relatedParts.first?.type == "text/html")
        let imageParts = Array(relatedParts.dropFirst())
        #expect(imageParts.count >= 3 && imageParts.allSatisfy { $0.type == "image/png" })
        #expect(message.tree.leaves("image/png").count == imageParts.count, "no image outside the related part")

        let html = try #require(relatedParts.first?.text)
        #expect(!html.contains("<svg") && !html.contains("data:"), "nothing most mail clients would not show")
        let images = try Self.images(in: html)
        let sources = Set(images.compactMap { $0["src"] })
        #expect(sources.allSatisfy { $0.hasPrefix("cid:") && $0.hasSuffix("@backplan") })
        let parts = Dictionary(imageParts.compactMap { part in part.contentId.map { ("cid:" + $0.dropFirst().dropLast(), part) } }) { first, _ in first }
        #expect(imageParts.allSatisfy { $0.contentId?.hasPrefix("<") == true && $0.contentId?.hasSuffix("@backplan>") == true })
        #expect(Set(parts.keys) == sources, "every cid: resolves to a part and every part is referred to")
        #expect(sources.contains { $0.hasPrefix("cid:figure.") } && sources.contains { $0.hasPrefix("cid:qr.") } && sources.contains { $0.hasPrefix("cid:logo.") })
        #expect(images.contains { $0["class"] == "logo" && $0["alt"] == "Riverside Physio" })

        for image in images {
            let source = try #require(image["src"])
            let part = try #require(parts[source])
            let width = try #require(image["width"].flatMap(Int.init)), height = try #require(image["height"].flatMap(Int.init))
            #expect(image["alt"]?.isEmpty == false, "\(source) has a text alternative")
            #expect(part.disposition == "inline" && part.filename?.hasSuffix(".png") == true, "\(source)")
            #expect(part.encoding == "base64")
            #expect(part.png == true, "\(source) is a real PNG")
            // Drawn at twice the size shown (a QR code at a little more, a whole number of pixels per module), sharp on high-density screens.
            let pixels = (try #require(part.pngWidth), try #require(part.pngHeight))
            #expect(pixels.0 >= 2 * width - 1 && pixels.0 < 3 * width && pixels.1 >= 2 * height - 1 && pixels.1 < 3 * height,
                    "\(source): \(pixels.0)x\(pixels.1) pixels shown at \(width)x\(height)")
        }
        let figureAlts = images.filter { $0["src"]?.hasPrefix("cid:figure.") == true }.compactMap { $0["alt"] }
        #expect(figureAlts.allSatisfy { $0.count > 20 }, "a figure's alternative says the positions, not just the name")
    }

    @Test("without rsvg-convert the email keeps its text and steps, with no images and no broken references; --verbose says why")
    func withoutRasterizer() throws {
        let scratch = try ScratchFolder()
        let result = try Self.email(scratch, environment: EmailCommandTests.pathWithoutRasterizer)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "mail/plan.eml\nThe email's HTML goes without figures, QR codes and an SVG logo: rsvg-convert was not found on the PATH (install librsvg2-bin)\n")
        #expect(result.stderr.isEmpty)
        let eml = try scratch.read("mail/plan.eml").replacingOccurrences(of: "=\r\n", with: "")  // quoted-printable soft breaks
        #expect(!eml.contains("cid:") && !eml.contains("Content-ID:") && !eml.contains("image/png") && !eml.contains("multipart/related"))
        #expect(!eml.contains("data:image"), "no data: logo either: most clients show it broken")
        #expect(eml.contains("Your moves") && eml.contains("How much:"), "the cards and their steps are there")
    }
}
