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

    @Test("the same inputs give an equal plan and identical JSON", arguments: batches)
    func determinism(batch: Int) {
        var random = RandomPreferences(seed: 0xD00D + UInt64(batch))
        for _ in 0..<25 {
            let (person, start, seed) = random.next()
            let first = Self.planner.plan(for: person, start: start, seed: seed)
            let second = Planner(catalog: try! Catalog(yaml: Catalog.builtInYAML, file: "copy.yaml")).plan(for: person, start: start, seed: seed)
            #expect(first == second, "seed \(seed)")
            #expect(first.json(planID: "x") == second.json(planID: "x"), "seed \(seed)")
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
        if !plan.advice.contains(where: { $0.contains("pain gets worse") }) { fail("no stop-if-worse advice") }
        for id in ["core", "desk", "when-better"] {
            if let text = catalog.advice(id: id), !plan.advice.contains(text) { fail("advice \(id) missing") }
        }
        if person.pain == .severe || person.recentInjury {
            if !plan.weeks.isEmpty { fail("severe pain or injury must give no exercises") }
            if !(plan.advice.first ?? "").contains("healthcare professional") { fail("gated plan must say to see a professional first") }
            return failures
        }
        let pool = Planner(catalog: catalog).pool(for: person, gating: plan.gating)
        let poolIDs = Set(pool.map(\.id))
        let coverable = Set(person.areas).intersection(pool.flatMap(\.move.areas))
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
                                                firstWeek: weekIndex == 0, person: person)
                        lastDose[item.id] = item.dose
                    }
                }
                if session.blocks.contains(where: { $0.phase == .coolDown }) == false && pool.contains(where: { $0.move.phase == .coolDown }) {
                    fail("\(place): no cool-down stretch")
                }
                let strength = session.items.filter { $0.phase == .strength }
                if plan.gating == .gentle && !strength.isEmpty { fail("\(place): strengthening with moderate pain") }
                if plan.gating == .none && strength.isEmpty && !strengthKinds.isEmpty { fail("\(place): no strengthening move") }
                // Rule 4: areas and the mix.
                let covered = Set(session.items.compactMap { catalog.move(id: $0.id) }.flatMap(\.areas))
                let missing = coverable.subtracting(covered)
                if missing != Set(session.uncoveredAreas) { fail("\(place): uncovered \(missing.sorted()) but says \(session.uncoveredAreas)") }
                if !missing.isEmpty && person.minutes >= 20 { fail("\(place): \(person.minutes) min leave \(missing.sorted()) out") }
                if !missing.isEmpty && !plan.notes.contains(where: { $0.contains("not enough to work") }) { fail("\(place): uncovered areas not noted") }
                if strengthKinds.count == 2 && person.minutes >= 20 && Set(strength.map { $0.equipment.isEmpty }).count < 2 {
                    fail("\(place): strengthening is not a mix of body weight and equipment")
                }
                // Rule 5: the time budget.
                let recomputed = session.cardioMinutes * 60 + session.items.reduce(0) { $0 + timeModel.seconds(phase: $1.phase, dose: $1.dose) }
                if recomputed != session.estimatedSeconds { fail("\(place): estimate \(session.estimatedSeconds) s, items add to \(recomputed) s") }
                if session.estimatedSeconds > person.minutes * 60 { fail("\(place): \(session.estimatedSeconds) s over \(person.minutes) min") }
                if session.estimatedSeconds * 10 < person.minutes * 60 * 7 {
                    let fullest = Set(session.items.map(\.id)) == poolIDs && session.cardioMinutes == 10
                    if !fullest { fail("\(place): \(session.estimatedSeconds) s is under 70% of \(person.minutes) min without using the whole pool") }
                    if !plan.notes.contains(where: { $0.contains("less than the") }) { fail("\(place): short session not noted") }
                }
            }
            // Rule 6: variety within the week.
            let sets = week.sessions.map { Set($0.items.map(\.id)) }
            if sets.count > 1, Set(sets).count == 1, sets[0] != poolIDs {
                fail("week \(week.number): every session is the same although the pool has more moves")
            }
        }
        // Rule 6: rotation across weeks: the weeks are not all copies of each other.
        let weekShapes = plan.weeks.map { $0.sessions.map { Set($0.items.map(\.id)) } }
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
