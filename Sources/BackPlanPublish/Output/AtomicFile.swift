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

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
