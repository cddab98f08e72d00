/// Builds one session: the step-by-step choices of `Planner`.
struct SessionBuilder {
    let planner: Planner
    let person: Preferences
    let pool: [Candidate]
    let level: Double
    let history: UsageHistory
    let sessionIndex: Int

    private var chosen: [(candidate: Candidate, way: Way)] = []
    private var cardioMinutes: Int
    private var warmUpBout: Int
    private var scores: [String: Double] = [:]

    init(planner: Planner, person: Preferences, pool: [Candidate], level: Double, history: UsageHistory, sessionIndex: Int) {
        self.planner = planner
        self.person = person
        self.pool = pool
        self.level = level
        self.history = history
        self.sessionIndex = sessionIndex
        self.cardioMinutes = planner.catalog.session.cardioMinutes.min
        self.warmUpBout = planner.catalog.session.dynamicStretchSeconds.min
    }

    var budget: Int { person.minutes * 60 }

    mutating func build(date: CivilDate, generator: inout SeededGenerator) -> Session {
        scoreCandidates(generator: &generator)
        let asked = Set(person.areas)
        let coverable = asked.intersection(pool.flatMap(\.move.areas))

        // 1. One move per phase, each covering as many asked areas as it can.
        for phase in [Phase.strength, .coolDown, .warmUp] {
            if let best = best(in: candidates(phase: phase), covering: asked.subtracting(coveredAreas)) {
                add(best)
            }
        }
        // 2. Every asked area the pool can work, as far as the time allows.
        while true {
            let missing = coverable.subtracting(coveredAreas)
            guard !missing.isEmpty,
                  let next = best(in: candidates(phase: nil).filter { !Set($0.move.areas).isDisjoint(with: missing) }, covering: missing)
            else { break }
            add(next)
        }
        // 3. A mix of body-weight and equipment strengthening where both are possible.
        for wantsEquipment in [false, true] {
            let strength = chosen.filter { $0.candidate.move.phase == .strength }
            guard !strength.isEmpty, !strength.contains(where: { $0.way.isBodyWeight != wantsEquipment }) else { continue }
            let kind = candidates(phase: .strength).filter { $0.ways.contains { $0.isBodyWeight != wantsEquipment } }
            if let next = best(in: kind, covering: asked, bodyWeight: !wantsEquipment) { add(next, bodyWeight: !wantsEquipment) }
        }
        // 4. Fill the budget: a handful of moves per phase first (the article's "select a
        //    handful"), then a longer cardio, then longer warm-up bouts, then more moves.
        fill(towards: asked, handful: true)
        let cardio = planner.catalog.session.cardioMinutes
        while cardioMinutes < (cardio.max ?? cardio.min), estimate + 60 <= budget { cardioMinutes += 1 }
        let bouts = planner.catalog.session.dynamicStretchSeconds
        while warmUpBout + 15 <= (bouts.max ?? bouts.min) {
            warmUpBout += 15
            if estimate > budget { warmUpBout -= 15; break }
        }
        fill(towards: asked, handful: false)
        return session(date: date, uncovered: coverable.subtracting(coveredAreas))
    }

    /// How many moves of a phase make "a handful" before other ways of filling time are tried.
    static let handful: [Phase: Int] = [.warmUp: 4, .strength: 4, .coolDown: 3]

    /// Adds moves, asked areas first, until the session uses 90% of its budget or nothing more fits.
    private mutating func fill(towards asked: Set<Area>, handful: Bool) {
        while estimate * 10 < budget * 9 {
            let open = candidates(phase: nil).filter { candidate in
                !handful || count(of: candidate.move.phase) < Self.handful[candidate.move.phase, default: 3]
            }
            let relevant = open.filter { !Set($0.move.areas).isDisjoint(with: asked) }
            guard let pick = best(in: relevant, covering: asked, balance: true) ?? best(in: open, covering: asked, balance: true)
            else { return }
            add(pick)
        }
    }

    private func count(of phase: Phase) -> Int {
        chosen.filter { $0.candidate.move.phase == phase }.count
    }

    // MARK: - Choosing

    /// Lower is better: recently and often used moves wait their turn.
    private mutating func scoreCandidates(generator: inout SeededGenerator) {
        for candidate in pool {
            let id = candidate.id
            var score = generator.unit()
            if history.lastSession.contains(id) && sessionIndex > 0 { score += 100 }
            score += 10 * Double(history.byWeek[history.lastWeekIndex + (sessionIndex > 0 ? 0 : 1)]?[id] ?? 0)
            if sessionIndex == 0 { score += 6 * Double(history.byWeek[history.lastWeekIndex]?[id] ?? 0) }
            score += 2 * Double(history.total[id] ?? 0)
            scores[id] = score
        }
    }

    private func candidates(phase: Phase?) -> [Candidate] {
        pool.filter { candidate in
            (phase == nil || candidate.move.phase == phase) && !chosen.contains { $0.candidate.id == candidate.id }
        }
    }

    /// The candidate that fits the time left and covers the most of `areas`, ties going to the least used.
    private func best(in candidates: [Candidate], covering areas: Set<Area>, bodyWeight: Bool? = nil, balance: Bool = false) -> Candidate? {
        var best: (Candidate, Double)?
        // The session's estimate does not change while choosing: work it out once, not per candidate.
        let current = estimate
        for candidate in candidates {
            guard fits(candidate, bodyWeight: bodyWeight, estimate: current) else { continue }
            let gain = Double(Set(candidate.move.areas).intersection(areas).count)
            var value = gain * 50 - (scores[candidate.id] ?? 0)
            if balance {
                value -= 8 * Double(count(of: candidate.move.phase))
            }
            if best == nil || value > best!.1 { best = (candidate, value) }
        }
        return best?.0
    }

    private func fits(_ candidate: Candidate, bodyWeight: Bool? = nil, estimate: Int) -> Bool {
        estimate + seconds(for: candidate.move) <= budget && way(for: candidate, bodyWeight: bodyWeight) != nil
    }

    /// One of the person's ways, rotating between alternatives from session to session.
    private func way(for candidate: Candidate, bodyWeight: Bool? = nil) -> Way? {
        let ways = candidate.ways.filter { bodyWeight == nil || $0.isBodyWeight == bodyWeight }
        guard !ways.isEmpty else { return nil }
        let uses = history.total[candidate.id] ?? 0
        return ways[uses % ways.count]
    }

    private mutating func add(_ candidate: Candidate, bodyWeight: Bool? = nil) {
        guard let way = way(for: candidate, bodyWeight: bodyWeight) else { return }
        chosen.append((candidate, way))
    }

    private var coveredAreas: Set<Area> { Set(chosen.flatMap(\.candidate.move.areas)) }

    // MARK: - Time

    private func seconds(for move: Exercise) -> Int {
        planner.timeModel.seconds(phase: move.phase, dose: planner.dose(of: move, level: level, warmUpBout: warmUpBout))
    }

    private var estimate: Int {
        cardioMinutes * 60 + chosen.reduce(0) { $0 + seconds(for: $1.candidate.move) }
    }

    // MARK: - Result

    private func session(date: CivilDate, uncovered: Set<Area>) -> Session {
        let order = planner.catalog.moves.map(\.id)
        let blocks = Phase.allCases.compactMap { phase -> Block? in
            let items = chosen
                .filter { $0.candidate.move.phase == phase }
                .sorted { order.firstIndex(of: $0.candidate.id)! < order.firstIndex(of: $1.candidate.id)! }
                .map { entry in
                    let move = entry.candidate.move
                    let dose = planner.dose(of: move, level: level, warmUpBout: warmUpBout)
                    return PlanItem(
                        id: move.id, name: move.name, phase: phase, equipment: entry.way.equipment.sorted(),
                        positions: entry.way.positions, dose: dose,
                        estimatedSeconds: planner.timeModel.seconds(phase: phase, dose: dose))
                }
            // The warm-up block always exists: it carries the cardio.
            return items.isEmpty && phase != .warmUp ? nil : Block(phase: phase, items: items)
        }
        return Session(
            date: date, cardioMinutes: cardioMinutes, blocks: blocks, estimatedSeconds: estimate,
            budgetSeconds: budget, uncoveredAreas: uncovered.sorted())
    }
}
