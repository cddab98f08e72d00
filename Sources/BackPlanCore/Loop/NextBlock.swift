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
    public var reasons: [String]
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
        var reasons: [String] = []
        let done = "You did \(summary.done) of \(Plural.count(summary.planned, "planned session"))"

        // Hurting moves are left out whatever else the log says.
        let excluded = summary.hurt.filter { !person.exclude.contains($0) }
        if !excluded.isEmpty {
            next.exclude += excluded
            next.include.removeAll { excluded.contains($0) }
            let names = excluded.map { catalog.move(id: $0)?.name ?? $0 }
            reasons.append("\(sentenceList(names)) hurt, so \(excluded.count == 1 ? "it is" : "they are") left out of this block.")
        }
        if let review = next.review, review < start {
            next.review = nil
            reasons.append("The review date \(review.iso) has passed; ask your clinician for the next one.")
        }

        // 1. Pain that gets worse stops exercise.
        let worse: String?
        if let highest = summary.highestPain, highest >= stopScore {
            worse = "You logged a pain score of \(highest) (\(stopScore) or more counts as severe)"
        } else if let rise = summary.painRise, rise >= stopRise {
            worse = "Your average pain after sessions rose by \(Self.number(rise)) from the first week to the last"
        } else {
            worse = nil
        }
        if let worse {
            next.pain = .severe
            reasons.insert("\(worse), so this block has no exercises: see a healthcare professional before you go on.", at: 0)
            return NextBlock(rule: .painWorse, reasons: reasons, person: next, start: start, startLevel: nil, excluded: excluded)
        }

        let share = summary.doneShare
        let steady = (summary.painRise ?? 0) < steadyRise
        let painText = summary.painRise.map { $0 <= 0 ? "your pain after sessions stayed steady or fell" : "your pain after sessions rose by \(Self.number($0))" }
            ?? "no rise in pain was logged"
        let rule: Rule
        var startLevel: Double?
        if share >= 0.75 && steady {
            rule = .progress
            let ended = previous.weeks.last?.level ?? 0
            let top = previous.gating == .gentle ? 0.5 : 1.0
            if person.level == .beginner && ended >= 1 {
                next.level = .intermediate
                reasons.insert("\(done) and \(painText): you reached the top of the article's ranges, so you move up to intermediate, at the top of each range.", at: 0)
            } else if ended >= top {
                reasons.insert("\(done) and \(painText): your doses stay at the top of \(top < 1 ? "the gentle half of " : "")the article's ranges, which they never pass.", at: 0)
            } else {
                reasons.insert("\(done) and \(painText), so your doses continue upward from where they ended.", at: 0)
            }
            startLevel = ended
        } else if share >= 0.5 || (share >= 0.75 && !steady) {
            rule = .repeatDoses
            let why = share >= 0.75 ? "\(done), but \(painText)" : "\(done), about half"
            reasons.insert("\(why), so this block repeats the same doses.", at: 0)
        } else {
            rule = .askLess
            let days = previous.trainingDays
            let why = "\(done), fewer than half"
            if days.count > 1 {
                next.days = .named(Self.fewerDays(days, log: log))
                reasons.insert("\(why), so this block asks less: \(days.count - 1) training \(days.count == 2 ? "day" : "days") a week instead of \(days.count), at the same doses.", at: 0)
            } else if person.minutes > Preferences.minutesRange.lowerBound {
                next.minutes = max(Preferences.minutesRange.lowerBound, person.minutes - 10)
                reasons.insert("\(why), so this block asks less: \(next.minutes)-minute sessions instead of \(person.minutes), at the same doses.", at: 0)
            } else {
                reasons.insert("\(why); one \(person.minutes)-minute session a week is already the least a plan asks, so this block repeats it at the same doses.", at: 0)
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

    /// "1.5" or "2": a score average as sentences print it.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
