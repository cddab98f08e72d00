import Foundation

/// The default catalog and templates, embedded in the binary at build time.
///
/// The source of truth is the package's `Data/` and `Templates/` folders; the
/// `EmbedResourcesPlugin` regenerates the embedded copy whenever they change.
package enum DefaultResources {
    /// The default catalog's file name, used in error messages.
    package static let catalogPath = "Data/catalog.yaml"

    /// Every embedded file, keyed by its path relative to the package root.
    package static let files: [String: String] = {
        var files: [String: String] = [:]
        for entry in encoded {
            guard let data = Data(base64Encoded: entry.base64) else {
                preconditionFailure("embedded resource \(entry.path) is not valid base64")
            }
            files[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return files
    }()

    /// The default exercise catalog as YAML text.
    package static var catalogYAML: String {
        guard let text = files[catalogPath] else { preconditionFailure("\(catalogPath) was not embedded") }
        return text
    }

    /// The default templates, keyed by file name (`plan.md.mustache`).
    package static var templates: [String: String] {
        var templates: [String: String] = [:]
        for (path, text) in files where path.hasPrefix("Templates/") {
            templates[String(path.dropFirst("Templates/".count))] = text
        }
        return templates
    }
}
