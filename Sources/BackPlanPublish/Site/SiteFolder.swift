import Foundation

/// The site's output folder, brought in step with a new build: only changed bytes are written.
///
/// The folder gets a manifest, `.backplan-site`, listing the files the site wrote.
/// The site is written only into a folder that is absent, empty, or carries that
/// manifest, or with `force` into any folder; and it never replaces a file the
/// manifest does not list (one with the same bytes is taken over). Stale files are
/// removed only when the manifest lists them: a file someone added (a `CNAME`, an
/// `.htaccess`) stays.
package struct SiteFolder {
    /// The manifest's file name; deleting it stops BackPlan from removing anything there.
    package static let manifestName = ".backplan-site"

    package let output: OutputFolder
    /// Write into a folder that holds other files (`site --force`); their files are still never replaced.
    package var force = false

    package init(path: String, force: Bool = false) {
        output = OutputFolder(path: path)
        self.force = force
    }

    /// Writes the files whose bytes differ, removes stale ones where allowed, and says what it did.
    ///
    /// Every path is checked before anything is written, so an unsafe path writes nothing.
    package func sync(_ files: [(path: String, data: Data)]) throws(PublishError) -> SiteReport {
        var targets: [(path: String, url: URL, data: Data)] = []
        for file in files { targets.append((file.path, try output.url(for: file.path), file.data)) }
        let previous = try manifest()
        if previous == nil, !force, !isAbsentOrEmpty {
            throw PublishError(path: output.url.path, problem: .invalid(
                "the folder holds files that backplan site did not write; choose a new or empty folder, or pass --force to add the site beside them (no file of theirs is replaced)"))
        }
        let isManaged = true
        let owned = Set(previous ?? [])
        var existingData: [Data?] = []
        for target in targets {
            let existing = Self.regularFileContents(target.url)
            if !owned.contains(target.path), Self.exists(target.url), existing != target.data {
                throw PublishError(path: target.path, problem: .cannotWrite(
                    "a file that backplan site did not write is in the way; move it, or choose another folder"))
            }
            existingData.append(existing)
        }

        var report = SiteReport(folder: output.url, written: [], unchanged: [], removed: [], isManaged: isManaged)
        // Writes refuse any symbolic link below the folder (`AtomicFile.writeTogether(_:inside:)`).
        for (target, existing) in zip(targets, existingData) {
            if existing == target.data {
                report.unchanged.append(target.path)
            } else {
                try AtomicFile.replace(target.data, at: target.url, inside: output.url)
                report.written.append(target.path)
            }
        }
        guard isManaged else { return report }

        let current = Set(targets.map(\.path))
        for stale in (previous ?? []).filter({ !current.contains($0) }).sorted() {
            guard let url = try? output.url(for: stale), FileManager.default.fileExists(atPath: url.path) else { continue }
            try checkInsideRealFolder(url, path: stale)
            try AtomicFile.removeFile(at: url)
            report.removed.append(stale)
            var folder = url.deletingLastPathComponent().standardizedFileURL
            while folder.path.count > output.url.path.count, folder.path.hasPrefix(output.url.path) {
                AtomicFile.removeFolderIfEmpty(folder)
                folder = folder.deletingLastPathComponent().standardizedFileURL
            }
        }
        try writeManifest(targets.map(\.path))
        return report
    }

    // MARK: - Manifest

    private var manifestURL: URL { output.url.appendingPathComponent(Self.manifestName) }

    /// The files the last build listed, or nil when the folder has no manifest.
    private func manifest() throws(PublishError) -> [String]? {
        guard FileManager.default.fileExists(atPath: manifestURL.path) else { return nil }
        let text: String
        do {
            text = try String(contentsOf: manifestURL, encoding: .utf8)
        } catch {
            throw PublishError(path: manifestURL.path, problem: .cannotRead(AtomicFile.reason(error)))
        }
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    private func writeManifest(_ paths: [String]) throws(PublishError) {
        let header = "# Files written by `backplan site`. It removes those a later build no longer makes;\n"
            + "# delete this file and it will never remove anything from this folder.\n"
        let data = Data((header + paths.sorted().map { $0 + "\n" }.joined()).utf8)
        if (try? Data(contentsOf: manifestURL)) != data {
            try AtomicFile.replace(data, at: manifestURL, inside: output.url)
        }
    }

    // MARK: - Safety

    /// Whether anything (a file, a link, a folder) is at `url`.
    private static func exists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }

    /// The bytes of a regular file at `url`, not following a link; nil for anything else.
    private static func regularFileContents(_ url: URL) -> Data? {
        var status = stat()
        guard lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return try? Data(contentsOf: url)
    }

    private var isAbsentOrEmpty: Bool {
        guard let contents = try? FileManager.default.contentsOfDirectory(atPath: output.url.path) else { return true }
        return contents.isEmpty
    }

    /// Refuses a path whose existing folders lead outside the output folder through a symbolic link.
    private func checkInsideRealFolder(_ url: URL, path: String) throws(PublishError) {
        var parent = url.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: parent.path), parent.path.count > output.url.path.count {
            parent = parent.deletingLastPathComponent()
        }
        let root = output.url.resolvingSymlinksInPath().path
        let real = parent.resolvingSymlinksInPath().path
        guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw PublishError(path: path, problem: .unsafePath)
        }
    }
}
