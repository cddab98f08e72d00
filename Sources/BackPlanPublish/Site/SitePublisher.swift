import BackPlanCore
import BackPlanRender
import Foundation

/// Builds the static website of the exercise library and keeps an output folder in step with it.
///
/// The story of `publish(to:)`: plan the example person with the plan
/// publisher (so the example page is the plan `backplan plan` writes), render
/// every page in memory, then write only the files whose bytes changed and
/// remove what an earlier build left behind.
public struct SitePublisher: Sendable {
    public let inputs: Inputs
    public let settings: SiteSettings

    /// The example plan's first day: fixed, so that a rebuild on another day changes nothing.
    public static let exampleStart = CivilDate(year: 2026, month: 11, day: 30)!

    public init(inputs: Inputs, settings: SiteSettings) {
        self.inputs = inputs
        self.settings = settings
    }

    /// Every file of the site as (path under the folder, bytes), in path order; nothing is written.
    ///
    /// - Throws: `TemplateError` naming the template at fault, or `PublishError` for two pages on one path.
    public func files() throws -> [(path: String, data: Data)] {
        let renderer = SiteRenderer(templates: inputs.templates, catalog: inputs.catalog, settings: settings)
        let files = try renderer.files(examplePlan: try examplePlan())
        var seen = Set<String>()
        for file in files where !seen.insert(file.path.value).inserted {
            throw PublishError(path: file.path.value, problem: .invalid("two pages of the site have this path; give every move a different id"))
        }
        return files.map { ($0.path.value, Data($0.text.utf8)) }
    }

    /// Renders the site and brings `folder` in step with it.
    ///
    /// - Throws: `TemplateError`, or `PublishError` naming the path that cannot be written.
    /// With `force`, also into a folder holding files the site did not write (never replacing them).
    public func publish(to folder: String, force: Bool = false) throws -> SiteReport {
        try SiteFolder(path: folder, force: force).sync(try files())
    }

    /// The built-in example person's plan, made and rendered exactly as `backplan plan` makes it.
    func examplePlan() throws -> SiteExamplePlan {
        var planSettings = PlanSettings(today: Self.exampleStart)
        planSettings.start = Self.exampleStart
        let publisher = PlanPublisher(inputs: inputs)
        let plan = publisher.plan(for: .example, settings: planSettings)
        let id = publisher.planID(for: plan, settings: planSettings)
        // The site's own relative links, from the page the plan is shown on.
        let look = PlanLook(planID: id, paper: planSettings.paper, sitePrefix: SitePath.examplePlan.rootPrefix)
        let rendered = try PlanRenderer(templates: inputs.templates, catalog: inputs.catalog).markdownWithBlocks(plan, look: look)
        var example = SiteExamplePlan(
            markdown: rendered.markdown, title: "Example plan for \(plan.person.name)", weeks: plan.person.weeks,
            preferencesYAML: Preferences.exampleYAML.trimmingCharacters(in: .newlines))
        example.blocks = rendered.blocks
        return example
    }
}
