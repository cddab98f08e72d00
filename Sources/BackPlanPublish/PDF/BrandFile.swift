import BackPlanCore
import BackPlanRender
import Foundation

/// Reads a `--brand` file and embeds its logo.
public enum BrandFile {
    /// The largest logo embedded into a page.
    static let maximumLogoBytes = 1_000_000

    /// The brand of `path`, with the logo (a path relative to the brand file) read and embedded.
    ///
    /// - Throws: `InputError` for a bad brand file, `PublishError` for a missing or unusable logo.
    public static func load(_ path: String) throws -> Brand {
        var brand = try Brand(yaml: try Inputs.readText(path), file: path)
        guard let logoPath = brand.logoPath else { return brand }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let logoURL = logoPath.hasPrefix("/") ? URL(fileURLWithPath: logoPath) : base.appendingPathComponent(logoPath)
        guard let data = FileManager.default.contents(atPath: logoURL.path) else {
            throw PublishError(path: "\(path): logo", problem: .cannotRead("\(logoPath) does not exist or cannot be read (paths are relative to the brand file)"))
        }
        guard data.count <= maximumLogoBytes else {
            throw PublishError(path: "\(path): logo", problem: .invalid("\(logoPath) is \(data.count / 1000) kB; use an image of at most \(maximumLogoBytes / 1000) kB"))
        }
        guard let mediaType = mediaType(of: data) else {
            throw PublishError(path: "\(path): logo", problem: .invalid("\(logoPath) is not a PNG, JPEG, GIF, WebP or SVG image"))
        }
        brand.logo = Brand.Logo(mediaType: mediaType, base64: data.base64EncodedString())
        return brand
    }

    /// The image type from the file's first bytes, not its name.
    static func mediaType(of data: Data) -> String? {
        let bytes = [UInt8](data.prefix(12))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        if let text = String(data: data.prefix(2048), encoding: .utf8), text.contains("<svg") { return "image/svg+xml" }
        return nil
    }
}
