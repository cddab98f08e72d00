import BackPlanRender
import Foundation

/// The only place BackPlan writes files: whole or not at all.
///
/// Every file is written to a temporary file beside its target with plain
/// POSIX calls and renamed over the target, so a reader never sees half a
/// file. Whether each file also waits for the disk is the caller's choice
/// (`Durability`): one plan does, a batch run syncs once at its end.
package enum AtomicFile {
    /// Removes a helper's temporary folder, trying again for up to a second: a helper killed a moment ago may still
    /// be finishing a write there (a file made again, a folder not yet empty), which would otherwise leave it behind.
    static func removeTemporaryFolder(_ folder: URL) {
        for _ in 0..<50 {
            try? FileManager.default.removeItem(at: folder)
            if !FileManager.default.fileExists(atPath: folder.path) { return }
            usleep(20_000)
        }
    }

    /// Whether a write waits until its files are on the disk.
    package enum Durability: Sendable {
        /// Each file is flushed (`fsync`) before it replaces its target, and its folder after:
        /// `plan` writes one person's files and returns only once they are safe.
        case synced
        /// Nothing is flushed: flushing every file made a batch run wait on the disk twice per
        /// person. The caller flushes the whole file system once when done (`syncFileSystem(of:)`);
        /// a power cut before that can leave renamed files empty.
        case deferred
    }

    /// Writes a set of files so that a failure while writing leaves the old set as it was.
    ///
    /// Every file is first written in full to a temporary file beside its target,
    /// and every target is checked not to be a folder; only then are they renamed
    /// over their targets. A full disk, a missing permission or a folder in the way
    /// therefore leaves the old set (plan.md, plan.html, ... of one plan id)
    /// untouched, and the folders this call made are removed again (when empty),
    /// so a failure leaves no empty person folder. The renames themselves are not
    /// one transaction: a failing rename after the checks, which needs the file
    /// system to change under us, can still leave a mixed set.
    ///
    /// With `root` (the output folder), nothing below it is reached by path: the
    /// root is opened once, each folder below it with `openat(O_NOFOLLOW)` from
    /// its parent's descriptor, the temporary file made with `openat(O_EXCL |
    /// O_NOFOLLOW)` in its folder's descriptor and renamed with `renameat`. A
    /// symbolic link below the root (`out/ann -> /home/victim`), even one swapped
    /// in while the files are written, is therefore an error naming it, never a
    /// way out. The root itself may be a link: it is the user's choice of folder.
    package static func writeTogether(_ files: [(url: URL, data: Data)], durability: Durability = .synced, inside root: String? = nil) throws(PublishError) {
        try writeTogether(files.map { (url: $0.url, data: FileBytes.data($0.data)) }, durability: durability, inside: root)
    }

    /// A file's bytes: one buffer, or runs written one after another (`ByteChunks`).
    enum FileBytes {
        case data(Data)
        case chunks(ByteChunks)

        /// Hands each run to `write` in order; false as soon as one fails.
        func write(_ write: (UnsafeRawBufferPointer) -> Bool) -> Bool {
            switch self {
            case .data(let data):
                return data.withUnsafeBytes(write)
            case .chunks(let chunks):
                return chunks.forEachRun(write)
            }
        }
    }

    static func writeTogether(_ files: [(url: URL, data: FileBytes)], durability: Durability, inside root: String?) throws(PublishError) {
        var folders = FolderTree()
        defer { folders.close() }
        var staged: [(folder: Int32, temporary: String, name: String, target: String)] = []
        func discard() {
            for file in staged { unlinkat(file.folder, file.temporary, 0) }
            folders.removeMadeFolders()
        }
        for file in files {
            let target = file.url.path
            let folder = parent(of: target)
            let name = String(target[target.index(after: target.lastIndex(of: "/") ?? target.startIndex)...])
            do throws(FileSystemError) {
                let descriptor = try folders.open(folder, root: root.map(trimmed) ?? folder)
                var status = stat()
                if fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 {
                    if root != nil, (status.st_mode & S_IFMT) == S_IFLNK {
                        throw FileSystemError.symbolicLink(target)
                    }
                    if (status.st_mode & S_IFMT) == S_IFDIR {
                        throw FileSystemError(reason: "a folder of that name is in the way")
                    }
                }
                staged.append((descriptor, try create(in: descriptor, besides: name, data: file.data, sync: durability == .synced), name, target))
            } catch {
                discard()
                throw PublishError(path: error.path ?? (error.isAboutFolder ? folder : target), problem: .cannotWrite(error.reason))
            }
        }
        for (index, file) in staged.enumerated() where renameat(file.folder, file.temporary, file.folder, file.name) != 0 {
            let error = FileSystemError(code: errno)
            for rest in staged[index...] { unlinkat(rest.folder, rest.temporary, 0) }
            throw PublishError(path: file.target, problem: .cannotWrite(error.reason))
        }
        if durability == .synced {
            // The renames are entries of the folders, and a new folder is an entry of its parent:
            // flushed too, or a power cut could undo them.
            do throws(FileSystemError) {
                try folders.flush(written: Set(staged.map(\.folder)))
            } catch {
                throw PublishError(path: error.path ?? root ?? "", problem: .cannotWrite(error.reason))
            }
        }
    }

    /// `path` without trailing slashes.
    private static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.utf8.count > 1, path.utf8.last == UInt8(ascii: "/") { path.removeLast() }
        return String(path)
    }

    /// The folders one write opened, by path, each as a descriptor opened from its parent's.
    private struct FolderTree {
        private var descriptors: [String: Int32] = [:]
        /// Folders made by this write, outermost first: below a root, with their parent's descriptor;
        /// the root and above, by path (made before the root could be opened).
        private var madeBelow: [(parent: Int32, name: String, path: String)] = []
        private var madeAbove: [String] = []

        /// The descriptor of `folder`, made if missing: `root` is opened by its path (following links,
        /// made with its parents if missing); every folder between it and `folder` without following one.
        mutating func open(_ folder: String, root: String) throws(FileSystemError) -> Int32 {
            if let descriptor = descriptors[folder] { return descriptor }
            let prefix = root == "/" ? "/" : root + "/"
            guard folder != root, folder.hasPrefix(prefix) else { return try openRoot(folder) }
            var current: Int32
            if let known = descriptors[root] { current = known } else { current = try openRoot(root) }
            var path = root
            for component in folder.dropFirst(prefix.count).split(separator: "/") {
                let name = String(component)
                path = path == "/" ? "/" + name : path + "/" + name
                if let known = descriptors[path] {
                    current = known
                    continue
                }
                var next: Int32 = -1
                // Twice: an empty folder removed between the two calls (`removeLeftovers` in another run) is made again.
                for _ in 0..<2 {
                    if mkdirat(current, name, 0o777) == 0 {
                        madeBelow.append((current, name, path))
                    } else if errno != EEXIST {
                        throw FileSystemError(reason: FileSystemError(code: errno).reason, isAboutFolder: true, path: path)
                    }
                    next = openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    if next >= 0 || errno != ENOENT { break }
                }
                guard next >= 0 else {
                    let code = errno
                    var status = stat()
                    if fstatat(current, name, &status, AT_SYMLINK_NOFOLLOW) == 0 {
                        if (status.st_mode & S_IFMT) == S_IFLNK { throw FileSystemError.symbolicLink(path) }
                        if (status.st_mode & S_IFMT) != S_IFDIR {
                            throw FileSystemError(reason: "a file of that name is in the way", isAboutFolder: true, path: path)
                        }
                    }
                    throw FileSystemError(reason: FileSystemError(code: code).reason, isAboutFolder: true, path: path)
                }
                descriptors[path] = next
                current = next
            }
            return current
        }

        /// Opens a folder by its path, making it and its missing parents first.
        private mutating func openRoot(_ folder: String) throws(FileSystemError) -> Int32 {
            var descriptor = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor < 0, errno == ENOENT {
                madeAbove += try makeFolder(folder)
                descriptor = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
            guard descriptor >= 0 else {
                if errno == ENOTDIR {
                    throw FileSystemError(reason: "a file of that name is in the way", isAboutFolder: true, path: fileInTheWay(of: folder) ?? folder)
                }
                throw FileSystemError(reason: FileSystemError(code: errno).reason, isAboutFolder: true)
            }
            descriptors[folder] = descriptor
            return descriptor
        }

        /// Flushes the folders written into, and the parents of the folders made.
        func flush(written: Set<Int32>) throws(FileSystemError) {
            var flushed = Set<Int32>()
            for descriptor in written.union(madeBelow.map(\.parent)) where flushed.insert(descriptor).inserted {
                guard fsync(descriptor) == 0 else { throw FileSystemError(code: errno) }
            }
            for folder in Set(madeAbove.map(AtomicFile.parent(of:))).sorted() {
                try AtomicFile.flush(folder)
            }
        }

        /// Removes the folders this write made, innermost first, those that are still empty.
        mutating func removeMadeFolders() {
            for folder in madeBelow.reversed() { unlinkat(folder.parent, folder.name, AT_REMOVEDIR) }
            for folder in madeAbove.reversed() { rmdir(folder) }
            madeBelow = []
            madeAbove = []
        }

        mutating func close() {
            for descriptor in descriptors.values { Foundation.close(descriptor) }
            descriptors = [:]
        }
    }

    /// Flushes everything written on the file system that holds `folder` to the disk, once for a whole run.
    ///
    /// `syncfs` waits for that file system only; where the C library lacks it,
    /// `sync` waits for every file system. Nothing to flush when `folder` does
    /// not exist: then nothing was written into it.
    package static func syncFileSystem(of folder: URL) throws(PublishError) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw PublishError(path: folder.path, problem: .cannotWrite(FileSystemError(code: errno).reason))
        }
        defer { close(descriptor) }
        guard let syncfs = syncfsFunction else { return sync() }
        guard syncfs(descriptor) == 0 else {
            throw PublishError(path: folder.path, problem: .cannotWrite(FileSystemError(code: errno).reason))
        }
    }

    /// `syncfs(2)`, looked up at run time: it is a GNU extension the Swift C modules do not declare.
    private static let syncfsFunction: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    // MARK: - POSIX steps

    /// A failed system call, with the words a user is shown.
    struct FileSystemError: Error {
        var reason: String
        /// The problem is with the target's folder (a file where the folder should be), not the target.
        var isAboutFolder = false
        /// The path at fault when it is neither the target nor its folder (a file in the way of an outer folder).
        var path: String?

        init(reason: String, isAboutFolder: Bool = false, path: String? = nil) {
            self.reason = reason
            self.isAboutFolder = isAboutFolder
            self.path = path
        }

        /// A symbolic link met below the output folder.
        static func symbolicLink(_ path: String) -> FileSystemError {
            FileSystemError(reason: "it is a symbolic link; BackPlan never writes through a link inside the output folder", path: path)
        }

        /// The words of `reason(_:)` for Foundation's errors, so a problem reads the same whichever call met it.
        init(code: Int32) {
            switch code {
            case ENOENT: self.init(reason: "no such file")
            case EACCES, EPERM: self.init(reason: "permission denied")
            case ENOTDIR: self.init(reason: "a file of that name is in the way", isAboutFolder: true)
            default: self.init(reason: String(cString: strerror(code)))
            }
        }
    }

    /// Makes `folder` with one `mkdir` when its parent exists, else with every missing parent.
    ///
    /// - Returns: the folders made, outermost first; empty when `folder` was there.
    private static func makeFolder(_ folder: String) throws(FileSystemError) -> [String] {
        if mkdir(folder, 0o777) == 0 { return [folder] }
        switch errno {
        case EEXIST:
            return []
        case ENOENT:
            let parent = parent(of: folder)
            guard parent != folder else { throw FileSystemError(reason: "no such file", isAboutFolder: true) }
            let made = try makeFolder(parent)
            guard mkdir(folder, 0o777) == 0 else {
                if errno == EEXIST { return made }
                throw FileSystemError(reason: FileSystemError(code: errno).reason, isAboutFolder: true)
            }
            return made + [folder]
        case ENOTDIR:
            throw FileSystemError(reason: "a file of that name is in the way", isAboutFolder: true, path: fileInTheWay(of: folder))
        default:
            throw FileSystemError(reason: FileSystemError(code: errno).reason, isAboutFolder: true)
        }
    }

    /// The outer folder of `folder` that exists as something other than a folder, which `mkdir` cannot pass.
    private static func fileInTheWay(of folder: String) -> String? {
        var path = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        while path != "/" && !path.isEmpty {
            var status = stat()
            if stat(path, &status) == 0 { return (status.st_mode & S_IFMT) == S_IFDIR ? nil : path }
            path = URL(fileURLWithPath: path).deletingLastPathComponent().path
        }
        return nil
    }

    /// Writes `data` to a new temporary file beside `name` in the folder `folder`, flushed to the disk when `sync`.
    ///
    /// The name holds the process id, so processes never share one; `O_EXCL`
    /// makes a second writer of the same target in this process, or a file
    /// left by a crash, take a fresh name instead of writing into it, and
    /// `O_NOFOLLOW` that a link of that name is never followed.
    ///
    /// - Returns: the temporary file's name in `folder`.
    private static func create(in folder: Int32, besides name: String, data: FileBytes, sync: Bool) throws(FileSystemError) -> String {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        var temporary = temporaryName(for: name, suffix: processID)
        var descriptor = openat(folder, temporary, flags, 0o644)
        while descriptor < 0 && (errno == EEXIST || errno == ELOOP) {
            temporary = temporaryName(for: name, suffix: "\(processID)-\(UInt32.random(in: 0 ... .max))")
            descriptor = openat(folder, temporary, flags, 0o644)
        }
        guard descriptor >= 0 else { throw FileSystemError(code: errno) }
        let written = data.write { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        } && (!sync || fsync(descriptor) == 0)
        let code = errno
        guard Foundation.close(descriptor) == 0, written else {
            let error = FileSystemError(code: written ? errno : code)
            unlinkat(folder, temporary, 0)
            throw error
        }
        return temporary
    }

    /// The folder of an absolute path built here (no `.` or `..` parts), as `URL.deletingLastPathComponent` gives it, worked out on the text
    /// (a batch asks twice per person, and Foundation's URL took longer than the rest of the write's own code).
    static func parent(of path: String) -> String {
        var path = Substring(path)
        while path.utf8.count > 1, path.utf8.last == UInt8(ascii: "/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// This process's id, asked once rather than once per file.
    private static let processID = String(getpid())

    /// `.name.suffix.tmp`: hidden, and beside the target so that the rename stays on one file system.
    static func temporaryName(for name: String, suffix: String) -> String {
        ".\(name).\(suffix).tmp"
    }

    /// Flushes a folder's entries to the disk.
    private static func flush(_ folder: String) throws(FileSystemError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileSystemError(code: errno) }
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file"
            case NSFileWriteFileExistsError: return "a file of that name is in the way"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            default: break
            }
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
