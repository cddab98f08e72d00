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
        try message(for: plan(for: person, settings: settings), person: person, settings: settings, email: email).data
    }

    /// The message of `plan` (made by `plan(for: person, settings:)`) and its envelope; the envelope is checked before anything is rendered or printed.
    func message(for plan: Plan, person: Preferences, settings: PlanSettings, email: EmailSettings) throws -> (data: Data, envelope: PlanMessage) {
        let envelope = try PlanMessage(settings: email, plan: plan)
        var documentSettings = settings
        documentSettings.formats = settings.formats.contains(.pdf) ? [.pdf] : []
        let documents = try documents(of: plan, person: person, settings: documentSettings, email: true)
        return (try message(documents, email: email, settings: settings), envelope)
    }

    /// `plan.eml` of documents already made: their Markdown, their calendar and their PDF (when printed) go into it as they are.
    ///
    /// - Throws: `EmailError` for an address, name or subject, `PublishError` when a picture cannot be drawn.
    public func message(_ documents: PlanDocuments, email: EmailSettings, settings: PlanSettings) throws -> Data {
        let plan = documents.plan
        let envelope = try PlanMessage(settings: email, plan: plan)
        var look = documents.look
        // Mail clients show images, not inline SVG or data: URIs: the pictures become PNG parts the HTML refers to.
        let pictures = try mailPictures.attachment(
            for: art.pictures(for: PlanCard.cards(of: plan, catalog: inputs.catalog), siteURL: look.siteURL),
            brand: look.brand, planID: documents.planID, rasterizer: SVGRasterizer.find(searchPath: settings.searchPath))
        look.pictures = pictures.form
        // Mail clients strip scripts: the message's HTML is the printable plan.
        look.checklist = false
        let renderer = PlanRenderer(templates: inputs.templates, catalog: inputs.catalog, art: art)
        let html = try renderer.html(converting: documents.markdown, plan: plan, look: look)
        let ics = try documents.calendar?.ics ?? calendar(for: plan, settings: settings).ics
        return envelope.message(
            planID: documents.planID, plan: plan, markdown: String(decoding: documents.markdown, as: UTF8.self),
            html: String(decoding: html, as: UTF8.self), images: pictures.parts, ics: ics, pdf: documents.pdf,
            writtenAt: settings.writtenAt
        ).data
    }

    /// What `email` leaves out of the HTML on this machine, said once for `--verbose`; nil when nothing.
    public func emailPicturesNote(settings: PlanSettings) -> String? {
        guard SVGRasterizer.find(searchPath: settings.searchPath) == nil else { return nil }
        return "The email's HTML goes without figures, QR codes and an SVG logo: \(SVGRasterizer.program) was not found on the PATH (install librsvg2-bin)"
    }

    /// Writes `plan.eml` into `folder`; the plan is made once, for the owner check, the message and its recipient.
    ///
    /// - Throws: `PublishError.Problem.otherPersonsPlan` when `folder` holds another person's plan, unless `force`.
    public func publishEmail(_ person: Preferences, settings: PlanSettings, email: EmailSettings, to folder: String, force: Bool = false) throws -> WrittenEmail {
        var settings = settings
        settings.folder = folder
        let output = OutputFolder(path: folder)
        let plan = plan(for: person, settings: settings)
        if !force { try output.checkOwner(isNot: plan.person.name, shownAs: folder) }
        let made = try message(for: plan, person: person, settings: settings, email: email)
        return WrittenEmail(file: try output.write([("plan.eml", made.data)])[0], recipient: made.envelope.to.display)
    }
}

/// `plan.eml` as written, and who it goes to as a person reads it (`Zoë Müller <zoe@example.com>`), for the line `email --send` prints.
public struct WrittenEmail: Sendable {
    public let file: URL
    public let recipient: String
}
