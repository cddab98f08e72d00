/// How long a move takes: the numbers behind every session estimate.
///
/// - A repetition takes `secondsPerRep` (3 s: about 1 s up, a short pause, 1-2 s down),
///   plus its hold when the move has one (scapular squeeze: 3 + 5 s).
/// - Between sets of a strengthening move: `restBetweenSets` (30 s).
/// - Between rounds of a held stretch: `restBetweenRounds` (5 s) to release and reset.
/// - Moving from one exercise to the next: `transition` (15 s).
/// - Per-side moves take twice the time of one side.
/// - A dynamic warm-up stretch takes a timed bout of 30-60 s: the time its counts
///   take at this week's dose, kept within that range (chair rotation's 3 rounds of
///   10 s on each side fill a minute).
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
        if phase == .warmUp, let bout = dose.seconds { return bout + transition }
        return work(dose) + transition
    }

    /// Seconds of work a dose asks for, counting its sets, reps, holds, rounds and sides.
    public func work(_ dose: Dose) -> Int {
        let sides = dose.perSide ? 2 : 1
        if let reps = dose.reps {
            let sets = dose.sets ?? 1
            let rounds = dose.rounds ?? 1
            let perRep = secondsPerRep + (dose.holdSeconds ?? 0)
            return sets * rounds * reps * perRep * sides + max(0, sets - 1) * restBetweenSets
        }
        if let hold = dose.holdSeconds {
            let rounds = dose.rounds ?? 1
            return rounds * hold * sides + max(0, rounds * sides - 1) * restBetweenRounds
        }
        if let bout = dose.seconds { return bout * sides }
        return 0
    }
}
