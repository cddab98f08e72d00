import BackPlanCore

/// One HTML page of the site before rendering: where it goes, what it is called, its Markdown template and values.
///
/// The page's body is Markdown from `template`, converted by libcmark; the
/// optional `asideTemplate` (related moves) goes beside it, and `pager` links the
/// previous and next move. The page shell (`site-page.html`) wraps them all.
struct SitePage {
    var path: SitePath
    /// The page's own title, its one `h1`.
    var heading: String
    /// The `<meta name="description">` text.
    var description: String
    /// "index", "exercise", "area", "safety", "plan": a class on `body` for the style sheet.
    var kind: String
    var template: String
    var context: TemplateFields
    var asideTemplate: String?
    var pager: (previous: Exercise?, next: Exercise?)?
    /// The area the page is about, marked in the navigation.
    var area: Area?
    /// Trusted HTML blocks replacing their markers when the Markdown is converted.
    var blocks: [String: CommonMark.TrustedHTML] = [:]

    init(path: SitePath, heading: String, description: String, kind: String, template: String,
         context: TemplateFields) {
        self.path = path
        self.heading = heading
        self.description = description
        self.kind = kind
        self.template = template
        self.context = context
    }
}
