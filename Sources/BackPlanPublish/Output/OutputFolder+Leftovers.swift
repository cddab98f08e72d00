import Foundation

extension OutputFolder {
    /// Removes what a killed run left: temporary files (`.plan.md.1234.tmp`) of processes that are gone,
    /// in the folder and in each folder directly inside it, then, with `emptyFolders`, the folders
    /// inside it left empty (a batch's person folders; not the site's, where an empty folder may be a user's).
    ///
    /// A run stopped by SIGINT or SIGTERM cleans up itself; one killed outright
    /// (SIGKILL, a power cut) cannot. `batch --skip-existing` calls this first.
    /// A temporary file of a live process (another batch writing into the same
    /// folder) is kept, and so is every link: folders are opened without
    /// following one, and entries removed relative to their folder's descriptor.
    ///
    /// - Returns: how many temporary files and folders were removed.
    @discardableResult
    package func removeLeftovers(emptyFolders: Bool = true) -> (files: Int, folders: Int) {
        let root = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return (0, 0) }
        defer { close(root) }
        var files = 0, folders = 0
        for name in Self.entries(of: root) {
            if Self.isStaleTemporary(name) {
                if unlinkat(root, name, 0) == 0 { files += 1 }
                continue
            }
            let folder = openat(root, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard folder >= 0 else { continue }
            for entry in Self.entries(of: folder) where Self.isStaleTemporary(entry) {
                if unlinkat(folder, entry, 0) == 0 { files += 1 }
            }
            close(folder)
            // Succeeds only for an empty folder.
            if emptyFolders, unlinkat(root, name, AT_REMOVEDIR) == 0 { folders += 1 }
        }
        return (files, folders)
    }

    /// The names in the open folder `descriptor`, read through a duplicate so the caller's stays open.
    private static func entries(of descriptor: Int32) -> [String] {
        let duplicate = dup(descriptor)
        guard duplicate >= 0, let directory = fdopendir(duplicate) else {
            if duplicate >= 0 { close(duplicate) }
            return []
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Whether `name` is one of `AtomicFile`'s temporary files (`.NAME.PID.tmp`, `.NAME.PID-RANDOM.tmp`) whose process is gone.
    static func isStaleTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let stem = name.dropLast(".tmp".count)
        guard let dot = stem.lastIndex(of: ".") else { return false }
        let tail = stem[stem.index(after: dot)...]
        guard let pid = pid_t(tail.split(separator: "-", maxSplits: 1).first ?? ""), pid > 0 else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
