import Foundation

extension AtomicFile {
    /// Writes a file of the site whole or not at all, without waiting for the disk.
    ///
    /// Like every write it goes through a temporary file beside the target,
    /// renamed over it, so a reader never sees half a page; it does not
    /// `fsync`, which made a clean build of the site wait on the disk once per
    /// page. A site folder is rebuilt in a moment, so a page lost to a power
    /// cut costs nothing, and durability is not worth that wait.
    package static func replace(_ data: Data, at url: URL, inside root: URL) throws(PublishError) {
        try writeTogether([(url, data)], durability: .deferred, inside: root.path)
    }

    /// Removes a regular file the site no longer produces; symbolic links and folders are left alone.
    ///
    /// Lives beside the writes so that `grep` over `AtomicFile` finds every change BackPlan makes on disk.
    package static func removeFile(at url: URL) throws(PublishError) {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { return }
            try FileManager.default.removeItem(at: url)
        } catch {
            throw PublishError(path: url.path, problem: .cannotWrite(reason(error)))
        }
    }

    /// Removes `folder` if it is an empty folder; anything else is left as it is.
    package static func removeFolderIfEmpty(_ folder: URL) {
        guard let contents = try? FileManager.default.contentsOfDirectory(atPath: folder.path), contents.isEmpty else { return }
        try? FileManager.default.removeItem(at: folder)
    }
}
