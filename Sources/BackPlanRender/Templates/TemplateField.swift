/// Every name a `TemplateModel` answers, as an enum case.
///
/// A compiled template matches each of its names against these once, when it
/// is compiled; reading a model's field then switches on a case rather than
/// comparing the name's text with each field's (two thousand comparisons a
/// plan), and a name no model has is known to be empty without asking.
/// The cases are the plan model's fields (`PlanModel.fieldNames(of:)`), grouped by object.
package enum TemplateField: String, CaseIterable, Sendable {
    // The plan.
    case name, title, planID, seed, paper, start, end, startISO, endISO, weekCount, days, minutes, areas
    case equipment, floor, level, pain, hasExercises, noExercise, gentle, notes, hasNotes, advice, rules
    case cardioRange, cardioExamples, timeModel, weeks, cssHeader, cssDates, cssFooter, brand, body
    case cards, hasCards, largePrint, siteURL, hasSiteURL
    case weeksWord, note, hasNote, clinician, hasClinician, review, hasReview, reasons, hasReasons
    case hasChecklist, checklistPolicy, checklistScript
    // A week.
    case number, from, to, gridMarker, sessions
    // A session.
    case day, date, weekday, estimatedMinutes, budgetMinutes, shorter, uncovered, hasUncovered, cardioMinutes, blocks
    case kind, isMobility, remarks, hasRemarks
    // A block of a session.
    case phase, isWarmUp, items
    // A move of a block.
    case id, dose, hasEquipment, position, seconds, card
    // A card of "Your moves", its steps and its doses week by week.
    case phaseTitle, steps, doses, figureMarker, hasFigure, figureAlt, link, shortLink, hasLink, qrMarker, period
    // A note, a piece of advice, a rule, a remark, a reason: its text; for all but rules, a flag per case
    // and the case's data (`PlanModel+Cases.swift`).
    case text
    case isSeeProfessionalFirst, isGentleOnly, isArticle
    case isAreasUnreachable, isAreasLeftOutForTime, isAreasLeftOutOnMobilityDays, isNoStrengthening, isMobilityDays
    case isIncludedMissing, isIncludedOnStrengthDaysOnly, isIncludedDidNotFit, isSessionsShort
    case isMobilityDay, isModeratePain, isNoDynamicStretches, isNoCoolDown
    case isPainWorse, isProgress, isRepeatDoses, isAskLess, isHurt, isReviewPassed
    case pool, help, hasHelp, count, because, missed, short, hasShort, longestMinutes, asked, done, planned, names
    // The time model.
    case secondsPerRep, restBetweenSets, restBetweenRounds, transition
    // The brand.
    case contact, hasContact, logoURI, hasLogo, hasLogoSize, logoWidth, logoHeight
}
