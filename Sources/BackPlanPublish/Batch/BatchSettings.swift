import BackPlanCore

/// How a batch run works: the plan settings every row shares, plus where and how many at once.
public struct BatchSettings: Sendable {
    /// The settings of every row's plan; its `seed` is the run's seed, from which each row's seed derives.
    public var plan: PlanSettings
    /// The folder that receives one sub-folder per person.
    public var output: String
    /// How many rows are planned and written at the same time.
    public var jobs: Int
    /// The slice of the roster this run writes.
    public var shard: RosterShard = .all
    /// Leave people whose files are all there and newer than the roster and `inputFiles`.
    public var skipExisting = false
    /// Files besides the roster the output depends on (`--catalog`, the files of `--templates`), for `skipExisting`.
    public var inputFiles: [String] = []

    public init(plan: PlanSettings, output: String, jobs: Int) {
        self.plan = plan
        self.output = output
        self.jobs = max(1, jobs)
    }

    /// The settings of one row's plan: the run's settings with the row's own seed.
    public func planSettings(folder: String) -> PlanSettings {
        var settings = plan
        settings.seed = RosterRow.seed(base: plan.seed, folder: folder)
        return settings
    }
}
