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
    package func png(of svg: String, width: Int?, height: Int, what: String, timeout: TimeInterval = 120) throws(PublishError) -> Data {
        // Run as the PDF engines and sendmail are: its own process group, a time limit, output capped.
        // The PNG goes to a file of its own, not through the capped output.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-png-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: scratch.path, problem: .cannotWrite(AtomicFile.reason(error)))
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("picture.png")
        let arguments = (width.map { ["--width", String($0)] } ?? []) + ["--height", String(height), "--format", "png", "--output", file.path]
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(executable.path, arguments, input: Data(svg.utf8), timeout: timeout)
        } catch {
            throw PublishError(path: executable.path, problem: .invalid("cannot start \(Self.program): \(error)"))
        }
        let png = FileManager.default.contents(atPath: file.path) ?? Data()
        guard outcome.termination == .exited(0), png.starts(with: ImageHeader.pngSignature) else {
            let message = String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let how = outcome.termination == .exited(0) ? "wrote no PNG" : outcome.termination.description(timeout: timeout)
            throw PublishError(path: "plan.eml", problem: .invalid(
                "\(Self.program) could not draw \(what): it \(how)\(message.isEmpty ? "" : ":\n" + message)"))
        }
        return png
    }
}
