import BackPlanCore
import Foundation

/// How a rendered plan looks beyond its content: id, paper and an optional clinic brand.
package struct PlanLook: Sendable {
    package var planID: String
    package var paper: Paper
    package var brand: Brand?
    /// Body text of at least 16 pt on paper (`--large-print`) instead of 12.
    package var largePrint: Bool
    /// The site's address (`--site-url`, normalised with a trailing slash): cards link to their move's page and carry its QR code.
    package var siteURL: String?
    /// Inline SVG for plan.html; images referred to by `cid:` for an email's HTML.
    package var pictures: PictureForm
    /// For a plan shown on the site itself: cards link to their move's page by this relative prefix ("" from
    /// the site's root) instead of `siteURL`, with no QR code, since the reader is on the site already.
    package var sitePrefix: String?
    /// plan.html as a checklist (`Checklist`): fillable tick and pain boxes and "Save my log", by an inline script.
    /// Off for an email's HTML, whose clients strip scripts.
    package var checklist: Bool

    package init(planID: String, paper: Paper, brand: Brand? = nil, largePrint: Bool = false, siteURL: String? = nil,
                 pictures: PictureForm = .inline, sitePrefix: String? = nil, checklist: Bool = false) {
        self.planID = planID
        self.paper = paper
        self.brand = brand
        self.largePrint = largePrint
        self.siteURL = siteURL
        self.pictures = pictures
        self.sitePrefix = sitePrefix
        self.checklist = checklist
    }

    /// The address of move `id`'s page the cards link to, relative on the site, absolute with `siteURL`; nil for none.
    package func pageLink(of id: String) -> String? {
        if let sitePrefix { return sitePrefix + SitePath.exercise(id).value }
        return siteURL.map { HandoutArt.pageURL(of: id, site: $0) }
    }
}

/// Renders a plan to its text formats: Markdown from the templates, HTML from that Markdown.
package struct PlanRenderer: Sendable {
    package var templates: TemplateSet
    package var catalog: Catalog
    /// The run's figures and QR codes, shared by every plan it renders.
    package var art: HandoutArt

    package init(templates: TemplateSet, catalog: Catalog, art: HandoutArt? = nil) {
        self.templates = templates
        self.catalog = catalog
        self.art = art ?? HandoutArt(catalog: catalog)
    }

    /// The templates `documents` renders (with the partials they use): every template a plan needs.
    package static func templateNames(html: Bool) -> [String] {
        html ? [markdownTemplate, htmlTemplate] : [markdownTemplate]
    }

    private static let markdownTemplate = "plan.md"
    private static let htmlTemplate = "plan.html"

    /// `plan.md`.
    package func markdown(_ plan: Plan, look: PlanLook) throws(TemplateError) -> String {
        let model = PlanModel(plan: plan, catalog: catalog, look: look, art: art)
        return try templates.render(Self.markdownTemplate, model.root, model: model, capacity: Self.markdownCapacity(plan, cards: model.cards.count))
    }

    /// `plan.md`, and when asked `plan.html`: the Markdown converted by libcmark, with each
    /// week's tick-box grid, inside the page shell; as UTF-8 bytes.
    ///
    /// One model serves both, and the bytes go to libcmark and to the files as
    /// they are, never decoded into a String nor copied out of the buffer they were rendered into. `look.pictures` chooses how the
    /// figures, QR codes and logo are placed; the Markdown is the same either way.
    package func documents(_ plan: Plan, look: PlanLook, html: Bool) throws(TemplateError) -> (markdown: Data, html: Data?) {
        let model = PlanModel(plan: plan, catalog: catalog, look: look, art: art)
        let markdown = try templates.renderData(Self.markdownTemplate, model.root, model: model, capacity: Self.markdownCapacity(plan, cards: model.cards.count))
        guard html else { return (markdown, nil) }
        return (markdown, try self.html(converting: markdown, model: model))
    }

    /// `plan.html` of a plan whose `plan.md` is `markdown`, with the pictures as `look.pictures` says.
    ///
    /// An email's HTML differs from plan.html only in how its pictures are placed, so it is made from
    /// the Markdown already rendered for the plan's files.
    package func html(converting markdown: Data, plan: Plan, look: PlanLook) throws(TemplateError) -> Data {
        try html(converting: markdown, model: PlanModel(plan: plan, catalog: catalog, look: look, art: art))
    }

    private func html(converting markdown: Data, model: PlanModel) throws(TemplateError) -> Data {
        let blocks = PlanBlocks(model: model, grids: model.plan.weeks.map { CommonMark.TrustedHTML(WeekGrid.htmlUTF8($0, cards: model.cardNumbers)) })
        let templates = templates
        // The page is rendered while libcmark's HTML is still in its memory, so the body is copied once, into the page.
        let page = CommonMark.withHTMLUTF8(fromMarkdown: markdown, block: { blocks.block(for: $0) }) { body in
            // The page around the body (its style sheet and markup), and the checklist's data and script when it has them.
            let capacity = body.count + 8192 + (model.look.checklist ? Checklist.byteEstimate(model.plan) : 0)
            return model.withBody(body) {
                Result { () throws(TemplateError) in try templates.renderData(Self.htmlTemplate, model.root, model: model, capacity: capacity) }
            }
        }
        return try page.get()
    }

    /// `plan.md` and the trusted HTML its markers stand for (tick grids, cards, figures; QR codes only with
    /// `look.siteURL`): for a page that shows the plan inside its own shell, as the site's example plan.
    package func markdownWithBlocks(_ plan: Plan, look: PlanLook) throws(TemplateError) -> (markdown: String, blocks: [String: String]) {
        let model = PlanModel(plan: plan, catalog: catalog, look: look, art: art)
        let markdown = try templates.render(Self.markdownTemplate, model.root, model: model, capacity: Self.markdownCapacity(plan, cards: model.cards.count))
        let blocks = grids(plan, cards: model.cardNumbers).merging(art.blocks(for: model.cards, siteURL: look.siteURL)) { grid, _ in grid }
        return (markdown, blocks.mapValues { String(decoding: $0, as: UTF8.self) })
    }

    /// About the size of a plan's Markdown with the built-in templates, so its buffer seldom grows:
    /// a few kilobytes of advice and rules, a line per move and a few per session, a card's steps and doses.
    private static func markdownCapacity(_ plan: Plan, cards: Int) -> Int {
        var sessions = 0, items = 0
        for week in plan.weeks {
            sessions += week.sessions.count
            for session in week.sessions { for block in session.blocks { items += block.items.count } }
        }
        return 4096 + 256 * sessions + 64 * items + 640 * cards
    }

    /// Each week's tick-box grid, keyed by its marker in the Markdown.
    private func grids(_ plan: Plan, cards: PlanCard.Numbers) -> [String: [UInt8]] {
        var grids: [String: [UInt8]] = [:]
        for week in plan.weeks { grids[WeekGrid.marker(week: week.number)] = WeekGrid.htmlUTF8(week, cards: cards) }
        return grids
    }
}
