/// Choices of one site build that are not the catalog or the templates.
public struct SiteSettings: Equatable, Sendable {
    /// The site's name, in every page's header and title.
    public var title: String
    /// The address the site is published at, ending in "/"; nil writes no canonical links and no sitemap.
    public private(set) var baseURL: String?
    /// The pages' `lang`: the catalog and templates are English.
    public var language: String

    /// The site title used when `--title` is not given.
    public static let defaultTitle = "Neck and back exercises"

    /// Settings with a base URL checked by `normalizedBaseURL(_:)`; nil when it is not usable.
    public init?(title: String = SiteSettings.defaultTitle, baseURL: String? = nil, language: String = "en") {
        self.title = title
        self.language = language
        if let baseURL {
            guard let normalized = Self.normalizedBaseURL(baseURL) else { return nil }
            self.baseURL = normalized
        }
    }

    /// `https://clinic.example/exercises` as `https://clinic.example/exercises/`, or nil when it is not
    /// an absolute http(s) URL.
    ///
    /// Only URL characters are accepted (no spaces, quotes or angle brackets), so the
    /// value can go into an attribute and an XML element as it is.
    public static func normalizedBaseURL(_ text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&()*+,;=%".unicodeScalars)
        guard text.unicodeScalars.allSatisfy(allowed.contains), !text.contains("?"), !text.contains("#") else { return nil }
        let host = text.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" }
        guard !host.isEmpty else { return nil }
        return text.hasSuffix("/") ? text : text + "/"
    }
}
