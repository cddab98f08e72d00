import BackPlanCore

/// Where a file of the site lives, relative to the site's root folder ("exercises/row.html").
///
/// Paths are built only from slugs (`slug(_:)`), so no catalog text can name a
/// file outside the folder; links between pages are relative, so the site works
/// from a folder, a file:// URL or any sub-path of a server.
package struct SitePath: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The path, "/"-separated, never starting with "/" and never containing "..".
    package let value: String

    private init(_ value: String) {
        self.value = value
    }

    package static let index = SitePath("index.html")
    package static let safety = SitePath("safety.html")
    package static let examplePlan = SitePath("example-plan.html")
    package static let style = SitePath("style.css")
    package static let sitemap = SitePath("sitemap.xml")

    /// The page of a move.
    package static func exercise(_ id: String) -> SitePath { SitePath("exercises/\(slug(id)).html") }

    /// The page of a body area.
    package static func area(_ area: Area) -> SitePath { SitePath("areas/\(slug(area.rawValue)).html") }

    /// The link from a page at this path to `target`: "../areas/neck.html" from a move page.
    package func href(to target: SitePath) -> String {
        rootPrefix + target.value
    }

    /// "../" once per folder this path is in, "" at the root.
    package var rootPrefix: String {
        String(repeating: "../", count: value.split(separator: "/").count - 1)
    }

    /// A file-name-safe form of an id: lowercase ASCII letters, digits and single hyphens.
    ///
    /// Catalog ids are already slugs (the catalog reader checks them); this holds
    /// even for a catalog built in code, so a path can never leave its folder.
    package static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "page" : String(out.prefix(64))
    }

    package var description: String { value }

    package static func < (a: SitePath, b: SitePath) -> Bool { a.value < b.value }
}
