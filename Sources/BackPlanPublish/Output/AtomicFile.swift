import Foundation

/// The only place BackPlan writes files: whole or not at all.
///
/// Every file is written to a temporary file beside its target with plain
/// POSIX calls and renamed over the target, so a reader never sees half a
/// file. Whether each file also waits for the disk is the caller's choice
/// (`Durability`): one plan does, a batch run syncs once at its end.
package enum AtomicFile {
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
    /// untouched. The renames themselves are not one transaction: a failing
    /// rename after the checks, which needs the file system to change under us,
    /// can still leave a mixed set.
    ///
    /// With `root` (the output folder), no path below it may be a symbolic link, folder or
    /// file: each is checked with `lstat` before anything is written, so a link planted in the
    /// output folder (`out/ann -> /home/victim`) is an error naming it, never a way out.
    package static func writeTogether(_ files: [(url: URL, data: Data)], durability: Durability = .synced, inside root: String? = nil) throws(PublishError) {
        if let root {
            var checked = Set<String>()
            for file in files {
                if let link = symbolicLink(below: root, on: file.url.path, checked: &checked) {
                    throw PublishError(path: link, problem: .cannotWrite("it is a symbolic link; BackPlan never writes through a link inside the output folder"))
                }
            }
        }
        var staged: [(temporary: String, target: String)] = []
        func discard() { for file in staged { unlink(file.temporary) } }
        var folders: [String] = []
        /// Folders this call made, whose entries in their parents must be flushed too.
        var madeFolders: [String] = []
        // A folder made by this call holds none of the targets, so they need no check.
        var folderIsNew = false
        for file in files {
            let target = file.url.path
            let folder = parent(of: target)
            do throws(FileSystemError) {
                if folders.last != folder {
                    let made = try makeFolder(folder)
                    folderIsNew = made.last == folder
                    madeFolders += made
                    folders.append(folder)
                }
                if !folderIsNew, isFolder(target) {
                    throw FileSystemError(reason: "a folder of that name is in the way")
                }
                staged.append((try create(besides: target, data: file.data, sync: durability == .synced), target))
            } catch {
                discard()
                throw PublishError(path: error.path ?? (error.isAboutFolder ? folder : target), problem: .cannotWrite(error.reason))
            }
        }
        for (index, file) in staged.enumerated() where rename(file.temporary, file.target) != 0 {
            let error = FileSystemError(code: errno)
            for rest in staged[index...] { unlink(rest.temporary) }
            throw PublishError(path: file.target, problem: .cannotWrite(error.reason))
        }
        if durability == .synced {
            // The renames are entries of the folders, and a new folder is an entry of its parent:
            // flushed too, or a power cut could undo them.
            let parents = madeFolders.map(parent(of:))
            for folder in Set(folders + parents).sorted() {
                do throws(FileSystemError) {
                    try flush(folder)
                } catch {
                    throw PublishError(path: folder, problem: .cannotWrite(error.reason))
                }
            }
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

    /// The first existing path on the way from `root` (excluded) down to `path` (included) that is a symbolic link.
    private static func symbolicLink(below root: String, on path: String, checked: inout Set<String>) -> String? {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        var current = String(prefix.dropLast())
        for component in path.dropFirst(prefix.count).split(separator: "/") {
            current += "/" + component
            if checked.contains(current) { continue }
            var status = stat()
            guard lstat(current, &status) == 0 else { return nil }
            if (status.st_mode & S_IFMT) == S_IFLNK { return current }
            if (status.st_mode & S_IFMT) == S_IFDIR { checked.insert(current) }
        }
        return nil
    }

    /// Whether `path` is a folder (or a link to one), which a rename could not replace.
    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Writes `data` to a new temporary file beside `target`, flushed to the disk when `sync`.
    ///
    /// The name holds the process id, so processes never share one; `O_EXCL`
    /// makes a second writer of the same target in this process, or a file
    /// left by a crash, take a fresh name instead of writing into it.
    ///
    /// - Returns: the temporary file's path.
    private static func create(besides target: String, data: Data, sync: Bool) throws(FileSystemError) -> String {
        var temporary = temporaryPath(for: target, suffix: processID)
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        while descriptor < 0 && errno == EEXIST {
            temporary = temporaryPath(for: target, suffix: "\(processID)-\(UInt32.random(in: 0 ... .max))")
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw FileSystemError(code: errno) }
        let written = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return !sync || fsync(descriptor) == 0
        }
        let code = errno
        guard close(descriptor) == 0, written else {
            let error = FileSystemError(code: written ? errno : code)
            unlink(temporary)
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

    /// `folder/.name.suffix.tmp`: hidden, and beside the target so that the rename stays on one file system.
    private static func temporaryPath(for target: String, suffix: String) -> String {
        guard let slash = target.lastIndex(of: "/") else { return ".\(target).\(suffix).tmp" }
        return "\(target[...slash]).\(target[target.index(after: slash)...]).\(suffix).tmp"
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
