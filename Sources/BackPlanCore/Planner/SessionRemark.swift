/// Why a session lacks a phase, area or minutes it would otherwise have (SPEC rules 5, 10, 11 and 12).
///
/// The planner decides the case; the words are the render layer's (`SessionRemark.text` in BackPlanRender).
public enum SessionRemark: Equatable, Sendable {
    /// No strengthening today, so yesterday's strengthened muscles can rest.
    case mobilityDay
    /// No strengthening while pain is moderate.
    case moderatePain
    /// No strengthening move the person can do works their areas.
    case noStrengthening(areas: [Area], pool: PlanNote.PoolLimit)
    /// No dynamic stretch works their areas; the cardio is the warm-up.
    case noDynamicStretches(areas: [Area], pool: PlanNote.PoolLimit)
    /// No cool-down stretch works their areas.
    case noCoolDown(areas: [Area], pool: PlanNote.PoolLimit)
}
