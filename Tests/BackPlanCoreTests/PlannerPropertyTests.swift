import Foundation
import Testing

@testable import BackPlanCore

/// Every rule of SPEC's "Rules of a plan", checked on plans for many random people.
@Suite("Planner properties")
struct PlannerPropertyTests {
    static let catalog = Catalog.builtIn
    static let planner = Planner(catalog: catalog)
    /// 2,000 people in 8 batches, so a failure names its batch and the test can run in parallel.
    static let batches = Array(0..<8)
    static let peoplePerBatch = 250

    @Test("all rules hold for 2,000 random people", arguments: batches)
    func rules(batch: Int) {
        var random = RandomPreferences(seed: 0xBAC0 + UInt64(batch))
        for index in 0..<Self.peoplePerBatch {
            let (person, start, seed) = random.next()
            let plan = Self.planner.plan(for: person, start: start, seed: seed)
            let failures = PlanRules.check(plan, catalog: Self.catalog)
            #expect(failures.isEmpty, "batch \(batch) person \(index) (seed \(seed), start \(start)): \(person)\n\(failures.joined(separator: "\n"))")
            if !failures.isEmpty { return }
        }
    }

    @Test("the same inputs give an equal plan", arguments: batches)
    func determinism(batch: Int) {
        var random = RandomPreferences(seed: 0xD00D + UInt64(batch))
        for _ in 0..<25 {
            let (person, start, seed) = random.next()
            let first = Self.planner.plan(for: person, start: start, seed: seed)
            let second = Planner(catalog: try! Catalog(yaml: Catalog.builtInYAML, file: "copy.yaml")).plan(for: person, start: start, seed: seed)
            #expect(first == second, "seed \(seed)")
        }
    }

    @Test("different seeds vary the plan")
    func seedsMatter() {
        var person = Preferences()
        person.equipment = Equipment.allCases
        let start = CivilDate(iso: "2026-11-30")!
        let plans = (1...5).map { Self.planner.plan(for: person, start: start, seed: $0) }
        #expect(Set(plans.map { $0.sessions.map { $0.items.map(\.id) }.description }).count > 1)
    }
}

/// The checks, returning one line per broken rule so a failure explains itself.
enum PlanRules {
    static func check(_ plan: Plan, catalog: Catalog) -> [String] {
        var failures: [String] = []
        func fail(_ text: String) { failures.append(text) }
        let person = plan.person
        let timeModel = TimeModel.standard

        // Rule 8: safety gating and advice.
        if !plan.advice.contains(.article(catalog.stopAdvice)) { fail("no stop-if-worse advice") }
        for id in ["core", "desk", "when-better"] {
            if let text = catalog.advice(id: id), !plan.advice.contains(.article(text)) { fail("advice \(id) missing") }
        }
        if person.pain == .severe || person.recentInjury {
            if !plan.weeks.isEmpty { fail("severe pain or injury must give no exercises") }
            if plan.advice.first != .seeProfessionalFirst { fail("gated plan must say to see a professional first") }
            return failures
        }
        let pool = Planner(catalog: catalog).pool(for: person, gating: plan.gating)
        let poolIDs = Set(pool.map(\.id))
        let asked = Set(person.areas)
        let strengthens = pool.contains { $0.move.phase == .strength }
        /// The pool a session of this kind may draw on: no strengthening on mobility days.
        func allowed(_ kind: Session.Kind) -> [Candidate] { pool.filter { kind == .strength || $0.move.phase != .strength } }

        // Rule 10 and the clinician's keys, checked against the catalog rather than the pool.
        for session in plan.sessions {
            for item in session.items {
                let move = catalog.move(id: item.id)
                if person.exclude.contains(item.id) { fail("\(session.date): excluded \(item.id) used") }
                if let move, asked.isDisjoint(with: move.areas), !person.include.contains(item.id) {
                    fail("\(session.date): \(item.id) works \(move.areas), none of \(person.areas)")
                }
                if plan.gating == .gentle, move?.phase == .strength { fail("\(session.date): included strength \(item.id) with moderate pain") }
            }
            // Included moves wherever allowed: in the pool, a phase this day has, and together they fit the minutes.
            let includable = allowed(session.kind).filter { person.include.contains($0.id) }
            let seconds = includable.reduce(catalog.session.cardioMinutes.min * 60) { total, candidate in
                total + timeModel.seconds(phase: candidate.move.phase, dose: Planner(catalog: catalog).dose(
                    of: candidate.move, level: Planner(catalog: catalog).progression(
                        week: (session.date.daysSinceEpoch - plan.start.daysSinceEpoch) / 7, of: person.weeks, person: person, gating: plan.gating),
                    gentle: plan.gating == .gentle))
            }
            for candidate in includable where !session.items.contains(where: { $0.id == candidate.id }) {
                // Only a short session may leave one out (the phases come first), and the notes say so.
                if person.minutes >= 30 || seconds <= session.budgetSeconds / 2 {
                    fail("\(session.date): included \(candidate.id) missing from a \(session.kind) session of \(person.minutes) min")
                }
                if !plan.notes.contains(where: { if case .includedDidNotFit(candidate.move.name, _, _) = $0 { true } else { false } }) { fail("\(candidate.id) left out without a note") }
            }
        }
        // Rule 11: no strengthening for the same area on two calendar days in a row.
        for (first, second) in zip(plan.sessions, plan.sessions.dropFirst()) where first.date.adding(days: 1) == second.date {
            let areas = { (session: Session) in Set(session.items.filter { $0.phase == .strength }.compactMap { catalog.move(id: $0.id) }.flatMap(\.areas)) }
            let both = areas(first).intersection(areas(second))
            if !both.isEmpty { fail("\(first.date) and \(second.date) both strengthen \(both.sorted())") }
            if second.kind == .mobility && first.kind != .strength { fail("\(second.date): mobility day after no strengthening") }
        }
        // Rule 12: moderate pain keeps every dose in the lower half; mild never progresses faster than none.
        let planner = Planner(catalog: catalog)
        for week in 0..<person.weeks {
            var mild = person, none = person
            mild.pain = .mild
            none.pain = .none
            if planner.progression(week: week, of: person.weeks, person: mild, gating: .none)
                > planner.progression(week: week, of: person.weeks, person: none, gating: .none) { fail("week \(week + 1): mild pain progresses faster") }
        }
        if plan.gating == .gentle {
            for session in plan.sessions {
                for item in session.items {
                    guard let move = catalog.move(id: item.id) else { continue }
                    let pairs: [(String, Int?, DoseRange?)] = [
                        ("sets", item.dose.sets, move.dose.sets), ("reps", item.dose.reps, move.dose.reps),
                        ("hold_seconds", item.dose.holdSeconds, move.dose.holdSeconds), ("rounds", item.dose.rounds, move.dose.rounds),
                        // A warm-up bout is the time its counts take, not a dose of its own.
                        ("seconds", move.phase == .warmUp ? nil : item.dose.seconds, move.dose.seconds),
                    ]
                    for case let (key, value?, range?) in pairs {
                        let top = range.max ?? range.min * 2
                        if (value - range.min) * 2 > top - range.min { fail("\(session.date): \(item.id) \(key) \(value) above the lower half of \(range.text)") }
                    }
                }
            }
        }
        // Uncovered areas agree with the notes.
        for area in Set(plan.sessions.flatMap(\.uncoveredAreas)) where !plan.notes.contains(where: { $0.areas.contains(area) }) {
            fail("\(area) uncovered but no note names it")
        }
        let strengthKinds = Set(pool.filter { $0.move.phase == .strength }.flatMap { $0.ways.map(\.isBodyWeight) })

        // Rule 2: days.
        let days = person.trainingDays
        if plan.weeks.count != person.weeks { fail("\(plan.weeks.count) weeks for \(person.weeks)") }
        if case .perWeek(let count) = person.days {
            if days.count != count { fail("\(days.count) days for days_per_week \(count)") }
            if count <= 4, zip(days, days.dropFirst()).contains(where: { $1.index - $0.index == 1 }) {
                fail("days \(days) have two in a row")
            }
        }
        for week in plan.weeks {
            let first = plan.start.adding(days: (week.number - 1) * 7)
            if week.sessions.count != days.count { fail("week \(week.number) has \(week.sessions.count) sessions for \(days.count) days") }
            for session in week.sessions {
                if !days.contains(session.weekday) { fail("\(session.date) is a \(session.weekday), not a training day") }
                if session.date < first || session.date > first.adding(days: 6) { fail("\(session.date) outside week \(week.number)") }
            }
        }

        var lastDose: [String: Dose] = [:]
        for (weekIndex, week) in plan.weeks.enumerated() {
            for session in week.sessions {
                let place = "week \(week.number) \(session.date)"
                // Rule 1: order of phases, cardio, no static stretch in the warm-up.
                let phases = session.blocks.map(\.phase)
                if phases != phases.sorted() || Set(phases).count != phases.count { fail("\(place): phases out of order \(phases)") }
                if phases.first != .warmUp { fail("\(place): no warm-up block") }
                if !(5...10).contains(session.cardioMinutes) { fail("\(place): cardio \(session.cardioMinutes) min") }
                for block in session.blocks {
                    for item in block.items {
                        guard let move = catalog.move(id: item.id) else { fail("\(place): unknown id \(item.id)"); continue }
                        if move.phase != block.phase { fail("\(place): \(item.id) in the \(block.phase) block") }
                        if block.phase == .warmUp, let seconds = item.dose.seconds, !(30...60).contains(seconds) {
                            fail("\(place): warm-up \(item.id) for \(seconds) s")
                        }
                        // Rule 3: equipment and floor.
                        if !poolIDs.contains(item.id) { fail("\(place): \(item.id) is not in the person's pool") }
                        if !item.equipment.allSatisfy(person.equipment.contains) { fail("\(place): \(item.id) uses \(item.equipment)") }
                        if !move.ways.contains(where: { Set($0.equipment) == Set(item.equipment) }) { fail("\(place): \(item.id) uses no way of its own") }
                        if !person.floor && item.positions.contains(where: \.isOnFloor) { fail("\(place): \(item.id) on the floor") }
                        if item.positions.isEmpty { fail("\(place): \(item.id) has no position") }
                        // Rule 7: progression inside the ranges, never down.
                        failures += progression(item, move: move, previous: lastDose[item.id], place: place,
                                                firstWeek: weekIndex == 0 && plan.weeks[0].level == 0, person: person)
                        lastDose[item.id] = item.dose
                    }
                }
                if session.blocks.contains(where: { $0.phase == .coolDown }) == false && pool.contains(where: { $0.move.phase == .coolDown }) {
                    fail("\(place): no cool-down stretch")
                }
                let strength = session.items.filter { $0.phase == .strength }
                if plan.gating == .gentle && !strength.isEmpty { fail("\(place): strengthening with moderate pain") }
                if session.kind == .strength && strength.isEmpty && !strengthKinds.isEmpty { fail("\(place): no strengthening move") }
                if session.kind == .mobility && !strength.isEmpty { fail("\(place): strengthening on a mobility day") }
                if (session.kind == .stretch) == strengthens { fail("\(place): a \(session.kind) session with strengthening \(strengthens ? "possible" : "impossible")") }
                // Rule 4: areas and the mix.
                let covered = Set(session.items.compactMap { catalog.move(id: $0.id) }.flatMap(\.areas))
                let missing = asked.subtracting(covered)
                if missing != Set(session.uncoveredAreas) { fail("\(place): uncovered \(missing.sorted()) but says \(session.uncoveredAreas)") }
                let coverable = asked.intersection(allowed(session.kind).flatMap(\.move.areas))
                if !coverable.subtracting(covered).isEmpty && person.minutes >= 20 && session.kind != .mobility {
                    fail("\(place): \(person.minutes) min leave \(coverable.subtracting(covered).sorted()) out")
                }
                if session.kind == .strength && strengthKinds.count == 2 && person.minutes >= 20 && Set(strength.map { $0.equipment.isEmpty }).count < 2 {
                    fail("\(place): strengthening is not a mix of body weight and equipment")
                }
                // Rule 5: the time budget.
                let recomputed = session.cardioMinutes * 60 + session.items.reduce(0) { $0 + timeModel.seconds(phase: $1.phase, dose: $1.dose) }
                if recomputed != session.estimatedSeconds { fail("\(place): estimate \(session.estimatedSeconds) s, items add to \(recomputed) s") }
                if session.estimatedSeconds > person.minutes * 60 { fail("\(place): \(session.estimatedSeconds) s over \(person.minutes) min") }
                if session.kind != .mobility && session.estimatedSeconds * 10 < person.minutes * 60 * 7 {
                    let fullest = Set(session.items.map(\.id)) == Set(allowed(session.kind).map(\.id)) && session.cardioMinutes == 10
                    if !fullest { fail("\(place): \(session.estimatedSeconds) s is under 70% of \(person.minutes) min without using the whole pool") }
                    if !plan.notes.contains(where: { if case .sessionsShort = $0 { true } else { false } }) { fail("\(place): short session not noted") }
                }
            }
            // Rule 6: variety within the week.
            let sets = week.sessions.filter { $0.kind != .mobility }.map { Set($0.items.map(\.id)) }
            // Moves the clinician insists on may fill a short session, leaving nothing to vary.
            let crowded = !person.include.isEmpty && person.minutes < 30
            if !crowded, sets.count > 1, Set(sets).count == 1, sets[0] != poolIDs {
                fail("week \(week.number): every session is the same although the pool has more moves")
            }
        }
        // Rule 6: rotation across weeks: the weeks are not all copies of each other.
        let weekShapes = plan.weeks.map { $0.sessions.filter { $0.kind != .mobility }.map { Set($0.items.map(\.id)) } }
        let everySessionFull = weekShapes.joined().allSatisfy { $0 == poolIDs }
        if weekShapes.count > 2, Set(weekShapes.map(\.description)).count == 1, !everySessionFull {
            fail("every week repeats the same sessions although the pool has more moves")
        }
        return failures
    }

    static func progression(_ item: PlanItem, move: Exercise, previous: Dose?, place: String, firstWeek: Bool, person: Preferences) -> [String] {
        var failures: [String] = []
        let pairs: [(String, Int?, DoseRange?, Int?)] = [
            ("sets", item.dose.sets, move.dose.sets, previous?.sets),
            ("reps", item.dose.reps, move.dose.reps, previous?.reps),
            ("hold_seconds", item.dose.holdSeconds, move.dose.holdSeconds, previous?.holdSeconds),
            ("rounds", item.dose.rounds, move.dose.rounds, previous?.rounds),
        ]
        for (key, value, range, before) in pairs {
            guard let range else {
                if value != nil { failures.append("\(place): \(item.id) has \(key) the article does not give") }
                continue
            }
            guard let value else { failures.append("\(place): \(item.id) lacks \(key)"); continue }
            let top = range.max ?? range.min * 2
            if value < range.min || value > top { failures.append("\(place): \(item.id) \(key) \(value) outside \(range.text)") }
            if let before, value < before { failures.append("\(place): \(item.id) \(key) went down from \(before) to \(value)") }
            if firstWeek && person.level == .beginner && value != range.min { failures.append("\(place): beginner starts \(item.id) \(key) at \(value), not \(range.min)") }
        }
        if let seconds = item.dose.seconds, let range = move.dose.seconds {
            if seconds < range.min || seconds > (range.max ?? range.min * 2) { failures.append("\(place): \(item.id) seconds \(seconds) outside \(range.text)") }
            if let before = previous?.seconds, seconds < before { failures.append("\(place): \(item.id) seconds went down from \(before) to \(seconds)") }
            var counts = item.dose
            counts.seconds = nil
            let work = TimeModel.standard.work(counts)
            if move.phase == .warmUp && seconds < min(work, range.max ?? work) {
                failures.append("\(place): \(item.id) has \(seconds) s for \(work) s of counts (\(item.dose.text))")
            }
        }
        if item.dose.perSide != move.dose.perSide { failures.append("\(place): \(item.id) per_side differs from the catalog") }
        return failures
    }
}

extension PlanNote {
    /// The areas a note names.
    var areas: [Area] {
        switch self {
        case .areasUnreachable(let areas, _, _), .areasLeftOutForTime(let areas, _), .areasLeftOutOnMobilityDays(let areas): areas
        case .noStrengthening(let areas, _, _): areas
        default: []
        }
    }
}
