import Foundation

/// The only place BackPlan writes files: whole or not at all.
///
/// Foundation's `.atomic` writes a temporary file in the same directory and
/// renames it over the target, so a reader never sees half a file.
package enum AtomicFile {
    package static func write(_ text: String, to url: URL) throws(PublishError) {
        try write(Data(text.utf8), to: url)
    }

    package static func write(_ data: Data, to url: URL) throws(PublishError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw PublishError(path: url.path, problem: .cannotWrite(reason(error)))
        }
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
    package static func writeTogether(_ files: [(url: URL, data: Data)]) throws(PublishError) {
        var staged: [(temporary: URL, target: URL)] = []
        func discard() { for file in staged { unlink(file.temporary.path) } }
        for file in files {
            let folder = file.url.deletingLastPathComponent()
            let temporary = folder.appendingPathComponent(".\(file.url.lastPathComponent).\(UUID().uuidString).tmp")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                discard()
                throw PublishError(path: file.url.path, problem: .cannotWrite("a folder of that name is in the way"))
            }
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try file.data.write(to: temporary)
                staged.append((temporary, file.url))
            } catch {
                unlink(temporary.path)
                discard()
                throw PublishError(path: file.url.path, problem: .cannotWrite(reason(error)))
            }
        }
        for (index, file) in staged.enumerated() where rename(file.temporary.path, file.target.path) != 0 {
            let message = String(cString: strerror(errno))
            for rest in staged[index...] { unlink(rest.temporary.path) }
            throw PublishError(path: file.target.path, problem: .cannotWrite(message))
        }
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
