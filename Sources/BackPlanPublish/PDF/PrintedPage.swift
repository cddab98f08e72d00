import Foundation

/// Checks and locks the HTML page a PDF engine prints, so that printing fetches nothing.
///
/// WeasyPrint has no switch to stop fetching from its command line, and both
/// engines load `file://` and `http://` references (images, style sheets,
/// fonts, `<link rel=attachment>`) and embed what they get. The page BackPlan
/// renders embeds everything (figures as inline SVG, the logo and QR codes as
/// `data:` images), so a reference to anything else comes from a template or
/// catalog text and is refused before the engine starts.
enum PrintedPage {
    /// The first reference in `html` that an engine would fetch, as shown to the user; nil when there is none.
    static func externalReference(in html: String) -> String? {
        for tag in html.matches(of: tagPattern) {
            let name = tag.output.1.lowercased()
            let attributes = String(tag.output.2)
            for attribute in attributes.matches(of: attributePattern) {
                let key = attribute.output.1.lowercased()
                let value = String(attribute.output.2 ?? attribute.output.3 ?? attribute.output.4 ?? "")
                if key == "style", let problem = cssReference(value) { return problem }
                // A link the reader follows is not fetched while printing.
                if name == "a", key == "href" || key.hasSuffix(":href") { continue }
                guard fetchingAttributes.contains(key) || key.hasSuffix(":href") else { continue }
                if let problem = fetchedValue(value, attribute: "<\(name) \(key)>") { return problem }
            }
        }
        for style in html.matches(of: stylePattern) {
            if let problem = cssReference(String(style.output.1)) { return problem }
        }
        return nil
    }

    /// `html` as an engine prints it: with a Content-Security-Policy that lets Chromium load nothing but `data:` images
    /// and fonts, and with nothing to show on screen.
    ///
    /// The copy an engine gets is only ever printed, but Chromium lays a page
    /// out for its window too: when it loads, and again when printing is done
    /// and switches it back, with more work in the switches between. Hidden on
    /// screen (`@media screen`), the page is laid out for paper alone: about a
    /// third of the layout time of the example plan (docs/printing.md). The
    /// pages printed are the same: the rule does not apply to print media.
    static func locked(_ html: String) -> String {
        let policy = #"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'">"#
            + screenHidden
        guard let head = html.range(of: "<head>", options: .caseInsensitive) else { return policy + html }
        return html.replacingCharacters(in: head, with: html[head] + policy)
    }

    /// The page shows nothing on screen media; print media (the PDF) is untouched.
    static let screenHidden = "<style>@media screen { html { display: none !important; } }</style>"

    // MARK: - Pieces

    private static let fetchingAttributes: Set<String> = ["src", "href", "srcset", "data", "poster", "background", "codebase", "manifest", "cite", "longdesc"]

    nonisolated(unsafe) private static let tagPattern = #/<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/#
    nonisolated(unsafe) private static let attributePattern = #/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/#
    nonisolated(unsafe) private static let stylePattern = #/(?si)<style[^>]*>(.*?)</style>/#

    /// Nil for a reference inside the page (`#id`) or an embedded raster or checked SVG image; else what to show.
    private static func fetchedValue(_ value: String, attribute: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        let lowered = trimmed.lowercased()
        for type in ["png", "jpeg", "gif", "webp"] where lowered.hasPrefix("data:image/\(type);base64,") { return nil }
        if lowered.hasPrefix("data:image/svg+xml;base64,"),
           let data = Data(base64Encoded: String(trimmed.dropFirst("data:image/svg+xml;base64,".count)), options: .ignoreUnknownCharacters),
           case .success = BrandFile.logoMediaType(of: data) {
            return nil
        }
        return "\(attribute) \"\(trimmed.prefix(80))\""
    }

    /// A CSS `url()` to anything but `#id` or an embedded image, or an `@import`; CSS escapes are undone first.
    private static func cssReference(_ css: String) -> String? {
        var text = css
        if text.contains("\\") {
            text = text.replacing(#/\\([0-9a-fA-F]{1,6})\s?/#) { match in
                UInt32(match.output.1, radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
            }.replacing("\\", with: "")
        }
        if text.range(of: "@import", options: .caseInsensitive) != nil { return "a CSS @import" }
        var rest = Substring(text)
        while let range = rest.range(of: "url(", options: .caseInsensitive) {
            let target = rest[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" || $0.isNewline || $0 == "\t" }
            let end = target.firstIndex { $0 == ")" || $0 == "\"" || $0 == "'" } ?? target.endIndex
            if let problem = fetchedValue(String(target[..<end]), attribute: "CSS url()") { return problem }
            rest = rest[range.upperBound...]
        }
        return nil
    }
}
