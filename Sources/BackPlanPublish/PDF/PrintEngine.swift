import Foundation

/// The PDF printer of one run (`plan`, `email`, `batch`): one warm engine for every plan, or one engine process per plan.
///
/// Starting an engine is most of a PDF's time, so a run starts one and
/// keeps it: a Chromium driven over its DevTools pipe prints each further
/// plan without starting again (figures in docs/benchmarks.md). `close()`
/// must be called at the end of the run, also after errors.
///
/// A warm engine runs in process groups of its own, out of reach of a
/// terminal's Ctrl-C, so it registers `interrupt()` with `Interruption`: once
/// the program catches signals (`Interruption.shared.catchSignals()`, as the
/// `backplan` commands do), SIGINT or SIGTERM kills it and removes its folder.
public final class PrintEngine: Sendable {
    /// How plans are printed.
    public enum Mode: String, Sendable, CaseIterable {
        /// One engine for the run: a Chromium, or WeasyPrint drivers (`WarmWeasyPrint`) when WeasyPrint is chosen.
        case warm
        /// A new engine process for every plan, as before: kept to measure against and as a fallback.
        case processPerDocument = "process-per-plan"
    }

    /// The engine found on the machine.
    public let engine: PDFEngine
    public let mode: Mode
    /// The time limit of one document, in seconds.
    public let timeout: TimeInterval
    let chromium: WarmChromium?
    let weasyprint: WarmWeasyPrint?
    /// The warm engine's action with `Interruption`, removed when it is closed.
    private let interruptAction: Int?

    /// Starts the run's engine: with `mode` `.warm` and Chromium, the browser starts booting now.
    ///
    /// A warm engine is killed on SIGINT and SIGTERM once the program catches
    /// them with `Interruption.shared.catchSignals()`: call that first.
    ///
    /// - Throws: `PublishError` when the browser cannot be started.
    public init(_ engine: PDFEngine, mode: Mode = .warm, timeout: TimeInterval = 120) throws(PublishError) {
        var engine = engine
        engine.timeout = timeout
        self.engine = engine
        self.mode = mode
        self.timeout = timeout
        chromium = mode == .warm && engine.kind == .chromium
            ? try WarmChromium(executable: engine.executable, timeout: timeout) : nil
        // A `weasyprint` that is not a Python script (a wrapper) is run once per plan.
        weasyprint = try mode == .warm && engine.kind == .weasyprint
            ? WarmWeasyPrint.interpreter(of: engine.executable).map { interpreter throws(PublishError) in
                try WarmWeasyPrint(engine: engine, interpreter: interpreter, timeout: timeout)
            } : nil
        // Weakly: an engine dropped without `close()` is still closed by its deinit.
        interruptAction = chromium == nil && weasyprint == nil ? nil
            : Interruption.shared.onInterrupt { [weak chromium, weak weasyprint] in
                chromium?.interrupt()
                weasyprint?.interrupt()
            }
    }

    deinit {
        if let interruptAction { Interruption.shared.removeAction(interruptAction) }
    }

    /// The engine asked for, else the default one installed (see `defaultOrder`), started for a run.
    ///
    /// - Throws: `PublishError` naming what to install when no engine is found.
    public static func find(_ preferred: PDFEngineKind?, searchPath: String, mode: Mode = .warm,
                            timeout: TimeInterval = 120) throws(PublishError) -> PrintEngine {
        try PrintEngine(try locate(preferred, searchPath: searchPath), mode: mode, timeout: timeout)
    }

    /// The engine asked for, else the first installed of `defaultOrder`.
    static func locate(_ preferred: PDFEngineKind?, searchPath: String) throws(PublishError) -> PDFEngine {
        if preferred == nil {
            for kind in defaultOrder {
                if let engine = try? PDFEngine.find(kind, searchPath: searchPath) { return engine }
            }
        }
        return try PDFEngine.find(preferred, searchPath: searchPath)
    }

    /// The engines tried without `--pdf-engine`, best first (README, "Printing PDFs").
    ///
    /// Chromium first: warm, it prints the example plan several times faster
    /// than WeasyPrint, whose rendering alone (not its start-up) takes longer
    /// than Chromium's whole print; both give the same 17 pages, same layout.
    static let defaultOrder: [PDFEngineKind] = [.chromium, .weasyprint]

    /// The PDF of `html`, its paper set by the page's CSS `@page` rule.
    ///
    /// - Throws: `PublishError` with the engine's message when this document fails or passes its time limit; the engine goes on for the next.
    public func pdf(fromHTML html: String) throws(PublishError) -> Data {
        if chromium != nil || weasyprint != nil {
            // The warm engines get the same guards as an engine per document: nothing outside the page is fetched.
            if let reference = PrintedPage.externalReference(in: html) {
                throw PublishError(path: "plan.pdf", problem: .invalid(
                    "the page refers to \(reference), which the PDF engine would fetch; templates and catalog text may only use images embedded as data: addresses"))
            }
        }
        if let chromium { return try chromium.pdf(fromHTML: PrintedPage.locked(html)) }
        if let weasyprint { return try weasyprint.pdf(fromHTML: html) }
        return try engine.pdf(fromHTML: html)
    }

    /// Stops the warm engine and removes its temporary folder; nothing to do for one process per plan.
    public func close() {
        if let interruptAction { Interruption.shared.removeAction(interruptAction) }
        chromium?.close()
        weasyprint?.close()
    }

    /// Kills the warm engine at once (browser and renderers), without waiting for it, and removes its temporary folder.
    ///
    /// For a run's interruption path (Ctrl-C, SIGTERM; `Interruption` calls it): plans being printed
    /// and later ones fail with "the run was interrupted". Safe from any
    /// thread and more than once; `close()` afterwards does nothing more.
    /// Nothing to do for one engine process per plan.
    public func interrupt() {
        chromium?.interrupt()
        weasyprint?.interrupt()
    }
}
