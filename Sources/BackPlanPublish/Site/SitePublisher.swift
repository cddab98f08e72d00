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
        let build = try self.build()
        var files: [(path: String, data: Data)] = []
        for (index, path) in build.paths.enumerated() { files.append((path.value, try build.data(at: index))) }
        return files
    }

    /// The site ready to render file by file, its paths checked to be distinct; with `spill`, its small figures kept there.
    func build(spill: (any ByteSpill)? = nil) throws -> SiteBuild {
        let renderer = SiteRenderer(templates: inputs.templates, catalog: inputs.catalog, settings: settings, spill: spill)
        let build = try renderer.build(examplePlan: try examplePlan())
        for (path, next) in zip(build.paths, build.paths.dropFirst()) where path == next {
            throw PublishError(path: path.value, problem: .invalid("two pages of the site have this path; give every move a different id"))
        }
        return build
    }

    /// Renders the site and brings `folder` in step with it.
    ///
    /// A folder a build of the same inputs left as it was is recognised from the manifest and
    /// the files' status alone, without rendering (`SiteFolder.upToDate(build:)`). Otherwise each
    /// page is rendered, compared with the file on disk and written if it differs, a batch at a
    /// time; the small figures every list shows wait in a temporary file (`SpillFile`), and the
    /// pages that list moves are made one at a time, so what grows with the number of moves is
    /// mostly the catalog itself (docs/benchmarks.md).
    ///
    /// - Throws: `TemplateError`, or `PublishError` naming the path that cannot be written.
    /// With `force`, also into a folder holding files the site did not write (never replacing them).
    public func publish(to folder: String, force: Bool = false) throws -> SiteReport {
        let siteFolder = SiteFolder(path: folder, force: force)
        let fingerprint = Self.buildFingerprint(inputs: inputs.fingerprint, settings: settings)
        if let report = siteFolder.upToDate(build: fingerprint) { return report }
        let build = try self.build(spill: SpillFile.make())
        let lists = Set(build.paths.indices.filter(build.listsMoves(at:)))
        return try siteFolder.sync(paths: build.paths.map(\.value), build: fingerprint, large: lists, chunks: { try build.chunks(at: $0) })
    }

    /// The report of a build with nothing to do in `folder`, or nil: the catalog's text and the
    /// templates are read, but not parsed or compiled, and no page is made. A site of 10,000
    /// moves spends most of a rebuild parsing its catalog; this check needs none of it.
    public static func upToDate(in folder: String, catalogPath: String?, templatesPath: String?, settings: SiteSettings) throws -> SiteReport? {
        let inputs = try Inputs.fingerprint(catalogPath: catalogPath, templatesPath: templatesPath)
        return SiteFolder(path: folder).upToDate(build: buildFingerprint(inputs: inputs, settings: settings))
    }

    /// What every page is made from: the catalog and templates (`Inputs.fingerprint`), the site's
    /// options, and the program making them (its executable's size and modification time, so a
    /// new build of BackPlan renders again).
    static func buildFingerprint(inputs: String, settings: SiteSettings) -> String {
        var fingerprint = Fingerprint("site/2", inputs, settings.title, settings.baseURL ?? "", settings.language)
        var status = stat()
        if stat("/proc/self/exe", &status) == 0 {
            fingerprint.combine("\(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec) \(status.st_ino)")
        } else {
            // Without a way to know the program, never skip a build.
            fingerprint.combine(UUID().uuidString)
        }
        return fingerprint.hex()
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
