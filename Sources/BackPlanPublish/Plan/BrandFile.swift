import BackPlanCore
import BackPlanRender
import Foundation

/// Reads a `--brand` file and embeds its logo.
public enum BrandFile {
    /// The largest logo embedded into a page (1 MB), checked before it is read.
    static let maximumLogoBytes = Inputs.smallFileLimit

    /// The brand of `path`, with the logo (a path relative to the brand file) read and embedded.
    ///
    /// - Throws: `InputError` for a bad brand file, `PublishError` for a missing or unusable logo.
    public static func load(_ path: String) throws -> Brand {
        var brand = try Brand(yaml: try Inputs.readText(path, limit: Inputs.smallFileLimit), file: path)
        guard let logoPath = brand.logoPath else { return brand }
        let place = "\(path): logo"
        let parts = logoPath.split(separator: "/", omittingEmptySubsequences: false)
        guard !logoPath.hasPrefix("/"), !logoPath.hasPrefix("~"), !parts.contains("..") else {
            throw PublishError(path: place, problem: .invalid("\(logoPath) is outside the brand file's folder; give a path relative to the brand file, without '..'"))
        }
        let logoURL = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(logoPath)
        let data: Data
        do throws(PublishError) {
            data = try Inputs.readData(logoURL.path, limit: maximumLogoBytes)
        } catch {
            guard case .cannotRead(let reason) = error.problem else { throw PublishError(path: place, problem: error.problem) }
            let what = reason == "no such file" ? "does not exist" : reason
            throw PublishError(path: place, problem: .cannotRead("\(logoPath) \(what) (paths are relative to the brand file)"))
        }
        switch logoMediaType(of: data) {
        case .success(let mediaType):
            brand.logo = Brand.Logo(mediaType: mediaType, base64: data.base64EncodedString())
        case .failure(let problem):
            throw PublishError(path: place, problem: .invalid("\(logoPath) \(problem.reason)"))
        }
        return brand
    }
}

// MARK: - The brand file's YAML

extension Brand {
    /// The keys a brand file may have.
    static let keys = ["name", "address", "phone", "website", "email", "logo"]

    /// Parses a brand file: `name` is required, the rest optional, `logo` a path relative to the file.
    public init(yaml text: String, file: String) throws(InputError) {
        let root = try YAMLValue.parse(text, file: file)
        self.init(name: "")
        for (key, value) in try root.mapping(allowed: Self.keys, required: ["name"]) {
            let text = try value.string().trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.count > 200 || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw value.error(.invalid("expected one line of text of at most 200 characters"))
            }
            switch key {
            case "name": name = text
            case "address": address = text
            case "phone": phone = text
            case "website": website = text
            case "email": email = text
            default: logoPath = text
            }
        }
    }
}
