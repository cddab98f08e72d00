import Foundation

extension AtomicFile {
    /// Writes a file of the site whole or not at all, without waiting for the disk.
    ///
    /// Like `write(_:to:)` it writes a temporary file beside the target and
    /// renames it over, so a reader never sees half a page; unlike Foundation's
    /// `.atomic` it does not `fsync`, which made a clean build of the site wait
    /// on the disk once per page. A site folder is rebuilt in a moment, so a page
    /// lost to a power cut costs nothing, and durability is not worth that wait.
    package static func replace(_ data: Data, at url: URL) throws(PublishError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let written = data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if count < 0 { if errno == EINTR { continue } else { return false } }
                    offset += count
                }
                return true
            }
            let closed = close(descriptor) == 0
            guard written, closed, rename(temporary.path, url.path) == 0 else {
                let code = POSIXErrorCode(rawValue: errno) ?? .EIO
                unlink(temporary.path)
                throw POSIXError(code)
            }
        } catch {
            throw PublishError(path: url.path, problem: .cannotWrite(reason(error)))
        }
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
