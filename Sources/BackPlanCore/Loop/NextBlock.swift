import Foundation

/// The next block of a plan, decided from the log of the last one by the README's rules, in their order.
///
/// Pure: (preferences, previous plan, log) → (adjusted preferences, where the
/// doses start, the rule and its reasons). The planner then makes the block.
public struct NextBlock: Equatable, Sendable {
    /// Which of the rules decided the block.
    public enum Rule: String, CaseIterable, Sendable {
        /// Pain got worse: no exercise, see a healthcare professional first.
        case painWorse = "pain-worse"
        /// Most sessions done and pain steady or lower: doses continue upward.
        case progress
        /// About half done (or pain rose a little): the same doses again.
        case repeatDoses = "repeat"
        /// Few sessions done: fewer days or shorter sessions, the same doses.
        case askLess = "ask-less"
    }

    /// A score of this or more, before or after any session, stops exercise.
    public static let stopScore = 7
    /// A rise of this much in the weekly average after-session score, first week to last, stops exercise.
    public static let stopRise = 2.0
    /// A rise below this counts as steady.
    public static let steadyRise = 1.0

    public var rule: Rule
    /// Why, most important first.
    public var reasons: [BlockReason]
    /// The person for the next block: start the day after the last block ends, hurting moves excluded, days, minutes or level adjusted.
    public var person: Preferences
    public var start: CivilDate
    /// Where the doses start, 0 (bottom of the ranges) to 1 (top); nil: where the level starts.
    public var startLevel: Double?
    /// Moves left out because they hurt.
    public var excluded: [String]

    /// The note the new plan carries on its cover and in plan.json.
    public var note: AfterNote { AfterNote(rule: rule.rawValue, reasons: reasons) }

    /// Decides the block after `previous` from its `log`; `person` is the preferences `previous` was made from.
    public static func decide(person: Preferences, previous: Plan, log: SessionLog, catalog: Catalog) -> NextBlock {
        let summary = LogSummary(plan: previous, log: log)
        var next = person
        let start = previous.end.adding(days: 1)
        next.start = start
        next.weeks = previous.person.weeks
        var reasons: [BlockReason] = []
        let done = BlockReason.Attendance(done: summary.done, planned: summary.planned)

        // Hurting moves are left out whatever else the log says.
        let excluded = summary.hurt.filter { !person.exclude.contains($0) }
        if !excluded.isEmpty {
            next.exclude += excluded
            next.include.removeAll { excluded.contains($0) }
            reasons.append(.hurt(excluded.map { catalog.move(id: $0)?.name ?? $0 }))
        }
        if let review = next.review, review < start {
            next.review = nil
            reasons.append(.reviewPassed(review))
        }

        // 1. Pain that gets worse stops exercise.
        let worse: BlockReason.PainWorse?
        if let highest = summary.highestPain, highest >= stopScore {
            worse = .score(highest, threshold: stopScore)
        } else if let rise = summary.painRise, rise >= stopRise {
            worse = .rise(rise)
        } else {
            worse = nil
        }
        if let worse {
            next.pain = .severe
            reasons.insert(.painWorse(worse), at: 0)
            return NextBlock(rule: .painWorse, reasons: reasons, person: next, start: start, startLevel: nil, excluded: excluded)
        }

        let share = summary.doneShare
        let steady = (summary.painRise ?? 0) < steadyRise
        let pain: BlockReason.PainTrend = summary.painRise.map { $0 <= 0 ? .steadyOrFell : .rose($0) } ?? .notLogged
        let rule: Rule
        var startLevel: Double?
        if share >= 0.75 && steady {
            rule = .progress
            let ended = previous.weeks.last?.level ?? 0
            let top = previous.gating == .gentle ? 0.5 : 1.0
            if person.level == .beginner && ended >= 1 {
                next.level = .intermediate
                reasons.insert(.progress(done, pain: pain, doses: .levelUp), at: 0)
            } else if ended >= top {
                reasons.insert(.progress(done, pain: pain, doses: .atTop(gentle: top < 1)), at: 0)
            } else {
                reasons.insert(.progress(done, pain: pain, doses: .upward), at: 0)
            }
            startLevel = ended
        } else if share >= 0.5 || (share >= 0.75 && !steady) {
            rule = .repeatDoses
            reasons.insert(.repeatDoses(done, painRose: share >= 0.75 ? pain : nil), at: 0)
        } else {
            rule = .askLess
            let days = previous.trainingDays
            if days.count > 1 {
                next.days = .named(Self.fewerDays(days, log: log))
                reasons.insert(.askLess(done, .fewerDays(from: days.count)), at: 0)
            } else if person.minutes > Preferences.minutesRange.lowerBound {
                next.minutes = max(Preferences.minutesRange.lowerBound, person.minutes - 10)
                reasons.insert(.askLess(done, .shorterSessions(from: person.minutes, to: next.minutes)), at: 0)
            } else {
                reasons.insert(.askLess(done, .alreadyLeast(minutes: person.minutes)), at: 0)
            }
        }
        return NextBlock(rule: rule, reasons: reasons, person: next, start: start, startLevel: startLevel, excluded: excluded)
    }

    /// The training days less the one done least often (the later day on a tie), in week order.
    static func fewerDays(_ days: [Weekday], log: SessionLog) -> [Weekday] {
        let done = log.entries.filter(\.isDone).map(\.date.weekday)
        let counts = days.map { day in done.filter { $0 == day }.count }
        let least = counts.min() ?? 0
        let drop = days.indices.last { counts[$0] == least }!
        return days.enumerated().filter { $0.offset != drop }.map(\.element)
    }
}
