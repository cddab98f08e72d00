import BackPlanCore

// The fields of the items a plan template iterates over whose text is worded
// here (advice, notes, session remarks, "Why this plan" reasons): besides
// `text`, a flag for each case, true for the item's own case (`isGentleOnly`,
// `isSessionsShort`, named after the case), and the data of the item's case,
// so a template can word a case itself:
//
//     {{#notes}}{{#isMobilityDays}}{{count}} of your {{sessions}} days are easy days.{{/isMobilityDays}}{{/notes}}
//
// A case's data fields are set on its items only: read them inside its flag's section.

extension PlanModel {
    /// Every case flag and case data field, whatever the case: what a template may name on these items.
    package static let caseFields: Set<TemplateField> = Set(
        PlanAdvice.flags + PlanNote.flags + SessionRemark.flags + BlockReason.flags
            + [.areas, .pool, .gentle, .minutes, .help, .hasHelp, .count, .sessions, .name, .because, .missed]
            + [.short, .hasShort, .longestMinutes, .asked, .done, .planned, .names, .date])
}

extension PlanAdvice {
    static let flags: [TemplateField] = [.isSeeProfessionalFirst, .isGentleOnly, .isArticle]

    /// `text`, the case flags; the catalog's own advice has no data but its text.
    var fieldNames: [TemplateField] { [.text] + Self.flags }

    /// This case's flag.
    private var flag: TemplateField {
        switch self {
        case .seeProfessionalFirst: .isSeeProfessionalFirst
        case .gentleOnly: .isGentleOnly
        case .article: .isArticle
        }
    }

    func field(_ name: TemplateField) -> TemplateValue? {
        if name == .text { return .text(text) }
        return Self.flags.contains(name) ? .flag(name == flag) : nil
    }
}

extension PlanNote {
    static let flags: [TemplateField] = [
        .isAreasUnreachable, .isAreasLeftOutForTime, .isAreasLeftOutOnMobilityDays, .isNoStrengthening, .isMobilityDays,
        .isIncludedMissing, .isIncludedOnStrengthDaysOnly, .isIncludedDidNotFit, .isSessionsShort,
    ]

    /// This case's flag.
    private var flag: TemplateField {
        switch self {
        case .areasUnreachable: .isAreasUnreachable
        case .areasLeftOutForTime: .isAreasLeftOutForTime
        case .areasLeftOutOnMobilityDays: .isAreasLeftOutOnMobilityDays
        case .noStrengthening: .isNoStrengthening
        case .mobilityDays: .isMobilityDays
        case .includedMissing: .isIncludedMissing
        case .includedOnStrengthDaysOnly: .isIncludedOnStrengthDaysOnly
        case .includedDidNotFit: .isIncludedDidNotFit
        case .sessionsShort: .isSessionsShort
        }
    }

    /// `text`, the case flags, then the data of this case, in the order `field` answers them.
    var fieldNames: [TemplateField] {
        let data: [TemplateField] =
            switch self {
            case .areasUnreachable: [.areas, .pool, .gentle]
            case .areasLeftOutForTime: [.areas, .minutes]
            case .areasLeftOutOnMobilityDays: [.areas]
            case .noStrengthening: [.areas, .pool, .help, .hasHelp]
            case .mobilityDays: [.count, .sessions]
            case .includedMissing: [.name, .because]
            case .includedOnStrengthDaysOnly: [.name]
            case .includedDidNotFit: [.name, .missed, .sessions]
            case .sessionsShort(let short, _, _, _, _): (short == nil ? [] : [.short]) + [.hasShort, .sessions, .longestMinutes, .asked, .help, .hasHelp]
            }
        return [.text] + Self.flags + data
    }

    func field(_ name: TemplateField) -> TemplateValue? {
        if name == .text { return .text(text) }
        if Self.flags.contains(name) { return .flag(name == flag) }
        switch (self, name) {
        case (.areasUnreachable(let areas, _, _), .areas), (.areasLeftOutForTime(let areas, _), .areas),
            (.areasLeftOutOnMobilityDays(let areas), .areas), (.noStrengthening(let areas, _, _), .areas):
            return .text(Self.list(areas))
        case (.areasUnreachable(_, let pool, _), .pool), (.noStrengthening(_, let pool, _), .pool):
            return .text(pool.text)
        case (.areasUnreachable(_, _, let gentle), .gentle): return .flag(gentle)
        case (.areasLeftOutForTime(_, let minutes), .minutes): return .number(minutes)
        case (.noStrengthening(_, _, let help), .help), (.sessionsShort(_, _, _, _, let help), .help): return .text(help.text ?? "")
        case (.noStrengthening(_, _, let help), .hasHelp), (.sessionsShort(_, _, _, _, let help), .hasHelp): return .flag(help.text != nil)
        case (.mobilityDays(let count, _), .count): return .number(count)
        case (.mobilityDays(_, let sessions), .sessions), (.includedDidNotFit(_, _, let sessions), .sessions),
            (.sessionsShort(_, let sessions, _, _, _), .sessions):
            return .number(sessions)
        case (.includedMissing(let name, _), .name), (.includedOnStrengthDaysOnly(let name), .name), (.includedDidNotFit(let name, _, _), .name):
            return .text(name)
        case (.includedMissing(_, let why), .because): return .text(why.text)
        case (.includedDidNotFit(_, let missed, _), .missed): return .number(missed)
        case (.sessionsShort(let short, _, _, _, _), .short): return short.map { .number($0) }
        case (.sessionsShort(let short, _, _, _, _), .hasShort): return .flag(short != nil)
        case (.sessionsShort(_, _, let longest, _, _), .longestMinutes): return .text(Planner.minutesText(longest))
        case (.sessionsShort(_, _, _, let asked, _), .asked): return .number(asked)
        default: return nil
        }
    }
}

extension SessionRemark {
    static let flags: [TemplateField] = [.isMobilityDay, .isModeratePain, .isNoStrengthening, .isNoDynamicStretches, .isNoCoolDown]

    /// `text`, the case flags, then `areas` and `pool` for the cases that have them.
    var fieldNames: [TemplateField] {
        switch self {
        case .mobilityDay, .moderatePain: [.text] + Self.flags
        case .noStrengthening, .noDynamicStretches, .noCoolDown: [.text] + Self.flags + [.areas, .pool]
        }
    }

    func field(_ name: TemplateField) -> TemplateValue? {
        if name == .text { return .text(text) }
        if Self.flags.contains(name) { return .flag(name == flag) }
        switch (self, name) {
        case (.noStrengthening(let areas, _), .areas), (.noDynamicStretches(let areas, _), .areas), (.noCoolDown(let areas, _), .areas):
            return .text(PlanNote.list(areas))
        case (.noStrengthening(_, let pool), .pool), (.noDynamicStretches(_, let pool), .pool), (.noCoolDown(_, let pool), .pool):
            return .text(pool.text)
        default: return nil
        }
    }

    /// This case's flag.
    private var flag: TemplateField {
        switch self {
        case .mobilityDay: .isMobilityDay
        case .moderatePain: .isModeratePain
        case .noStrengthening: .isNoStrengthening
        case .noDynamicStretches: .isNoDynamicStretches
        case .noCoolDown: .isNoCoolDown
        }
    }
}

extension BlockReason {
    static let flags: [TemplateField] = [.isPainWorse, .isProgress, .isRepeatDoses, .isAskLess, .isHurt, .isReviewPassed]

    /// `text`, the case flags, then `done` and `planned` for the cases about sessions done, `names` for moves
    /// that hurt, `date` (ISO) for a review date passed.
    var fieldNames: [TemplateField] {
        switch self {
        case .painWorse: [.text] + Self.flags
        case .progress, .repeatDoses, .askLess: [.text] + Self.flags + [.done, .planned]
        case .hurt: [.text] + Self.flags + [.names]
        case .reviewPassed: [.text] + Self.flags + [.date]
        }
    }

    private var attendance: Attendance? {
        switch self {
        case .progress(let attendance, _, _), .repeatDoses(let attendance, _), .askLess(let attendance, _): attendance
        case .painWorse, .hurt, .reviewPassed: nil
        }
    }

    func field(_ name: TemplateField) -> TemplateValue? {
        if name == .text { return .text(text) }
        if Self.flags.contains(name) { return .flag(name == flag) }
        switch (self, name) {
        case (_, .done): return attendance.map { .number($0.done) }
        case (_, .planned): return attendance.map { .number($0.planned) }
        case (.hurt(let names), .names): return .text(sentenceList(names))
        case (.reviewPassed(let date), .date): return .text(date.iso)
        default: return nil
        }
    }

    /// This case's flag.
    private var flag: TemplateField {
        switch self {
        case .painWorse: .isPainWorse
        case .progress: .isProgress
        case .repeatDoses: .isRepeatDoses
        case .askLess: .isAskLess
        case .hurt: .isHurt
        case .reviewPassed: .isReviewPassed
        }
    }
}
