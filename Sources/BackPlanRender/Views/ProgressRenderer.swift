import BackPlanCore

/// progress.md and progress.html of a logged plan: sessions done per week, moves and doses reached, the pain chart, the next block.
///
/// Pure text from the report. User text (names, notes) is escaped; the chart
/// is drawn here as SVG, black on white, the two series told apart by marker
/// and dash pattern, not colour.
package struct ProgressRenderer: Sendable {
    let report: ProgressReport

    package init(report: ProgressReport) {
        self.report = report
    }

    var summary: LogSummary { report.summary }
    var title: String { "Progress of \(report.plan.person.name)" }

    /// The moves marked as hurting by their names, as the plan shows them (progress.json keeps the ids).
    var hurtNames: [String] {
        let items = report.plan.sessions.flatMap(\.items)
        return summary.hurt.map { id in items.first { $0.id == id }?.name ?? id }
    }

    // MARK: - Markdown

    package func markdown() -> String {
        var lines = ["# \(Markdown.escape(title))", ""]
        lines.append("Plan \(report.planID), \(report.plan.start.longText) to \(report.plan.end.longText): \(summary.done) of \(Plural.count(summary.planned, "session")) done.")
        lines += ["", "## Sessions done per week", ""]
        lines += summary.weeks.map { "- Week \($0.week): \($0.done) of \($0.planned) done" + ($0.averagePainAfter.map { "; average pain after \(Self.score($0))" } ?? "") }
        lines += ["", "## Moves done and doses reached", ""]
        lines += summary.moves.isEmpty ? ["No moves logged as done."] : summary.moves.map { "- \(Markdown.escape($0.name)): \(Plural.count($0.times, "time")), last at \($0.lastDose.text)" }
        lines += ["", "## Pain before and after each session", ""]
        lines += summary.pain.isEmpty ? ["No pain scores logged."] : summary.pain.map { "- \($0.date.shortText): before \(Self.cell($0.before)), after \(Self.cell($0.after))" }
        if !summary.hurt.isEmpty {
            lines += ["", "Marked as hurting: \(Markdown.escape(hurtNames.joined(separator: ", ")))."]
        }
        lines += ["", "## What the next block will do", "", "From \(report.next.start.longText) (rule: \(report.next.rule.rawValue)):", ""]
        lines += report.next.reasons.map { "- \(Markdown.escape($0.text))" }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - HTML

    package func html(paper: Paper) -> String {
        let escape = HTML.escape
        var body: [String] = []
        body.append("<h1>\(escape(title))</h1>")
        body.append("<p>Plan \(escape(report.planID)), \(report.plan.start.longText) to \(report.plan.end.longText): <strong>\(summary.done) of \(Plural.count(summary.planned, "session"))</strong> done.</p>")
        body.append("<h2>Pain before and after each session</h2>")
        body.append("<div class=\"chart\"><figure>\(chartSVG())<figcaption>Pain from 0 (none) to 10 (worst). Before a session: dashed line, open circles. After: solid line, filled squares; a square inside a circle is the same score before and after.</figcaption></figure>")
        body.append("<table class=\"scores\"><caption>Pain scores by date</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead><tbody>")
        body += summary.pain.map { "<tr><th scope=\"row\">\($0.date.shortText)</th><td>\(Self.cell($0.before))</td><td>\(Self.cell($0.after))</td></tr>" }
        if summary.pain.isEmpty { body.append("<tr><td colspan=\"3\">No pain scores logged.</td></tr>") }
        body.append("</tbody></table></div>")
        body.append("<h2>Sessions done per week</h2>")
        body.append("<table><thead><tr><th scope=\"col\">Week</th><th scope=\"col\">Done</th><th scope=\"col\">Planned</th><th scope=\"col\">Average pain after</th></tr></thead><tbody>")
        body += summary.weeks.map { "<tr><th scope=\"row\">\($0.week)</th><td>\($0.done)</td><td>\($0.planned)</td><td>\($0.averagePainAfter.map(Self.score) ?? "–")</td></tr>" }
        body.append("</tbody></table>")
        body.append("<h2>Moves done and doses reached</h2>")
        if summary.moves.isEmpty {
            body.append("<p>No moves logged as done.</p>")
        } else {
            body.append("<table><thead><tr><th scope=\"col\">Move</th><th scope=\"col\">Times</th><th scope=\"col\">Last dose</th></tr></thead><tbody>")
            body += summary.moves.map { "<tr><th scope=\"row\">\(escape($0.name))</th><td>\($0.times)</td><td>\(escape($0.lastDose.text))</td></tr>" }
            body.append("</tbody></table>")
        }
        if !summary.hurt.isEmpty { body.append("<p>Marked as hurting: \(escape(hurtNames.joined(separator: ", "))).</p>") }
        body.append("<h2>What the next block will do</h2>")
        body.append("<p>From \(report.next.start.longText) (rule: \(report.next.rule.rawValue)):</p><ul>")
        body += report.next.reasons.map { "<li>\(escape($0.text))</li>" }
        body.append("</ul>")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>\(escape(title))</title>
            <style>
            @page { size: \(paper.cssSize); margin: 15mm; }
            body { font: 16px/1.45 system-ui, sans-serif; color: #000; background: #fff; max-width: 60rem; margin: 0 auto; padding: 1rem; }
            .chart { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
            .chart figure { flex: 1 1 24rem; margin: 0; max-width: 40rem; }
            .chart svg { width: 100%; height: auto; }
            figcaption { font-size: 0.9rem; }
            table { border-collapse: collapse; margin: 0.5rem 0; }
            th, td { border: 1px solid #000; padding: 0.2rem 0.5rem; text-align: left; }
            .skip { position: absolute; left: -999px; top: 0.5rem; padding: 0.5rem 1rem; background: #fff; color: #0b4f8a; }
            .skip:focus { left: 0.5rem; z-index: 1; }
            a:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
            @media print { .skip { display: none; } }
            </style>
            </head>
            <body>
            <a class="skip" href="#progress">Skip to the progress report</a>
            <main id="progress">
            \(body.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }

    // MARK: - Chart

    /// The chart's box and the plot area inside it, in SVG units.
    static let width = 480.0, height = 320.0
    static let left = 56.0, right = 12.0, top = 44.0, bottom = 66.0

    /// The x of a date: the plan's first day at the left of the plot, its last at the right.
    func x(_ date: CivilDate) -> Double {
        let days = Double(report.plan.end.daysSinceEpoch - report.plan.start.daysSinceEpoch)
        let offset = Double(date.daysSinceEpoch - report.plan.start.daysSinceEpoch)
        return Self.left + (Self.width - Self.left - Self.right) * (days == 0 ? 0.5 : offset / days)
    }

    /// The y of a pain score: 0 at the bottom of the plot, 10 at the top.
    static func y(_ score: Int) -> Double {
        top + (height - top - bottom) * (1 - Double(score) / 10)
    }

    /// The SVG chart of pain before (dashed, open circles) and after (solid, filled squares) each session.
    package func chartSVG() -> String {
        let (w, h, l, r, t, b) = (Self.width, Self.height, Self.left, Self.right, Self.top, Self.bottom)
        var svg = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(w)) \(Self.n(h))\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"sans-serif\" font-size=\"17\">"]
        svg.append("<title id=\"chart-title\">Pain before and after each session</title>")
        svg.append("<desc id=\"chart-desc\">\(HTML.escape(chartDescription()))</desc>")
        svg.append("<rect x=\"0\" y=\"0\" width=\"\(Self.n(w))\" height=\"\(Self.n(h))\" fill=\"#fff\"/>")
        // Grid and y ticks.
        for score in stride(from: 0, through: 10, by: 2) {
            let y = Self.y(score)
            svg.append("<line x1=\"\(Self.n(l))\" y1=\"\(Self.n(y))\" x2=\"\(Self.n(w - r))\" y2=\"\(Self.n(y))\" stroke=\"#bbb\" stroke-width=\"1\"/>")
            svg.append("<text x=\"\(Self.n(l - 8))\" y=\"\(Self.n(y + 5))\" text-anchor=\"end\">\(score)</text>")
        }
        // The stop line.
        let stop = Self.y(NextBlock.stopScore)
        svg.append("<line x1=\"\(Self.n(l))\" y1=\"\(Self.n(stop))\" x2=\"\(Self.n(w - r))\" y2=\"\(Self.n(stop))\" stroke=\"#000\" stroke-width=\"1\" stroke-dasharray=\"1 3\"/>")
        svg.append("<text x=\"\(Self.n(w - r))\" y=\"\(Self.n(stop - 5))\" text-anchor=\"end\" font-size=\"14\">7 or more: stop, see a professional</text>")
        // Axes.
        svg.append("<line x1=\"\(Self.n(l))\" y1=\"\(Self.n(t))\" x2=\"\(Self.n(l))\" y2=\"\(Self.n(h - b))\" stroke=\"#000\" stroke-width=\"1.5\"/>")
        svg.append("<line x1=\"\(Self.n(l))\" y1=\"\(Self.n(h - b))\" x2=\"\(Self.n(w - r))\" y2=\"\(Self.n(h - b))\" stroke=\"#000\" stroke-width=\"1.5\"/>")
        // At most six labelled weeks, so labels never run into each other.
        let weeks = max(1, report.plan.person.weeks)
        let every = (weeks + 5) / 6
        for week in stride(from: 1, through: weeks, by: every) {
            let date = report.plan.start.adding(days: (week - 1) * 7)
            let x = x(date)
            svg.append("<line x1=\"\(Self.n(x))\" y1=\"\(Self.n(h - b))\" x2=\"\(Self.n(x))\" y2=\"\(Self.n(h - b + 6))\" stroke=\"#000\"/>")
            svg.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(h - b + 24))\" text-anchor=\"middle\">\(date.day) \(date.monthName.prefix(3))</text>")
        }
        svg.append("<text x=\"\(Self.n(l + (w - l - r) / 2))\" y=\"\(Self.n(h - 12))\" text-anchor=\"middle\">Date (week starts)</text>")
        svg.append("<text transform=\"translate(20 \(Self.n(t + (h - t - b) / 2))) rotate(-90)\" text-anchor=\"middle\">Pain (0 none, 10 worst)</text>")
        // Series.
        let before = summary.pain.compactMap { point in point.before.map { (x(point.date), Self.y($0)) } }
        let after = summary.pain.compactMap { point in point.after.map { (x(point.date), Self.y($0)) } }
        if before.count > 1 { svg.append("<polyline points=\"\(Self.points(before))\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>") }
        if after.count > 1 { svg.append("<polyline points=\"\(Self.points(after))\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.5\"/>") }
        svg += before.map { "<circle cx=\"\(Self.n($0.0))\" cy=\"\(Self.n($0.1))\" r=\"7\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\" class=\"before\"/>" }
        svg += after.map { "<rect x=\"\(Self.n($0.0 - 4))\" y=\"\(Self.n($0.1 - 4))\" width=\"8\" height=\"8\" fill=\"#000\" class=\"after\"/>" }
        // Legend.
        svg.append("<line x1=\"\(Self.n(l))\" y1=\"18\" x2=\"\(Self.n(l + 36))\" y2=\"18\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/><circle cx=\"\(Self.n(l + 18))\" cy=\"18\" r=\"7\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>")
        svg.append("<text x=\"\(Self.n(l + 44))\" y=\"24\">before</text>")
        svg.append("<line x1=\"\(Self.n(l + 130))\" y1=\"18\" x2=\"\(Self.n(l + 166))\" y2=\"18\" stroke=\"#000\" stroke-width=\"2.5\"/><rect x=\"\(Self.n(l + 144))\" y=\"14\" width=\"8\" height=\"8\" fill=\"#000\"/>")
        svg.append("<text x=\"\(Self.n(l + 174))\" y=\"24\">after</text>")
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    func chartDescription() -> String {
        guard !summary.pain.isEmpty else { return "No pain scores logged." }
        return summary.pain.map { "\($0.date.shortText): before \(Self.cell($0.before)), after \(Self.cell($0.after))" }.joined(separator: "; ") + "."
    }

    static func points(_ points: [(Double, Double)]) -> String {
        points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    }

    /// A coordinate with at most one decimal.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func cell(_ score: Int?) -> String { score.map(String.init) ?? "–" }
    static func score(_ value: Double) -> String { n(value) }
}
