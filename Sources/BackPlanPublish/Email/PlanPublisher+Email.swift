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
        var look = look(for: plan, planID: id, settings: settings)
        // Mail clients show images, not inline SVG or data: URIs: the pictures become PNG parts the HTML refers to.
        let pictures = try mailPictures.attachment(
            for: art.pictures(for: PlanCard.cards(of: plan, catalog: inputs.catalog), siteURL: look.siteURL),
            brand: look.brand, planID: id, rasterizer: SVGRasterizer.find(searchPath: settings.searchPath))
        look.pictures = pictures.form
        let documents = try renderer.documents(plan, look: look, html: true)
        let markdown = String(decoding: documents.markdown, as: UTF8.self)
        let html = String(decoding: documents.html ?? [], as: UTF8.self)
        let ics = try calendar(for: plan, settings: settings).ics
        // With --pdf the printed plan travels too, printed before anything is written.
        // The PDF is printed from plan.html as written, its pictures inline.
        let pdf = try settings.formats.contains(.pdf) ? self.pdf(plan, look: self.look(for: plan, planID: id, settings: settings), settings: settings) : nil
        return envelope.message(planID: id, plan: plan, markdown: markdown, html: html, images: pictures.parts, ics: ics, pdf: pdf).data
    }

    /// What `email` leaves out of the HTML on this machine, said once for `--verbose`; nil when nothing.
    public func emailPicturesNote(settings: PlanSettings) -> String? {
        guard SVGRasterizer.find(searchPath: settings.searchPath) == nil else { return nil }
        return "The email's HTML goes without figures, QR codes and an SVG logo: \(SVGRasterizer.program) was not found on the PATH (install librsvg2-bin)"
    }

    private func pdf(_ plan: Plan, look: PlanLook, settings: PlanSettings) throws -> Data {
        let renderer = PlanRenderer(templates: inputs.templates, catalog: inputs.catalog, art: art)
        let html = String(decoding: try renderer.documents(plan, look: look, html: true).html ?? [], as: UTF8.self)
        return try PDFEngine.find(settings.pdfEngine, searchPath: settings.searchPath).pdf(fromHTML: html)
    }

    /// Writes `plan.eml` into `folder` and returns its URL.
    public func publishEmail(_ person: Preferences, settings: PlanSettings, email: EmailSettings, to folder: String) throws -> URL {
        let message = try self.email(for: person, settings: settings, email: email)
        return try OutputFolder(path: folder).write([("plan.eml", message)])[0]
    }
}
