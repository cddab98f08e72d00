import BackPlanCore

extension ProgressReport {
    /// `progress.json` in the `backplan.progress/1` schema: keys sorted, ending in a newline.
    public func json() -> String {
        JSONText.encode(ProgressJSON(self))
    }
}

/// `progress.json`.
struct ProgressJSON: Encodable {
    struct WeekDocument: Encodable {
        let week, planned, done: Int
        let average_pain_after: Double?
    }
    struct MoveDocument: Encodable {
        let id, name: String
        let times: Int
        let dose_reached: Dose
        let dose_text: String
    }
    struct PainDocument: Encodable {
        let date: CivilDate
        let pain_before, pain_after: Int?
    }
    struct NextDocument: Encodable {
        let rule: String
        let reasons: [String]
        let start: CivilDate
        let excluded: [String]
        let days: [String]
        let minutes: Int
        let level: String
    }

    let schema = "backplan.progress/1"
    let plan_id: String
    let name: String
    let start, end: CivilDate
    let planned, done: Int
    let weeks: [WeekDocument]
    let moves: [MoveDocument]
    let pain: [PainDocument]
    let highest_pain: Int?
    let pain_rise: Double?
    let hurt: [String]
    let next: NextDocument

    init(_ report: ProgressReport) {
        let summary = report.summary
        plan_id = report.planID
        name = report.plan.person.name
        start = report.plan.start
        end = report.plan.end
        planned = summary.planned
        done = summary.done
        weeks = summary.weeks.map { WeekDocument(week: $0.week, planned: $0.planned, done: $0.done, average_pain_after: $0.averagePainAfter) }
        moves = summary.moves.map { MoveDocument(id: $0.id, name: $0.name, times: $0.times, dose_reached: $0.lastDose, dose_text: $0.lastDose.text) }
        pain = summary.pain.map { PainDocument(date: $0.date, pain_before: $0.before, pain_after: $0.after) }
        highest_pain = summary.highestPain
        pain_rise = summary.painRise
        hurt = summary.hurt
        let person = report.next.person
        next = NextDocument(
            rule: report.next.rule.rawValue, reasons: report.next.reasons.map(\.text), start: report.next.start,
            excluded: report.next.excluded, days: person.trainingDays.map(\.rawValue), minutes: person.minutes,
            level: person.level.rawValue)
    }
}
