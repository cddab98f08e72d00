import BackPlanRender
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

    /// `replace(_:at:inside:)` of bytes given as runs, written one after another and never joined.
    package static func replace(_ chunks: ByteChunks, at url: URL, inside root: URL) throws(PublishError) {
        try writeTogether([(url: url, data: FileBytes.chunks(chunks))], durability: .deferred, inside: root.path)
    }

    /// Removes the regular file at `relativePath` below the folder `root`, and then, with
    /// `emptiedFolders`, each of its folders below `root` that this leaves empty.
    ///
    /// Nothing below `root` is reached by path, as with writes: `root` is opened once (it may be
    /// a link, the user's choice of folder), each folder below it with `openat(O_NOFOLLOW)` from
    /// its parent's descriptor, and the file is removed with `unlinkat` in its folder's
    /// descriptor, after `fstatat` found a regular file there. A folder swapped for a symbolic
    /// link (`site/exercises -> /home/victim`), even between the check and the removal, is
    /// therefore an error naming the link, never a way out; a link or a folder where the file
    /// was is left alone. A folder is removed with `unlinkat(AT_REMOVEDIR)`, which removes only
    /// an empty folder.
    ///
    /// Lives beside the writes so that `grep` over `AtomicFile` finds every change BackPlan makes on disk.
    ///
    /// - Returns: whether a file was removed; false when nothing, or something other than a regular file, is there.
    @discardableResult
    package static func removeFile(_ relativePath: String, inside root: URL, emptiedFolders: Bool = false) throws(PublishError) -> Bool {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = components.last, components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw PublishError(path: relativePath, problem: .unsafePath)
        }
        let rootPath = root.path
        let rootDescriptor = open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else {
            if errno == ENOENT { return false }
            throw PublishError(path: rootPath, problem: .cannotWrite(FileSystemError(code: errno).reason))
        }
        // The descriptors of `root` and of each folder on the way, outermost first.
        var folders: [Int32] = [rootDescriptor]
        defer { for descriptor in folders { close(descriptor) } }
        var path = rootPath
        for folder in components.dropLast() {
            path += "/" + folder
            let descriptor = openat(folders.last!, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else {
                let code = errno
                var status = stat()
                if fstatat(folders.last!, folder, &status, AT_SYMLINK_NOFOLLOW) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
                    throw PublishError(path: path, problem: .cannotWrite(FileSystemError.symbolicLink(path).reason))
                }
                // A folder that is gone, or a file where it was: nothing of ours to remove there.
                if code == ENOENT || code == ENOTDIR { return false }
                throw PublishError(path: path, problem: .cannotWrite(FileSystemError(code: code).reason))
            }
            folders.append(descriptor)
        }
        var status = stat()
        guard fstatat(folders.last!, name, &status, AT_SYMLINK_NOFOLLOW) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        guard unlinkat(folders.last!, name, 0) == 0 else {
            if errno == ENOENT { return false }
            throw PublishError(path: rootPath + "/" + relativePath, problem: .cannotWrite(FileSystemError(code: errno).reason))
        }
        if emptiedFolders {
            // Innermost first; the first folder that is not empty (or no longer a folder) ends it.
            for level in stride(from: components.count - 2, through: 0, by: -1) {
                guard unlinkat(folders[level], components[level], AT_REMOVEDIR) == 0 else { break }
            }
        }
        return true
    }
}
