import BackPlanCore

// The words of a plan's advice, notes, session remarks and "Why this plan" reasons.
//
// Core decides each case and its data; this file alone turns them into
// English, for plan.md, plan.html, plan.json, the calendar and `--verbose`.

extension PlanAdvice {
    public var text: String {
        switch self {
        case .seeProfessionalFirst:
            "This plan has no exercises yet: with severe pain or a recent injury, see a healthcare professional before you start any new activity, and ask them when these moves are right for you."
        case .gentleOnly:
            "Your pain is moderate, so this plan holds gentle mobility and stretching only, at the easy end of each dose. Add strengthening once your pain has eased, and stop any move that hurts."
        case .article(let text):
            text
        }
    }
}

extension PlanNote {
    public var text: String {
        switch self {
        case let .areasUnreachable(areas, pool, gentle):
            "No move you can do \(pool.text)\(gentle ? " at your pain level" : "") works your \(Self.list(areas)), so no session works it."
        case let .areasLeftOutForTime(areas, minutes):
            "\(minutes) minutes is not enough to work your \(Self.list(areas)) in every session; the sessions that leave it out say so."
        case let .areasLeftOutOnMobilityDays(areas):
            "Mobility days do not work your \(Self.list(areas)): only strengthening moves you can do work it, and strength days do."
        case let .noStrengthening(areas, pool, help):
            "No strengthening move you can do \(pool.text) works your \(Self.list(areas)), so the sessions hold mobility and stretching only."
                + (help.text.map { " " + $0 } ?? "")
        case let .mobilityDays(count, sessions):
            "\(count) of \(Plural.count(sessions, "session")) \(count == 1 ? "is a mobility day" : "are mobility days") (warm-up and cool-down only, shorter): strengthening the same muscles on two days in a row leaves them no time to recover."
        case let .includedMissing(name, why):
            "\(name) was asked for but is not in the plan: \(why.text)."
        case let .includedOnStrengthDaysOnly(name):
            "\(name) is done on strength days only: mobility days have no strengthening."
        case let .includedDidNotFit(name, missed, days):
            "\(name) did not fit in the minutes of \(missed) of \(days) \(Plural.word(days, "session")) that could hold it."
        case let .sessionsShort(short, sessions, longest, asked, help):
            "\(short.map { "\($0) of \(Plural.count(sessions, "session")) \($0 == 1 ? "takes" : "take")" } ?? "Sessions take") up to about \(Planner.minutesText(longest)) minutes, less than the \(asked) you asked for: that is every move for your areas you can do, at that week's dose. "
                + (help.text ?? "The catalog's moves for your areas at the article's doses fill no more, so the extra time is better spent on a longer walk or other activity.")
        }
    }

    static func list(_ areas: [Area]) -> String { sentenceList(areas.map(\.title)) }
}

extension PlanNote.PoolLimit {
    /// "with your equipment", as the pool's limit reads inside a sentence.
    var text: String {
        switch self {
        case .equipment: "with your equipment"
        case .equipmentAndNoFloor: "with your equipment and without floor moves"
        }
    }
}

extension PlanNote.MissingReason {
    var text: String {
        switch self {
        case .moderatePain:
            "no strengthening while your pain is moderate"
        case .needsEquipment(let ways):
            "it needs \(ways.map { $0.map(\.title).joined(separator: " and ") }.filter { !$0.isEmpty }.joined(separator: " or ")), which is not in your equipment"
        case .floorMovesOff:
            "it is done lying or kneeling, and floor moves are off"
        }
    }
}

extension PlanNote.MoreMoves {
    /// "Adding equipment (...) or allowing floor moves would give more moves.", nil when nothing would.
    var text: String? {
        var more: [String] = []
        if !missingEquipment.isEmpty { more.append("adding equipment (\(sentenceList(missingEquipment.map(\.title))))") }
        if allowFloor { more.append("allowing floor moves") }
        if moreAreas { more.append("naming more problem areas") }
        let eased = painEasing ? "Strengthening moves join the plan once your pain has eased." : nil
        guard !more.isEmpty else { return eased }
        let text = more.joined(separator: " or ")
        return ([text.prefix(1).uppercased() + text.dropFirst() + " would give more moves."] + [eased].compactMap { $0 }).joined(separator: " ")
    }
}

extension SessionRemark {
    public var text: String {
        switch self {
        case .mobilityDay:
            "Mobility day: no strengthening today, so the muscles you strengthened yesterday can rest."
        case .moderatePain:
            "No strengthening while your pain is moderate: gentle mobility and stretching only."
        case let .noStrengthening(areas, pool):
            "No strengthening: no strengthening move you can do \(pool.text) works your \(PlanNote.list(areas))."
        case let .noDynamicStretches(areas, pool):
            "No dynamic stretches: none you can do \(pool.text) works your \(PlanNote.list(areas)); the cardio is your warm-up."
        case let .noCoolDown(areas, pool):
            "No cool-down stretch: none you can do \(pool.text) works your \(PlanNote.list(areas))."
        }
    }
}

extension BlockReason {
    public var text: String {
        switch self {
        case .painWorse(.score(let score, let threshold)):
            "You logged a pain score of \(score) (\(threshold) or more counts as severe), so this block has no exercises: see a healthcare professional before you go on."
        case .painWorse(.rise(let rise)):
            "Your average pain after sessions rose by \(Self.number(rise)) from the first week to the last, so this block has no exercises: see a healthcare professional before you go on."
        case let .progress(done, pain, .levelUp):
            "\(done.text) and \(pain.text): you reached the top of the article's ranges, so you move up to intermediate, at the top of each range."
        case let .progress(done, pain, .atTop(gentle)):
            "\(done.text) and \(pain.text): your doses stay at the top of \(gentle ? "the gentle half of " : "")the article's ranges, which they never pass."
        case let .progress(done, pain, .upward):
            "\(done.text) and \(pain.text), so your doses continue upward from where they ended."
        case let .repeatDoses(done, pain):
            "\(pain.map { "\(done.text), but \($0.text)" } ?? "\(done.text), about half"), so this block repeats the same doses."
        case let .askLess(done, .fewerDays(days)):
            "\(done.text), fewer than half, so this block asks less: \(days - 1) training \(days == 2 ? "day" : "days") a week instead of \(days), at the same doses."
        case let .askLess(done, .shorterSessions(from, to)):
            "\(done.text), fewer than half, so this block asks less: \(to)-minute sessions instead of \(from), at the same doses."
        case let .askLess(done, .alreadyLeast(minutes)):
            "\(done.text), fewer than half; one \(minutes)-minute session a week is already the least a plan asks, so this block repeats it at the same doses."
        case .hurt(let names):
            "\(sentenceList(names)) hurt, so \(names.count == 1 ? "it is" : "they are") left out of this block."
        case .reviewPassed(let date):
            "The review date \(date.iso) has passed; ask your clinician for the next one."
        }
    }

    /// "1.5" or "2": a score average as sentences print it.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension BlockReason.Attendance {
    var text: String { "You did \(done) of \(Plural.count(planned, "planned session"))" }
}

extension BlockReason.PainTrend {
    var text: String {
        switch self {
        case .notLogged: "no rise in pain was logged"
        case .steadyOrFell: "your pain after sessions stayed steady or fell"
        case .rose(let rise): "your pain after sessions rose by \(BlockReason.number(rise))"
        }
    }
}
