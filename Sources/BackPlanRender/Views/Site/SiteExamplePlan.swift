/// The example person's plan as the site shows it: made by the plan publisher, rendered here.
public struct SiteExamplePlan: Equatable, Sendable {
    /// The plan's `plan.md`, with its own `# title`.
    public var markdown: String
    /// The plan's title, the page's one `h1`.
    public var title: String
    public var weeks: Int
    /// The preferences file the plan was made from, shown under it.
    public var preferencesYAML: String
    /// Trusted HTML blocks (the weeks' tick-box grids) by their marker in the Markdown.
    public var blocks: [String: String] = [:]

    public init(markdown: String, title: String, weeks: Int, preferencesYAML: String) {
        self.markdown = markdown
        self.title = title
        self.weeks = weeks
        self.preferencesYAML = preferencesYAML
    }
}
