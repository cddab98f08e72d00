/// How long a move takes: the numbers behind every session estimate.
///
/// - A repetition takes `secondsPerRep` (3 s: about 1 s up, a short pause, 1-2 s down),
///   plus its hold when the move has one (scapular squeeze: 3 + 5 s).
/// - Between sets of a strengthening move: `restBetweenSets` (30 s).
/// - Between rounds of a held stretch: `restBetweenRounds` (5 s) to release and reset.
/// - Moving from one exercise to the next: `transition` (15 s).
/// - Per-side moves take twice the time of one side.
/// - A dynamic warm-up stretch takes its timed bout (30-60 s), whatever it counts.
/// - The cardio warm-up counts its minutes.
public struct TimeModel: Equatable, Sendable {
    public var secondsPerRep = 3
    public var restBetweenSets = 30
    public var restBetweenRounds = 5
    public var transition = 15

    public init() {}

    public static let standard = TimeModel()

    /// Seconds for one item of a phase with this dose, transition included.
    public func seconds(phase: Phase, dose: Dose) -> Int {
        let sides = dose.perSide ? 2 : 1
        let work: Int
        if phase == .warmUp, let bout = dose.seconds {
            work = bout
        } else if let reps = dose.reps {
            let sets = dose.sets ?? 1
            let perRep = secondsPerRep + (dose.holdSeconds ?? 0)
            work = sets * reps * perRep * sides + max(0, sets - 1) * restBetweenSets
        } else if let hold = dose.holdSeconds {
            let rounds = dose.rounds ?? 1
            work = rounds * hold * sides + max(0, rounds * sides - 1) * restBetweenRounds
        } else if let bout = dose.seconds {
            work = bout * sides
        } else {
            work = 0
        }
        return work + transition
    }
}
