import BackPlanPublish
import Foundation

/// Shows how far a batch run is on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise.
///
/// Row failures are printed through it too, so a failure line never lands in
/// the middle of the bar.
struct BatchProgressDisplay {
    enum Mode {
        /// Nothing but failures (`--quiet`).
        case quiet
        /// A bar redrawn in place, for a terminal.
        case bar
        /// A plain line at most every `lineInterval`, for logs and pipes.
        case lines
    }

    let mode: Mode
    /// Rows the run will report, from a first pass over the roster.
    let total: Int
    private var lastDrawn: Duration?
    private var barShown = false
    private static let barInterval = Duration.milliseconds(100)
    private static let lineInterval = Duration.seconds(2)
    private static let barWidth = 30

    init(mode: Mode, total: Int) {
        self.mode = mode
        self.total = total
        // Plain lines start after the first interval: a short run prints none.
        lastDrawn = mode == .lines ? .zero : nil
    }

    /// Prints a failed row's message on its own line.
    mutating func fail(_ message: String) {
        clearBar()
        Self.write(TerminalText.escaped(message) + "\n")
    }

    /// Updates the display after a row; redraws only when enough time has passed, and always at the last row.
    mutating func update(_ summary: BatchSummary) {
        let interval = mode == .bar ? Self.barInterval : Self.lineInterval
        let isLast = summary.done == total
        if let lastDrawn, summary.elapsed - lastDrawn < interval, !isLast { return }
        switch mode {
        case .quiet:
            return
        case .bar:
            Self.write("\r\u{1B}[K" + bar(summary))
            barShown = true
        case .lines:
            if isLast { return }
            Self.write("batch: \(counts(summary))\n")
        }
        lastDrawn = summary.elapsed
    }

    /// Ends the bar's line before the summary is printed.
    mutating func finish() {
        clearBar()
    }

    /// `[#########---------] 412/1000 rows  806/s  0:01 left`.
    private func bar(_ summary: BatchSummary) -> String {
        let fraction = total > 0 ? min(1, Double(summary.done) / Double(total)) : 1
        let filled = Int((fraction * Double(Self.barWidth)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: Self.barWidth - filled) + "] " + counts(summary)
    }

    /// `412/1000 rows, 806/s, 0:01 left` (and the failures so far, if any).
    private func counts(_ summary: BatchSummary) -> String {
        var text = "\(summary.done)/\(total) rows, \(Int(summary.rate.rounded()))/s"
        if summary.rate > 0, summary.done < total {
            let left = Int((Double(total - summary.done) / summary.rate).rounded(.up))
            text += ", \(left / 60):" + (left % 60 < 10 ? "0" : "") + "\(left % 60) left"
        }
        if summary.failed > 0 { text += ", \(summary.failed) failed" }
        return text
    }

    private mutating func clearBar() {
        guard barShown else { return }
        Self.write("\r\u{1B}[K")
        barShown = false
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
