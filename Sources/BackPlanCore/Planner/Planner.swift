/// Turns a catalog and a person's preferences into a plan. Pure and deterministic.
///
/// The story of a plan: gate on safety, pick the pool of moves the person can
/// do for their areas (the clinician's exclusions out, inclusions in), decide
/// which days may strengthen (never two calendar days in a row), then for each
/// training day build a session (the included moves, cover the asked areas,
/// mix body-weight and equipment strengthening, fill the time budget with
/// moves for those areas only, vary from the day before) at that week's dose.
public struct Planner: Sendable {
    public var catalog: Catalog
    public var timeModel: TimeModel

    public init(catalog: Catalog, timeModel: TimeModel = .standard) {
        self.catalog = catalog
        self.timeModel = timeModel
    }

    /// The plan for `person` starting on `start`; the same inputs always give the same plan.
    ///
    /// `startLevel` continues a previous block's doses: week 1 starts there (never
    /// below the level's own start, never above the plan's top) instead of at the bottom.
    public func plan(for person: Preferences, start: CivilDate, seed: UInt64, startLevel: Double? = nil) -> Plan {
        let gating = Self.gating(for: person)
        var plan = Plan(
            person: person, start: start, trainingDays: person.trainingDays, seed: seed, gating: gating,
            weeks: [], advice: advice(for: gating), notes: [])
        guard gating != .noExercise else { return plan }

        let pool = pool(for: person, gating: gating)
        let masks = pool.map { AreaMask($0.move.areas) }
        let included = pool.indices.filter { person.include.contains(pool[$0].id) }
        let strengthens = pool.contains { $0.move.phase == .strength }
        var lastStrengthDay: CivilDate?
        var generator = SeededGenerator(seed: seed ^ 0x6261_636B_706C_616E)  // "backplan"
        var history = UsageHistory(poolSize: pool.count)
        for weekIndex in 0..<person.weeks {
            let level = progression(week: weekIndex, of: person.weeks, person: person, gating: gating, startLevel: startLevel)
            // A week's doses and times, worked out once for all its sessions.
            let doses = pool.map { dose(of: $0.move, level: level, gentle: gating == .gentle) }
            // By index: zipping the pool copied each candidate, retaining every string and list of its move.
            let table = CandidateTable(
                doses: doses, seconds: pool.indices.map { timeModel.seconds(phase: pool[$0].move.phase, dose: doses[$0]) }, masks: masks)
            var week = Week(number: weekIndex + 1, sessions: [], level: level)
            for date in trainingDates(week: weekIndex, start: start, days: plan.trainingDays) {
                // Rule 11: a strengthening day never follows another; the day between is for mobility.
                let kind: Session.Kind
                if !strengthens {
                    kind = .stretch
                } else if let last = lastStrengthDay, last.adding(days: 1) == date {
                    kind = .mobility
                } else {
                    kind = .strength
                    lastStrengthDay = date
                }
                var builder = SessionBuilder(
                    planner: self, person: person, pool: pool, table: table, history: history,
                    sessionIndex: week.sessions.count, kind: kind, included: included)
                var session = builder.build(date: date, generator: &generator)
                session.remarks = remarks(for: session, person: person, pool: pool, gating: gating)
                history.record(builder.chosen, week: weekIndex, kind: kind)
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

    /// The moves this person can do for their areas, each with the ways their equipment and floor allow.
    ///
    /// Rule 10: a move for none of the person's areas is left out, unless the
    /// clinician included it; an excluded move is never in the pool.
    func pool(for person: Preferences, gating: Plan.Gating) -> [Candidate] {
        let owned = Set(person.equipment)
        let asked = AreaMask(person.areas)
        return catalog.moves.compactMap { move in
            if person.exclude.contains(move.id) { return nil }
            if AreaMask(move.areas).isDisjoint(with: asked) && !person.include.contains(move.id) { return nil }
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
    /// in the last week. Rule 12: moderate pain stays in the lower half (an
    /// intermediate starts a quarter of the way up); mild pain follows the
    /// same steps as no pain, never faster.
    func progression(week: Int, of weeks: Int, person: Preferences, gating: Plan.Gating, startLevel: Double? = nil) -> Double {
        let gentle = gating == .gentle
        let first = person.level == .beginner ? 0.0 : gentle ? 0.25 : 0.5
        let last = gentle ? 0.5 : 1.0
        let low = min(max(first, startLevel ?? first), last)
        guard weeks > 1 else { return low }
        return low + (last - low) * Double(week) / Double(weeks - 1)
    }

    /// The dose of a move at progression level `level`, never outside the catalog's ranges.
    ///
    /// An open range ("at least 15 seconds") grows to at most twice its minimum. A
    /// warm-up move's bout is the time its counts take, within its 30-60 s range, so
    /// it grows with the counts and never contradicts them.
    /// A gentle dose rounds down, so half-way up a range of one step stays at its bottom (the lower half).
    func dose(of move: Exercise, level: Double, gentle: Bool = false) -> Dose {
        func pick(_ range: DoseRange?) -> Int? {
            guard let range else { return nil }
            let top = range.max ?? range.min * 2
            return range.min + Int((level * Double(top - range.min)).rounded(gentle ? .down : .toNearestOrAwayFromZero))
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

    func advice(for gating: Plan.Gating) -> [PlanAdvice] {
        var advice: [PlanAdvice] = []
        switch gating {
        case .noExercise: advice.append(.seeProfessionalFirst)
        case .gentle: advice.append(.gentleOnly)
        case .none: break
        }
        // The stop-if-worse line leads the article's advice, whatever order a catalog uses.
        advice.append(.article(catalog.stopAdvice))
        advice += catalog.advice.map(\.text).filter { $0 != catalog.stopAdvice }.map(PlanAdvice.article)
        return advice
    }

    /// "28.5" or "30": minutes as plans print them.
    public static func minutesText(_ minutes: Double) -> String {
        minutes == minutes.rounded() ? String(Int(minutes)) : String(minutes)
    }
}

/// "a, b and c": a list in a sentence.
package func sentenceList(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
}

/// A move the person can do and the ways they can do it.
/// A move of the pool with the ways this person can do it.
///
/// A class: the planner passes candidates around and searches them many times a plan,
/// and copying one is then a reference, not every string and list of its move.
final class Candidate: Equatable, Sendable {
    let move: Exercise
    let ways: [Way]

    init(move: Exercise, ways: [Way]) {
        self.move = move
        self.ways = ways
    }

    var id: String { move.id }

    static func == (a: Candidate, b: Candidate) -> Bool { a.move == b.move && a.ways == b.ways }
}

/// How often each move of the pool was used, by pool index, for variety within a week and rotation across weeks.
struct UsageHistory: Sendable {
    var total: [Int]
    /// Uses per week index, for the weeks recorded so far.
    var byWeek: [Int: [Int]] = [:]
    /// The moves of the last session of each kind: a strength day varies from the strength day before, not from the mobility day between.
    var lastSession: [Session.Kind: [Bool]] = [:]
    var lastWeekIndex = -1

    init(poolSize: Int) {
        total = Array(repeating: 0, count: poolSize)
    }

    /// Records the pool indices a session of `kind` chose, in week `week`.
    mutating func record(_ chosen: [Int], week: Int, kind: Session.Kind = .strength) {
        var thisWeek = byWeek.removeValue(forKey: week) ?? Array(repeating: 0, count: total.count)
        var last = Array(repeating: false, count: total.count)
        for index in chosen {
            total[index] += 1
            thisWeek[index] += 1
            last[index] = true
        }
        lastSession[kind] = last
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
