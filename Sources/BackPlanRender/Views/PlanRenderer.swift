import BackPlanCore

/// Renders a plan to its text formats: Markdown from the templates, HTML from that Markdown.
package struct PlanRenderer: Sendable {
    package var templates: TemplateSet
    package var catalog: Catalog

    package init(templates: TemplateSet, catalog: Catalog) {
        self.templates = templates
        self.catalog = catalog
    }

    /// `plan.md`.
    package func markdown(_ plan: Plan, planID: String, paper: Paper) throws(TemplateError) -> String {
        let context = PlanView.context(plan: plan, catalog: catalog, planID: planID, paper: paper)
        return try templates.render("plan.md", context)
    }

    /// `plan.html`: the Markdown converted by libcmark, inside the page shell.
    package func html(_ plan: Plan, markdown: String, planID: String, paper: Paper) throws(TemplateError) -> String {
        var context = PlanView.context(plan: plan, catalog: catalog, planID: planID, paper: paper)
        context["body"] = CommonMark.html(fromMarkdown: markdown)
        return try templates.render("plan.html", context)
    }

    /// `plan.md`, and `plan.html` from it when asked, from one template context.
    ///
    /// Building the context is a good part of rendering a plan; `batch` renders
    /// both formats for every row, so it is built once for the two.
    package func documents(_ plan: Plan, planID: String, paper: Paper, html: Bool) throws(TemplateError) -> (markdown: String, html: String?) {
        var context = PlanView.context(plan: plan, catalog: catalog, planID: planID, paper: paper)
        let markdown = try templates.render("plan.md", context)
        guard html else { return (markdown, nil) }
        context["body"] = CommonMark.html(fromMarkdown: markdown)
        return (markdown, try templates.render("plan.html", context))
    }
}
