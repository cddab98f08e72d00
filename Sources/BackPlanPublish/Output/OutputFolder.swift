import Foundation

/// A folder BackPlan writes into; every path inside it is checked to stay inside it.
package struct OutputFolder: Sendable {
    package let url: URL
    /// The folder's path with a trailing slash, what every path inside it starts with.
    private let prefix: String

    package init(path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        prefix = url.path.hasSuffix("/") ? url.path : url.path + "/"
    }

    /// The URL of a relative path made of safe components (no `..`, no absolute paths, no control characters).
    ///
    /// With every component checked, joining cannot leave the folder, so the
    /// path is joined as text: a batch asks for several per person, and
    /// standardizing a URL each time cost more than planning the person's week.
    package func url(for relativePath: String) throws(PublishError) -> URL {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        let safe = !relativePath.isEmpty && !relativePath.hasPrefix("/") && components.allSatisfy { component in
            !component.isEmpty && component != "." && component != ".."
                && !component.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }
        }
        guard safe else { throw PublishError(path: relativePath, problem: .unsafePath) }
        return URL(fileURLWithPath: prefix + relativePath, isDirectory: false)
    }

    /// Writes every file, after all of them were produced, so a failure while rendering writes nothing,
    /// and all together, so a failure while writing leaves the previous files as they were.
    /// `.synced` (the default) returns once they are on the disk; see `AtomicFile.Durability`.
    package func write(_ files: [(path: String, data: Data)], durability: AtomicFile.Durability = .synced) throws(PublishError) -> [URL] {
        var targets: [(url: URL, data: Data)] = []
        for file in files { targets.append((try url(for: file.path), file.data)) }
        try AtomicFile.writeTogether(targets, durability: durability, inside: url.path)
        return targets.map(\.url)
    }
}
