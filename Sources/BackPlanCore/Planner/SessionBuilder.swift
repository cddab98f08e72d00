/// Builds one session: the step-by-step choices of `Planner`.
///
/// Works on indices into the pool with each move's dose and seconds computed once:
/// a roster builds many sessions, each weighing every candidate several times.
struct SessionBuilder {
    /// What the builder needs of the planner and the person, not the values themselves: a session
    /// is built a dozen times a plan, and copying (then destroying) the catalog and preferences
    /// retained and released every string and list in them each time.
    private let cardio: DoseRange
    private let asked: AreaMask
    let kind: Session.Kind
    /// The pool indices the clinician included, placed first where their phase is allowed.
    private let included: [Int]
    /// Whether each pool index's phase belongs in a session of this kind (no strengthening on mobility days).
    private let isAllowed: [Bool]
    let budget: Int
    let pool: [Candidate]
    let history: UsageHistory
    let sessionIndex: Int

    /// The pool indices chosen so far, in the order they were chosen.
    private(set) var chosen: [Int] = []
    private var isChosen: [Bool]
    /// The way chosen for each pool index, once it is chosen.
    private var ways: [Way?]
    private var seconds: [Int]
    private var chosenSeconds = 0
    private var cardioMinutes: Int
    private let doses: [Dose]
    private let masks: [AreaMask]
    private let uses: [Int]
    private var phaseCounts = [0, 0, 0]
    private var scores: [Double]
    private var covered = AreaMask()

    init(
        planner: Planner, person: Preferences, pool: [Candidate], table: CandidateTable, history: UsageHistory,
        sessionIndex: Int, kind: Session.Kind = .strength, included: [Int] = []
    ) {
        cardio = planner.catalog.session.cardioMinutes
        asked = AreaMask(person.areas)
        self.kind = kind
        self.included = included
        isAllowed = pool.map { kind == .strength || $0.move.phase != .strength }
        budget = person.minutes * 60
        self.pool = pool
        self.history = history
        self.sessionIndex = sessionIndex
        self.cardioMinutes = planner.catalog.session.cardioMinutes.min
        self.isChosen = Array(repeating: false, count: pool.count)
        self.ways = Array(repeating: nil, count: pool.count)
        self.scores = Array(repeating: 0, count: pool.count)
        self.doses = table.doses
        self.masks = table.masks
        self.uses = history.total
        self.seconds = table.seconds
    }

    /// How many moves of a phase make "a handful" before other ways of filling time are tried, by `Phase.index`.
    static let handful: [Int] = {
        var limits = Array(repeating: 0, count: Phase.allCases.count)
        for phase in Phase.allCases {
            switch phase {
            case .warmUp, .strength: limits[phase.index] = 4
            case .coolDown: limits[phase.index] = 3
            }
        }
        return limits
    }()

    mutating func build(date: CivilDate, generator: inout SeededGenerator) -> Session {
        scoreCandidates(generator: &generator)
        let allowed = isAllowed
        let coverable = asked.intersection(pool.indices.filter { allowed[$0] }.reduce(AreaMask()) { $0.union(masks[$1]) })

        // 1. One move per phase (an included one where there is one), each covering as many asked areas as it can.
        let isIncluded = pool.indices.map { included.contains($0) }
        let pool = self.pool
        for phase in [Phase.strength, .coolDown, .warmUp] {
            let ofPhase = { (index: Int) in pool[index].move.phase == phase }
            if let pick = best(where: { ofPhase($0) && isIncluded[$0] }, covering: asked.subtracting(covered))
                ?? best(where: ofPhase, covering: asked.subtracting(covered)) { add(pick) }
        }
        // 2. The rest of the clinician's inclusions, wherever this kind of day allows their phase and they fit.
        for index in included where !isChosen[index] && isAllowed[index] && estimate + seconds[index] <= budget { add(index) }
        // 3. Every asked area the pool can work, as far as the time allows.
        while true {
            let missing = coverable.subtracting(covered)
            guard !missing.isEmpty, let pick = best(where: { !masks[$0].isDisjoint(with: missing) }, covering: missing) else { break }
            add(pick)
        }
        // 4. A mix of body-weight and equipment strengthening where both are possible.
        for wantsBodyWeight in [true, false] {
            let strength = chosen.filter { pool[$0].move.phase == .strength }
            guard !strength.isEmpty, !strength.contains(where: { ways[$0]!.isBodyWeight == wantsBodyWeight }) else { continue }
            if let pick = best(where: { pool[$0].move.phase == .strength }, covering: asked, bodyWeight: wantsBodyWeight) {
                add(pick, bodyWeight: wantsBodyWeight)
            }
        }
        // 5. Fill the budget: a handful of moves per phase first (the article's "select a
        //    handful"), then a longer cardio, then more moves. A mobility day stops short.
        if kind == .mobility {
            fill(towards: asked, handful: true, tenths: Self.mobilityTenths)
        } else {
            fill(towards: asked, handful: true, tenths: 9)
            while cardioMinutes < (cardio.max ?? cardio.min), estimate + 60 <= budget { cardioMinutes += 1 }
            fill(towards: asked, handful: false, tenths: 9)
        }
        return session(date: date, uncovered: asked.subtracting(covered).areas)
    }

    /// How much of its minutes a mobility day fills, in tenths: a short, easy day.
    static let mobilityTenths = 4

    /// Adds moves for the asked areas (rule 10: never others) until the session uses `tenths` of its budget or nothing more fits.
    private mutating func fill(towards asked: AreaMask, handful: Bool, tenths: Int) {
        let limits = Self.handful
        while estimate * 10 < budget * tenths {
            let counts = phaseCounts, pool = self.pool, masks = self.masks
            let open = { (index: Int) in
                let phase = pool[index].move.phase.index
                return !handful || counts[phase] < limits[phase]
            }
            guard let pick = best(where: { open($0) && !masks[$0].isDisjoint(with: asked) }, covering: asked, balance: true) else { return }
            add(pick)
        }
    }

    // MARK: - Choosing

    /// Lower is better: moves done in the session before, and often this week or last, wait their turn.
    private mutating func scoreCandidates(generator: inout SeededGenerator) {
        let thisWeek = sessionIndex > 0 ? history.byWeek[history.lastWeekIndex] : nil
        let lastWeek = history.byWeek[sessionIndex > 0 ? history.lastWeekIndex - 1 : history.lastWeekIndex]
        for index in pool.indices {
            var score = generator.unit()
            if history.lastSession[kind]?[index] == true { score += 100 }
            score += 10 * Double(thisWeek?[index] ?? 0)
            score += 5 * Double(lastWeek?[index] ?? 0)
            score += Double(uses[index])
            scores[index] = score
        }
    }

    /// The unchosen candidate that fits the time left and covers the most of `areas`, ties going to the least used.
    private func best(where include: (Int) -> Bool, covering areas: AreaMask, bodyWeight: Bool? = nil, balance: Bool = false) -> Int? {
        var best: (index: Int, value: Double)?
        let current = estimate
        for index in pool.indices where !isChosen[index] && isAllowed[index] && current + seconds[index] <= budget && include(index) {
            if let bodyWeight, !pool[index].ways.contains(where: { $0.isBodyWeight == bodyWeight }) { continue }
            var value = 50 * Double(masks[index].intersection(areas).count) - scores[index]
            if balance { value -= 8 * Double(phaseCounts[pool[index].move.phase.index]) }
            if best == nil || value > best!.value { best = (index, value) }
        }
        return best?.index
    }

    /// One of the person's ways, rotating between alternatives from one use of the move to the next.
    private func way(for index: Int, bodyWeight: Bool? = nil) -> Way? {
        let ways = pool[index].ways
        guard let bodyWeight else { return ways.isEmpty ? nil : ways[uses[index] % ways.count] }
        // The n-th matching way, counted without collecting the matches.
        var count = 0
        for way in ways where way.isBodyWeight == bodyWeight { count += 1 }
        guard count > 0 else { return nil }
        var n = uses[index] % count
        for way in ways where way.isBodyWeight == bodyWeight {
            if n == 0 { return way }
            n -= 1
        }
        return nil
    }

    private mutating func add(_ index: Int, bodyWeight: Bool? = nil) {
        guard let way = way(for: index, bodyWeight: bodyWeight) else { return }
        chosen.append(index)
        isChosen[index] = true
        ways[index] = way
        chosenSeconds += seconds[index]
        covered.formUnion(masks[index])
        phaseCounts[pool[index].move.phase.index] += 1
    }

    // MARK: - Time

    private var estimate: Int { cardioMinutes * 60 + chosenSeconds }

    // MARK: - Result

    private func session(date: CivilDate, uncovered: [Area]) -> Session {
        // Within a phase, moves keep the catalog's order (the pool is in catalog order).
        let order = chosen.sorted()
        var items = phaseCounts.map { count -> [PlanItem] in
            var items: [PlanItem] = []
            items.reserveCapacity(count)
            return items
        }
        for index in order {
            // The fields read in place: copying the whole move would copy all its text.
            let phase = pool[index].move.phase
            let way = ways[index]!
            // Most ways list their equipment in order already: sharing the array spares a copy.
            let equipment = way.equipment
            let sortedEquipment = equipment.indices.dropFirst().allSatisfy { equipment[$0 - 1] <= equipment[$0] } ? equipment : equipment.sorted()
            items[phase.index].append(PlanItem(
                id: pool[index].move.id, name: pool[index].move.name, phase: phase, equipment: sortedEquipment,
                positions: way.positions, dose: doses[index], estimatedSeconds: seconds[index]))
        }
        // The warm-up block always exists: it carries the cardio.
        let blocks = Phase.allCases.compactMap { phase -> Block? in
            items[phase.index].isEmpty && phase != .warmUp ? nil : Block(phase: phase, items: items[phase.index])
        }
        return Session(
            date: date, kind: kind, cardioMinutes: cardioMinutes, blocks: blocks, estimatedSeconds: estimate,
            budgetSeconds: budget, uncoveredAreas: uncovered)
    }
}

/// A set of areas as bits: the planner tests and merges area sets in its inner loop.
struct AreaMask: OptionSet, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    init(_ areas: [Area]) {
        self.init(rawValue: areas.reduce(0) { $0 | (1 << UInt8(Area.allCases.firstIndex(of: $1)!)) })
    }

    var count: Int { rawValue.nonzeroBitCount }

    var areas: [Area] { Area.allCases.enumerated().filter { rawValue & (1 << UInt8($0.offset)) != 0 }.map(\.element) }
}
