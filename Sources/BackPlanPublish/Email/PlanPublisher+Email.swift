import BackPlanCore
import BackPlanRender
import Foundation

extension PlanPublisher {
    /// `plan.eml`: the plan's Markdown and HTML with `plan.ics` (and with `--pdf`, `plan.pdf`) attached, as one MIME message.
    ///
    /// Addresses, names and the subject are checked first, so bad ones write nothing.
    ///
    /// - Throws: `EmailError` for an address, name or subject, else the errors of `files(for:settings:)`.
    public func email(for person: Preferences, settings: PlanSettings, email: EmailSettings) throws -> Data {
        let plan = plan(for: person, settings: settings)
        let envelope = try PlanMessage(settings: email, plan: plan)
        let id = planID(for: plan, settings: settings)
        let renderer = PlanRenderer(templates: inputs.templates, catalog: inputs.catalog, art: art)
        let look = look(for: plan, planID: id, settings: settings)
        let documents = try renderer.documents(plan, look: look, html: true)
        let markdown = String(decoding: documents.markdown, as: UTF8.self)
        let html = String(decoding: documents.html ?? [], as: UTF8.self)
        let ics = try calendar(for: plan, settings: settings).ics
        // With --pdf the printed plan travels too, printed before anything is written.
        let pdf = settings.formats.contains(.pdf)
            ? try PDFEngine.find(settings.pdfEngine, searchPath: settings.searchPath, timeout: settings.timeout).pdf(fromHTML: html) : nil
        return envelope.message(planID: id, plan: plan, markdown: markdown, html: html, ics: ics, pdf: pdf).data
    }

    /// Writes `plan.eml` into `folder` and returns its URL.
    public func publishEmail(_ person: Preferences, settings: PlanSettings, email: EmailSettings, to folder: String) throws -> URL {
        let message = try self.email(for: person, settings: settings, email: email)
        return try OutputFolder(path: folder).write([("plan.eml", message)])[0]
    }
}
