import BackPlanCore

/// The template context of a plan: a documented, stable set of fields (see README).
///
/// Values are plain text; the Markdown templates escape them on output.
/// Templates read the plan through `PlanModel`, which works out each field
/// when it is read; `context` gives the same fields as a tree of values.
package enum PlanView {
    /// Every field of the plan as a tree, as swift-mustache and tests read it.
    package static func context(plan: Plan, catalog: Catalog, look: PlanLook) -> TemplateFields {
        let model = PlanModel(plan: plan, catalog: catalog, look: look)
        guard case .object(let fields) = model.root.materialized(in: model) else { preconditionFailure("a plan's root is an object") }
        return fields
    }

    /// "neck, upper back and shoulders".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
