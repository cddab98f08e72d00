import BackPlanCore

extension SiteView {
    /// `safety.html`: the article's safety advice and its questions and answers.
    static func safetyPage(catalog: Catalog, settings: SiteSettings) -> SitePage {
        let path = SitePath.safety
        var context = common(page: path, catalog: catalog, settings: settings)
        context["advice"] = .list(catalog.advice.map { ["text": .text($0.text)] })
        context["faq"] = .list(catalog.faq.map { question in
            ["question": .text(question.question), "answer": .list(question.answer.map { ["text": .text($0)] })]
        })
        context["rules"] = .list(catalog.session.rules.map { ["text": .text($0)] })
        return SitePage(
            path: path, heading: "Safety and common questions",
            description: "When to stop, when to see a healthcare professional, and answers to common questions about exercising with neck and back pain.",
            kind: "safety", template: "site-safety.md", context: context)
    }

    /// `example-plan.html`: the built-in example person's plan, the same Markdown `backplan plan` writes.
    static func examplePlanPage(_ example: SiteExamplePlan, catalog: Catalog, settings: SiteSettings) -> SitePage {
        let path = SitePath.examplePlan
        var context = common(page: path, catalog: catalog, settings: settings)
        context["plan"] = .text(example.markdown)
        context["preferences"] = .text(example.preferencesYAML)
        var page = SitePage(
            path: path, heading: example.title,
            description: "An example \(example.weeks)-week exercise plan for neck, shoulder and back pain, made by BackPlan from one person's preferences.",
            kind: "plan", template: "site-plan.md", context: context)
        page.blocks = example.blocks.mapValues { CommonMark.TrustedHTML(Array($0.utf8)) }
        return page
    }
}
