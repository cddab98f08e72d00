import BackPlanCore
import BackPlanRender
import Foundation

/// One person's plan and everything it is written as, made once: what `plan` writes, `email` sends and `batch` does both with.
///
/// The plan is made, its Markdown and HTML rendered, its calendar built and
/// its PDF printed once however many of them are used: a batch row with
/// `--email --pdf` prints one PDF, which goes both into the folder and into the message.
public struct PlanDocuments: Sendable {
    public let plan: Plan
    public let planID: String
    let look: PlanLook
    /// plan.md, when any format needs it.
    let markdown: Data
    /// plan.html (pictures inline), when html, pdf or an email needs it.
    let html: Data?
    let pdf: Data?
    let calendar: PlanCalendar?

    /// The files of `formats`, as (file name, bytes).
    func files(_ formats: [OutputFormat]) -> [(path: String, data: Data)] {
        formats.sorted().map { format in
            switch format {
            case .md: (format.fileName, markdown)
            case .html: (format.fileName, html ?? Data())
            case .json: (format.fileName, Data(plan.json(planID: planID).utf8))
            case .pdf: (format.fileName, pdf ?? Data())
            case .ics: (format.fileName, Data((calendar?.ics ?? "").utf8))
            }
        }
    }
}

extension PlanPublisher {
    /// The person's plan rendered for `formats` and, when `email` is true, for a message: nothing is made twice.
    ///
    /// The PDF engine is looked up before any rendering, so a missing one fails fast.
    public func documents(for person: Preferences, settings: PlanSettings, email: Bool = false) throws -> PlanDocuments {
        try documents(of: plan(for: person, settings: settings), person: person, settings: settings, email: email)
    }

    /// `plan`, made by `plan(for: person, settings:)`, rendered for the settings' formats and, when `email` is true, for a message.
    func documents(of plan: Plan, person: Preferences, settings: PlanSettings, email: Bool) throws -> PlanDocuments {
        let formats = Set(settings.formats)
        let engine = formats.contains(.pdf)
            ? try settings.printer ?? PrintEngine(PrintEngine.locate(settings.pdfEngine, searchPath: settings.searchPath), mode: .processPerDocument, timeout: settings.timeout)
            : nil
        try person.validate(catalog: inputs.catalog, start: plan.start)
        let id = planID(for: plan, settings: settings)
        let look = look(for: plan, planID: id, settings: settings)
        let renderer = PlanRenderer(templates: inputs.templates, catalog: inputs.catalog, art: art)
        let needsHTML = OutputFormat.rendersHTML(formats)
        let rendered = OutputFormat.rendersMarkdown(formats) || email
            ? try renderer.documents(plan, look: look, html: needsHTML) : (markdown: Data(), html: nil)
        let pdf = try engine.map { try $0.pdf(fromHTML: String(decoding: rendered.html ?? Data(), as: UTF8.self)) }
        let calendar = formats.contains(.ics) || email ? try self.calendar(for: plan, settings: settings) : nil
        return PlanDocuments(plan: plan, planID: id, look: look, markdown: rendered.markdown, html: rendered.html, pdf: pdf, calendar: calendar)
    }
}
