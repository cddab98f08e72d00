import BackPlanCore
import BackPlanRender

/// Every field of a plan as a tree of values, as the golden context files and the swift-mustache oracle read it.
func planContext(plan: Plan, catalog: Catalog, look: PlanLook) -> TemplateFields {
    let model = PlanModel(plan: plan, catalog: catalog, look: look)
    guard case .object(let fields) = model.root.materialized(in: model) else { preconditionFailure("a plan's root is an object") }
    return fields
}
