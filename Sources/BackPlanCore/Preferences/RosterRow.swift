/// One person of a roster: where the row is, which folder it writes, and its preferences or what is wrong with it.
public struct RosterRow: Equatable, Sendable {
    /// The row number: for CSV the header is row 1, for YAML the first person is row 1.
    public var number: Int
    /// The person's folder inside the output folder; nil when the row gives neither `id` nor `name`.
    public var folder: String?
    /// The parsed preferences, or the first problem of the row with its place (`roster.csv:14: minutes: ...`).
    public var preferences: Result<Preferences, InputError>

    public init(number: Int, folder: String?, preferences: Result<Preferences, InputError>) {
        self.number = number
        self.folder = folder
        self.preferences = preferences
    }

    /// The planner seed of a person in a batch run with `--seed base`.
    ///
    /// It mixes the run's seed with the person's folder (their `id`, or the
    /// unique slug of their name), so people with equal preferences still get
    /// different plans, and a row's plan depends neither on its position in the
    /// roster nor on scheduling. `backplan plan PREFS --seed <this value>`
    /// makes the same files; the value is printed on the plan and in plan.json.
    public static func seed(base: UInt64, folder: String) -> UInt64 {
        Fingerprint("backplan.batch.v1", String(base), folder).value
    }
}
