import BackPlanCore

/// A clinic's details shown on the cover and in the footer of printed plans; read from a `--brand` file by `BrandFile` in BackPlanPublish.
public struct Brand: Equatable, Sendable {
    public var name: String
    public var address: String?
    public var phone: String?
    public var website: String?
    public var email: String?
    /// Path of the logo as written in the brand file, resolved by the publisher.
    public var logoPath: String?
    /// The logo embedded in the page (never fetched over the network).
    public var logo: Logo?

    public init(name: String) {
        self.name = name
    }

    /// An image embedded as a data URI.
    public struct Logo: Equatable, Sendable {
        public var mediaType: String
        public var base64: String

        public init(mediaType: String, base64: String) {
            self.mediaType = mediaType
            self.base64 = base64
        }

        var dataURI: String { "data:\(mediaType);base64,\(base64)" }
    }

    /// The brand's fields and logo as stable text, for plan ids.
    public var canonicalText: String {
        var logoHash = Fingerprint()
        if let logo { logoHash.combine(logo.mediaType); logoHash.combine(logo.base64) }
        return [name, address ?? "", phone ?? "", website ?? "", email ?? "", logo == nil ? "" : logoHash.hex()].joined(separator: "\n")
    }

    /// The contact line: "12 River St · +44 1234 · riverside.example".
    var contact: String {
        [address, phone, website, email].compactMap { $0 }.joined(separator: " · ")
    }
}
