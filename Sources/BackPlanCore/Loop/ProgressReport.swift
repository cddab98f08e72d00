/// A logged plan's progress: the numbers of its log and what the next block will do. Rendered by `progress`.
public struct ProgressReport: Equatable, Sendable {
    public var plan: Plan
    public var planID: String
    public var summary: LogSummary
    public var next: NextBlock

    public init(plan: Plan, planID: String, log: SessionLog, next: NextBlock) {
        self.plan = plan
        self.planID = planID
        summary = LogSummary(plan: plan, log: log)
        self.next = next
    }
}
