import Foundation

/// An HTML-to-PDF program BackPlan knows how to drive.
public enum PDFEngineKind: String, CaseIterable, Sendable {
    case weasyprint, chromium

    /// Program names to look for on the PATH, in order.
    var programs: [String] {
        switch self {
        case .weasyprint: ["weasyprint"]
        case .chromium: ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        }
    }

    var installHint: String {
        switch self {
        case .weasyprint: "apt-get install weasyprint"
        case .chromium: "apt-get install chromium"
        }
    }
}

/// Prints an HTML page to PDF with an engine found on the machine. The only place PDFs are made.
///
/// The engine runs as a child process with a time limit; it reads a temporary
/// copy of the page and writes a temporary PDF, whose bytes are returned, so
/// the caller writes `plan.pdf` whole or not at all.
public struct PDFEngine: Sendable {
    public let kind: PDFEngineKind
    public let executable: URL
    public var timeout: TimeInterval = 120

    /// The asked engine, or the first found (WeasyPrint, then Chromium) on `searchPath`.
    public static func find(_ preferred: PDFEngineKind?, searchPath: String, timeout: TimeInterval = 120) throws(PublishError) -> PDFEngine {
        let kinds = preferred.map { [$0] } ?? PDFEngineKind.allCases
        for kind in kinds {
            for program in kind.programs {
                for folder in searchPath.split(separator: ":") where !folder.isEmpty {
                    let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(program)
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                       FileManager.default.isExecutableFile(atPath: candidate.path) {
                        return PDFEngine(kind: kind, executable: candidate, timeout: timeout)
                    }
                }
            }
        }
        if let preferred {
            throw PublishError(path: "plan.pdf", problem: .invalid("--pdf-engine \(preferred.rawValue): \(preferred.programs[0]) is not installed; install it with `\(preferred.installHint)`"))
        }
        throw PublishError(path: "plan.pdf", problem: .invalid("no HTML-to-PDF engine found; install WeasyPrint (`apt-get install weasyprint`) or Chromium (`apt-get install chromium`)"))
    }

    /// The PDF of `html`, with `paper` already set by the page's CSS `@page` rule.
    ///
    /// The engine may fetch nothing: the page is checked to refer to nothing
    /// outside itself (`PrintedPage`), relative references resolve against an
    /// empty folder, and network requests go to a proxy that is not there.
    public func pdf(fromHTML html: String) throws(PublishError) -> Data {
        if let reference = PrintedPage.externalReference(in: html) {
            throw PublishError(path: "plan.pdf", problem: .invalid(
                "the page refers to \(reference), which the PDF engine would fetch; templates and catalog text may only use images embedded as data: addresses"))
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-pdf-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let page = scratch.appendingPathComponent("plan.html")
        let output = scratch.appendingPathComponent("plan.pdf")
        let empty = scratch.appendingPathComponent("empty", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            try Data(PrintedPage.locked(html).utf8).write(to: page)
        } catch {
            throw PublishError(path: scratch.path, problem: .cannotWrite(AtomicFile.reason(error)))
        }
        try run(arguments(page: page, output: output, scratch: scratch, empty: empty), home: scratch)
        guard let data = FileManager.default.contents(atPath: output.path), data.starts(with: Data("%PDF".utf8)) else {
            throw failure("finished without writing a PDF", output: Data())
        }
        return data
    }

    private func arguments(page: URL, output: URL, scratch: URL, empty: URL) -> [String] {
        switch kind {
        case .weasyprint:
            return ["--quiet", "--media-type", "print", "--base-url", empty.path + "/", page.path, output.path]
        case .chromium:
            return [
                "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                // No network: every name resolves to nothing, and every request goes to a closed port.
                "--disable-remote-fonts", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", page.absoluteString,
            ] + (getuid() == 0 ? ["--no-sandbox"] : [])  // Chromium refuses to sandbox as root
        }
    }

    private func run(_ arguments: [String], home: URL) throws(PublishError) {
        // The engines keep caches and crash reports under HOME; keep them in the scratch folder.
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        environment["XDG_CACHE_HOME"] = home.appendingPathComponent("cache").path
        // WeasyPrint fetches with Python's urllib, which honours these: any http(s) request meets a closed port.
        for name in ["http_proxy", "https_proxy", "ftp_proxy", "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "all_proxy", "ALL_PROXY"] {
            environment[name] = "http://127.0.0.1:9"
        }
        environment["no_proxy"] = nil
        environment["NO_PROXY"] = nil
        let outcome: ChildProcess.Outcome
        do throws(ChildProcessStartError) {
            outcome = try ChildProcess.run(executable.path, arguments, environment: environment, timeout: timeout)
        } catch {
            throw PublishError(path: executable.path, problem: .invalid("cannot start \(kind.rawValue): \(error.reason)"))
        }
        guard outcome.termination == .exited(0) else {
            throw failure(outcome.termination.description(timeout: timeout), output: outcome.output)
        }
    }

    private func failure(_ what: String, output: Data) -> PublishError {
        let stderr = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = stderr.isEmpty ? "" : ":\n" + stderr.split(separator: "\n").suffix(20).joined(separator: "\n")
        return PublishError(path: "plan.pdf", problem: .invalid("\(kind.rawValue) \(what)\(shown)"))
    }
}
