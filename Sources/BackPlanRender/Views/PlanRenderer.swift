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
}
