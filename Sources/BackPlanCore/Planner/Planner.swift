/// Turns a catalog and a person's preferences into a plan. Pure and deterministic.
///
/// The story of a plan: gate on safety, pick the pool of moves the person can
/// do, then for each training day build a session (cover the asked areas, mix
/// body-weight and equipment strengthening, fill the time budget, vary from the
/// day before) at that week's dose.
public struct Planner: Sendable {
    public var catalog: Catalog
    public var timeModel: TimeModel
    /// Whether sessions may be filled up with moves for areas the person did not name.
    ///
    /// On for plans (a session should use most of its minutes); off for an area's
    /// short routine, which should hold only moves for that area.
    public var fillsWithOtherAreas = true

    public init(catalog: Catalog, timeModel: TimeModel = .standard) {
        self.catalog = catalog
        self.timeModel = timeModel
    }

    /// The plan for `person` starting on `start`; the same inputs always give the same plan.
    public func plan(for person: Preferences, start: CivilDate, seed: UInt64) -> Plan {
        let gating = Self.gating(for: person)
        var plan = Plan(
            person: person, start: start, trainingDays: person.trainingDays, seed: seed, gating: gating,
            weeks: [], advice: advice(for: gating), notes: [])
        guard gating != .noExercise else { return plan }

        let pool = pool(for: person, gating: gating)
        let masks = pool.map { AreaMask($0.move.areas) }
        var generator = SeededGenerator(seed: seed ^ 0x6261_636B_706C_616E)  // "backplan"
        var history = UsageHistory(poolSize: pool.count)
        for weekIndex in 0..<person.weeks {
            let level = progression(week: weekIndex, of: person.weeks, person: person, gating: gating)
            // A week's doses and times, worked out once for all its sessions.
            let doses = pool.map { dose(of: $0.move, level: level) }
            // By index: zipping the pool copied each candidate, retaining every string and list of its move.
            let table = CandidateTable(
                doses: doses, seconds: pool.indices.map { timeModel.seconds(phase: pool[$0].move.phase, dose: doses[$0]) }, masks: masks)
            var week = Week(number: weekIndex + 1, sessions: [])
            for date in trainingDates(week: weekIndex, start: start, days: plan.trainingDays) {
                var builder = SessionBuilder(
                    planner: self, person: person, pool: pool, table: table, history: history, sessionIndex: week.sessions.count)
                let session = builder.build(date: date, generator: &generator)
                history.record(builder.chosen, week: weekIndex)
                week.sessions.append(session)
            }
            plan.weeks.append(week)
        }
        plan.notes = notes(for: plan, pool: pool)
        return plan
    }

    // MARK: - Safety gating

    static func gating(for person: Preferences) -> Plan.Gating {
        if person.pain == .severe || person.recentInjury { return .noExercise }
        if person.pain == .moderate { return .gentle }
        return .none
    }

    // MARK: - Pool

    /// The moves this person can do, each with the ways their equipment and floor allow.
    func pool(for person: Preferences, gating: Plan.Gating) -> [Candidate] {
        let owned = Set(person.equipment)
        return catalog.moves.compactMap { move in
            if gating == .gentle && move.phase == .strength { return nil }
            let ways = move.ways(owning: owned, floor: person.floor).map { way in
                person.floor ? way : Way(equipment: way.equipment, positions: way.positions.filter { !$0.isOnFloor })
            }
            return ways.isEmpty ? nil : Candidate(move: move, ways: ways)
        }
    }

    // MARK: - Days

    func trainingDates(week: Int, start: CivilDate, days: [Weekday]) -> [CivilDate] {
        (0..<7).map { start.adding(days: week * 7 + $0) }.filter { days.contains($0.weekday) }
    }

    // MARK: - Progression

    /// How far up its ranges each dose is this week, 0 (bottom) to 1 (top).
    ///
    /// Beginners start at the bottom, intermediates half-way; both reach the top
    /// in the last week. Moderate pain stays in the lower half.
    func progression(week: Int, of weeks: Int, person: Preferences, gating: Plan.Gating) -> Double {
        let first = person.level == .beginner ? 0.0 : 0.5
        let last = gating == .gentle ? 0.5 : 1.0
        let low = min(first, last)
        guard weeks > 1 else { return low }
        return low + (last - low) * Double(week) / Double(weeks - 1)
    }

    /// The dose of a move at progression level `level`, never outside the catalog's ranges.
    ///
    /// An open range ("at least 15 seconds") grows to at most twice its minimum. A
    /// warm-up move's bout is the time its counts take, within its 30-60 s range, so
    /// it grows with the counts and never contradicts them.
    func dose(of move: Exercise, level: Double) -> Dose {
        func pick(_ range: DoseRange?) -> Int? {
            guard let range else { return nil }
            let top = range.max ?? range.min * 2
            return range.min + Int((level * Double(top - range.min)).rounded(.toNearestOrAwayFromZero))
        }
        var dose = Dose(
            sets: pick(move.dose.sets), reps: pick(move.dose.reps), holdSeconds: pick(move.dose.holdSeconds),
            rounds: pick(move.dose.rounds), seconds: nil, perSide: move.dose.perSide)
        if move.phase == .warmUp {
            let range = move.dose.seconds ?? catalog.session.dynamicStretchSeconds
            dose.seconds = min(max(timeModel.work(dose), range.min), range.max ?? range.min)
        } else {
            dose.seconds = pick(move.dose.seconds)
        }
        return dose
    }

    // MARK: - Advice and notes

    static let noExerciseAdvice = "This plan has no exercises yet: with severe pain or a recent injury, see a healthcare professional before you start any new activity, and ask them when these moves are right for you."
    static let gentleAdvice = "Your pain is moderate, so this plan holds gentle mobility and stretching only, at the easy end of each dose. Add strengthening once your pain has eased, and stop any move that hurts."

    func advice(for gating: Plan.Gating) -> [String] {
        var advice: [String] = []
        switch gating {
        case .noExercise: advice.append(Self.noExerciseAdvice)
        case .gentle: advice.append(Self.gentleAdvice)
        case .none: break
        }
        // The stop-if-worse line leads the article's advice, whatever order a catalog uses.
        advice.append(catalog.stopAdvice)
        advice.append(contentsOf: catalog.advice.map(\.text).filter { $0 != catalog.stopAdvice })
        return advice
    }

    func notes(for plan: Plan, pool: [Candidate]) -> [String] {
        var notes: [String] = []
        let coverable = Set(pool.flatMap(\.move.areas))
        let unreachable = plan.person.areas.filter { !coverable.contains($0) }
        if !unreachable.isEmpty {
            let names = unreachable.map(\.title).joined(separator: ", ")
            let reason = plan.person.floor ? "with your equipment" : "with your equipment and without floor moves"
            notes.append("No move you can do \(reason) works your \(names); it is not in these sessions.")
        }
        let short = Set(plan.sessions.flatMap(\.uncoveredAreas)).subtracting(unreachable).sorted()
        if !short.isEmpty {
            notes.append("\(plan.person.minutes) minutes is not enough to work your \(short.map(\.title).joined(separator: ", ")) in every session; the sessions that leave it out say so.")
        }
        let shortSessions = plan.sessions.filter(\.isShorterThanAsked)
        if let longest = shortSessions.map(\.estimatedMinutes).max() {
            let which = shortSessions.count == plan.sessions.count ? "Sessions take" : "\(shortSessions.count) of \(plan.sessions.count) sessions take"
            let missing = Equipment.allCases.filter { !plan.person.equipment.contains($0) }
            var more: [String] = []
            if !missing.isEmpty { more.append("adding equipment (\(missing.map(\.title).joined(separator: ", ")))") }
            if !plan.person.floor { more.append("allowing floor moves") }
            let hint: String
            if plan.gating == .gentle {
                hint = "Strengthening moves join the plan once your pain has eased."
            } else if more.isEmpty {
                hint = "The catalog's moves at the article's doses fill no more, so the extra time is better spent on a longer walk or other activity."
            } else {
                hint = more.joined(separator: " or ").prefix(1).uppercased() + more.joined(separator: " or ").dropFirst() + " would give longer sessions."
            }
            notes.append("\(which) up to about \(Self.minutesText(longest)) minutes, less than the \(plan.person.minutes) you asked for: that is every move you can do, at that week's dose. \(hint)")
        }
        return notes
    }

    /// "28.5" or "30": minutes as plans print them.
    public static func minutesText(_ minutes: Double) -> String {
        minutes == minutes.rounded() ? String(Int(minutes)) : String(minutes)
    }
}

/// A move the person can do and the ways they can do it.
struct Candidate: Equatable, Sendable {
    var move: Exercise
    var ways: [Way]

    var id: String { move.id }
}

/// How often each move of the pool was used, by pool index, for variety within a week and rotation across weeks.
struct UsageHistory: Sendable {
    var total: [Int]
    /// Uses per week index, for the weeks recorded so far.
    var byWeek: [Int: [Int]] = [:]
    var lastSession: [Bool]
    var lastWeekIndex = -1

    init(poolSize: Int) {
        total = Array(repeating: 0, count: poolSize)
        lastSession = Array(repeating: false, count: poolSize)
    }

    /// Records the pool indices a session chose, in week `week`.
    mutating func record(_ chosen: [Int], week: Int) {
        var thisWeek = byWeek.removeValue(forKey: week) ?? Array(repeating: 0, count: total.count)
        lastSession = Array(repeating: false, count: total.count)
        for index in chosen {
            total[index] += 1
            thisWeek[index] += 1
            lastSession[index] = true
        }
        byWeek[week] = thisWeek
        lastWeekIndex = week
    }
}

/// What the sessions of one week know of each candidate, by pool index: computed once a week, not once a session.
struct CandidateTable: Sendable {
    var doses: [Dose]
    var seconds: [Int]
    var masks: [AreaMask]
}
