import Foundation
import Testing

@testable import BackPlanCore

/// The rules of `plan --after`, held over thousands of random logs of random plans.
@Suite("The loop: next blocks from random logs")
struct LoopPropertyTests {
    static let catalog = Catalog.builtIn
    static let planner = Planner(catalog: catalog)
    /// 2,400 logs in 8 batches, so a failure names its batch.
    static let batches = Array(0..<8)
    static let logsPerBatch = 300

    /// A random log of `plan`: gaps, sessions done in full, in part or not at all, pain scores, moves that hurt.
    static func randomLog(of plan: Plan, random: inout RandomPreferences, planID: String = "p") -> SessionLog {
        let style = random.int(0...3)  // 0: diligent, 1: half, 2: rare, 3: anything
        var entries: [SessionLog.Entry] = []
        let base = random.int(0...6)
        let drift = random.int(-2...3)
        let weeks = max(1, plan.weeks.count - 1)
        for (index, session) in plan.sessions.enumerated() {
            let keep: Double = [0.95, 0.6, 0.25, 0.5][style]
            if random.chance(0.15) { continue }  // a gap: no row
            let done: SessionLog.Done
            if random.chance(keep) {
                done = random.chance(0.7) || session.items.isEmpty ? .all : .moves(random.subset(session.items.map(\.id), allowEmpty: false))
            } else {
                done = random.chance(0.5) ? .none : .notLogged
            }
            let week = Double(index / max(1, plan.trainingDays.count))
            func score() -> Int? {
                guard random.chance(0.8) else { return nil }
                let trend = Double(drift) * week / Double(weeks)
                let spike = random.chance(0.03) ? random.int(4...6) : 0
                return min(10, max(0, base + Int(trend.rounded()) + random.int(-1...1) + spike))
            }
            let hurt = random.chance(0.05) && !session.items.isEmpty ? [session.items[random.int(0...session.items.count - 1)].id] : []
            entries.append(SessionLog.Entry(
                line: index + 2, planID: planID, date: session.date, done: done, painBefore: score(), painAfter: score(),
                hurt: hurt, notes: ""))
        }
        return SessionLog(file: "log.csv", entries: entries)
    }

    /// The previous plan, its log, the decision and the next plan, for one random person.
    static func round(_ random: inout RandomPreferences) -> (Preferences, Plan, SessionLog, NextBlock, Plan) {
        var (person, start, seed) = random.next()
        person.start = start
        let previous = planner.plan(for: person, start: start, seed: seed)
        let log = randomLog(of: previous, random: &random)
        let decision = NextBlock.decide(person: person, previous: previous, log: log, catalog: catalog)
        let next = planner.plan(for: decision.person, start: decision.start, seed: seed, startLevel: decision.startLevel)
        return (person, previous, log, decision, next)
    }

    @Test("pain getting worse never progresses and always gives the see-a-professional plan", arguments: batches)
    func painWorse(batch: Int) {
        var random = RandomPreferences(seed: 0x10C0 + UInt64(batch))
        for index in 0..<Self.logsPerBatch {
            let (person, _, log, decision, next) = Self.round(&random)
            let summary = LogSummary(plan: Self.planner.plan(for: person, start: person.start!, seed: 0), log: log)
            let worse = (summary.highestPain ?? 0) >= 7 || (summary.painRise ?? 0) >= 2
            #expect(worse == (decision.rule == .painWorse), "batch \(batch) log \(index): \(summary)")
            if worse {
                #expect(next.gating == .noExercise && next.weeks.isEmpty, "batch \(batch) log \(index)")
                #expect(decision.startLevel == nil)
                #expect(decision.reasons.first.map { if case .painWorse = $0 { true } else { false } } == true)
            }
        }
    }

    @Test("a move that hurt never comes back, however many blocks follow", arguments: batches)
    func hurtStaysOut(batch: Int) {
        var random = RandomPreferences(seed: 0x4042 + UInt64(batch))
        for index in 0..<Self.logsPerBatch / 3 {
            var (person, start, seed) = random.next()
            person.pain = random.chance(0.5) ? .none : .mild
            person.recentInjury = false
            person.start = start
            var plan = Self.planner.plan(for: person, start: start, seed: seed)
            var hurt: Set<String> = []
            for block in 0..<3 {
                let log = Self.randomLog(of: plan, random: &random)
                hurt.formUnion(log.entries.flatMap(\.hurt))
                let decision = NextBlock.decide(person: person, previous: plan, log: log, catalog: Self.catalog)
                person = decision.person
                plan = Self.planner.plan(for: person, start: decision.start, seed: seed, startLevel: decision.startLevel)
                let back = Set(plan.sessions.flatMap { $0.items.map(\.id) }).intersection(hurt)
                #expect(back.isEmpty, "batch \(batch) person \(index) block \(block + 2): \(back.sorted()) came back")
            }
        }
    }

    @Test("the next block keeps every rule of a plan: doses inside the article's ranges, time, order", arguments: batches)
    func nextBlockKeepsTheRules(batch: Int) {
        var random = RandomPreferences(seed: 0x7A7A + UInt64(batch))
        for index in 0..<Self.logsPerBatch {
            let (_, previous, _, decision, next) = Self.round(&random)
            let failures = PlanRules.check(next, catalog: Self.catalog)
            #expect(failures.isEmpty, "batch \(batch) log \(index) (\(decision.rule)): \(failures.joined(separator: "\n"))")
            #expect(next.start == previous.end.adding(days: 1), "batch \(batch) log \(index)")
            #expect(decision.start == previous.end.adding(days: 1))
            #expect(next.person.weeks == previous.person.weeks)
            if failures.isEmpty == false { return }
        }
    }

    @Test("doses continue upward: week 1 of a progressing block is never below the last week of the block before", arguments: batches)
    func dosesContinue(batch: Int) {
        var random = RandomPreferences(seed: 0xC0DE + UInt64(batch))
        for index in 0..<Self.logsPerBatch {
            let (_, previous, _, decision, next) = Self.round(&random)
            guard decision.rule == .progress, let ended = previous.weeks.last?.level, let first = next.weeks.first?.level else { continue }
            #expect(first >= ended - 1e-9 || next.gating == .gentle, "batch \(batch) log \(index): \(first) < \(ended)")
            #expect(next.weeks.allSatisfy { $0.level <= 1 }, "batch \(batch) log \(index)")
        }
    }

    @Test("the same log gives the same next block", arguments: batches)
    func determinism(batch: Int) {
        var random = RandomPreferences(seed: 0x5A5A + UInt64(batch))
        for _ in 0..<Self.logsPerBatch / 10 {
            let (person, previous, log, decision, next) = Self.round(&random)
            let again = NextBlock.decide(person: person, previous: previous, log: log, catalog: Self.catalog)
            #expect(again == decision)
            #expect(Self.planner.plan(for: again.person, start: again.start, seed: next.seed, startLevel: again.startLevel) == next)
        }
    }

    @Test("the rules by the share of sessions done and the pain trend")
    func rulesByShare() throws {
        var person = Preferences()
        person.equipment = Equipment.allCases
        person.weeks = 2
        let start = CivilDate(iso: "2026-11-30")!
        person.start = start
        let plan = Self.planner.plan(for: person, start: start, seed: 1)
        #expect(plan.sessions.count == 6)
        func log(done: Int, after: [Int?] = []) -> SessionLog {
            SessionLog(file: "log.csv", entries: plan.sessions.enumerated().map { index, session in
                SessionLog.Entry(line: index + 2, planID: "p", date: session.date, done: index < done ? .all : .none,
                                 painBefore: nil, painAfter: index < after.count ? after[index] : nil, hurt: [], notes: "")
            })
        }
        func decide(_ log: SessionLog) -> NextBlock { NextBlock.decide(person: person, previous: plan, log: log, catalog: Self.catalog) }

        let most = decide(log(done: 5, after: [3, 3, 3, 2, 2, 2]))
        #expect(most.rule == .progress)
        #expect(most.person.level == .intermediate)
        #expect(most.reasons == [.progress(.init(done: 5, planned: 6), pain: .steadyOrFell, doses: .levelUp)])
        #expect(decide(log(done: 3)).rule == .repeatDoses)
        #expect(decide(log(done: 6, after: [2, 2, 2, 3, 4, 3])).rule == .repeatDoses)
        let few = decide(log(done: 2))
        #expect(few.rule == .askLess)
        #expect(few.person.trainingDays == [.mon, .wed])
        #expect(few.reasons == [.askLess(.init(done: 2, planned: 6), .fewerDays(from: 3))])
        let worse = decide(log(done: 6, after: [2, 2, 2, 4, 5, 4]))
        #expect(worse.rule == .painWorse)
        guard case .painWorse(.rise(let rise)) = worse.reasons.first, worse.reasons.count == 1 else {
            Issue.record("expected one reason, a rise in pain: \(worse.reasons)")
            return
        }
        #expect(abs(rise - 7.0 / 3) < 1e-9)
        #expect(decide(log(done: 6, after: [2, 7])).rule == .painWorse)
    }
}
