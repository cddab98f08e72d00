import Foundation

/// `rsvg-convert` (Debian's `librsvg2-bin`): SVG to PNG for the pictures of an email, which most mail clients show only as images.
///
/// Run as a child process, the SVG on standard input and the PNG on standard
/// output, in the shape of `Sendmail`: a thread writes the input while this
/// one reads the output, so neither pipe can fill up and stall both sides.
package struct SVGRasterizer: Sendable {
    /// The program looked for on the PATH.
    package static let program = "rsvg-convert"
    package let executable: URL

    /// `rsvg-convert` on `searchPath`, or nil when it is not installed.
    package static func find(searchPath: String) -> SVGRasterizer? {
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(program)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return SVGRasterizer(executable: candidate)
            }
        }
        return nil
    }

    /// The PNG of `svg`, `width` by `height` pixels, or, with a `height` only, that high at the SVG's own proportions.
    ///
    /// - Throws: `PublishError` naming `what` when the program cannot start, fails, or writes no PNG.
    package func png(of svg: String, width: Int?, height: Int, what: String) throws(PublishError) -> Data {
        signal(SIGPIPE, SIG_IGN)  // a program that quits before reading its input must give an error, not kill BackPlan
        let process = Process()
        process.executableURL = executable
        process.arguments = (width.map { ["--width", String($0)] } ?? []) + ["--height", String(height), "--format", "png"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PublishError(path: executable.path, problem: .invalid("cannot start \(Self.program): \(AtomicFile.reason(error))"))
        }
        let writer = input.fileHandleForWriting, errorReader = errors.fileHandleForReading
        let done = DispatchGroup()
        nonisolated(unsafe) var printed = Data()  // written by the one block below, read only after `done.wait()`
        DispatchQueue.global().async(group: done) {
            try? writer.write(contentsOf: Data(svg.utf8))
            try? writer.close()
        }
        DispatchQueue.global().async(group: done) { printed = errorReader.readDataToEndOfFile() }
        let png = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0, png.starts(with: ImageHeader.pngSignature) else {
            let message = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PublishError(path: "plan.eml", problem: .invalid(
                "\(Self.program) could not draw \(what) (exit status \(process.terminationStatus))\(message.isEmpty ? "" : ":\n" + message)"))
        }
        return png
    }
}
