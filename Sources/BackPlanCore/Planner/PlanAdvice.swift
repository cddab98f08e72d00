/// One piece of the advice a plan carries, most important first.
///
/// The gating advice is BackPlan's own (worded in BackPlanRender, `PlanAdvice.text`);
/// the rest is the catalog's text, as the article gives it.
public enum PlanAdvice: Equatable, Sendable {
    /// Severe pain or a recent injury: no exercises, see a healthcare professional first.
    case seeProfessionalFirst
    /// Moderate pain: gentle mobility and stretching only.
    case gentleOnly
    /// The catalog's advice, in its own words.
    case article(String)
}
