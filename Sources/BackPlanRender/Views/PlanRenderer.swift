import BackPlanCore

/// How a rendered plan looks beyond its content: id, paper and an optional clinic brand.
package struct PlanLook: Sendable {
    package var planID: String
    package var paper: Paper
    package var brand: Brand?

    package init(planID: String, paper: Paper, brand: Brand? = nil) {
        self.planID = planID
        self.paper = paper
        self.brand = brand
    }
}

/// Renders a plan to its text formats: Markdown from the templates, HTML from that Markdown.
package struct PlanRenderer: Sendable {
    package var templates: TemplateSet
    package var catalog: Catalog

    package init(templates: TemplateSet, catalog: Catalog) {
        self.templates = templates
        self.catalog = catalog
    }

    /// `plan.md`.
    package func markdown(_ plan: Plan, look: PlanLook) throws(TemplateError) -> String {
        try templates.render("plan.md", PlanView.context(plan: plan, catalog: catalog, look: look))
    }

    /// `plan.html`: the Markdown converted by libcmark, with each week's tick-box grid, inside the page shell.
    package func html(_ plan: Plan, markdown: String, look: PlanLook) throws(TemplateError) -> String {
        var context = PlanView.context(plan: plan, catalog: catalog, look: look)
        var grids: [String: String] = [:]
        for week in plan.weeks { grids[WeekGrid.marker(week: week.number)] = WeekGrid.html(week) }
        context["body"] = CommonMark.html(fromMarkdown: markdown, blocks: grids)
        return try templates.render("plan.html", context)
    }
}
