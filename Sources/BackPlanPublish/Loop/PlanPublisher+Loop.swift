import BackPlanCore
import BackPlanRender
import Foundation

/// A plan's log checked against it: what `progress` and `plan --after` start from.
public struct LoggedPlan: Sendable {
    public let person: Preferences
    public let plan: Plan
    public let planID: String
    public let log: SessionLog
}

extension PlanPublisher {
    // MARK: - log

    /// `log.csv`: the empty log of the plan these preferences and settings make.
    public func emptyLog(for person: Preferences, settings: PlanSettings) throws -> (path: String, data: Data) {
        let plan = plan(for: person, settings: settings)
        try person.validate(catalog: inputs.catalog, start: plan.start)
        return (Checklist.logFileName, Data(SessionLog.emptyCSV(for: plan, planID: planID(for: plan, settings: settings)).utf8))
    }

    /// Writes `log.csv` into `folder`.
    public func publishLog(_ person: Preferences, settings: PlanSettings, to folder: String) throws -> [URL] {
        try OutputFolder(path: folder).write([try emptyLog(for: person, settings: settings)])
    }

    // MARK: - Reading a log

    /// The plan these preferences and settings make, and the log at `logPath` checked against it.
    ///
    /// - Throws: `InputError` at the log's file:line when it is malformed or belongs to another plan.
    public func logged(_ person: Preferences, settings: PlanSettings, logPath: String) throws -> LoggedPlan {
        let log = try LogReader.read(logPath)
        let plan = plan(for: person, settings: settings)
        try person.validate(catalog: inputs.catalog, start: plan.start)
        let id = planID(for: plan, settings: settings)
        try log.check(against: plan, planID: id, catalog: inputs.catalog)
        var adjusted = person
        adjusted.start = plan.start
        adjusted.weeks = plan.person.weeks
        return LoggedPlan(person: adjusted, plan: plan, planID: id, log: log)
    }

    // MARK: - plan --after

    /// The preferences and settings of the block after the logged one, by the README's rules.
    public func nextBlock(after logged: LoggedPlan, settings: PlanSettings) -> (person: Preferences, settings: PlanSettings, decision: NextBlock) {
        let decision = NextBlock.decide(person: logged.person, previous: logged.plan, log: logged.log, catalog: inputs.catalog)
        var next = settings
        next.start = decision.start
        next.weeks = nil
        next.startLevel = decision.startLevel
        next.after = decision.note
        return (decision.person, next, decision)
    }

    // MARK: - progress

    /// progress.md, progress.html and progress.json of a logged plan, rendered before anything is written.
    public func progressFiles(_ logged: LoggedPlan, settings: PlanSettings) throws -> [(path: String, data: Data)] {
        let decision = NextBlock.decide(person: logged.person, previous: logged.plan, log: logged.log, catalog: inputs.catalog)
        let report = ProgressReport(plan: logged.plan, planID: logged.planID, log: logged.log, next: decision)
        let renderer = ProgressRenderer(report: report)
        return [
            ("progress.md", Data(renderer.markdown().utf8)),
            ("progress.html", Data(renderer.html(paper: settings.paper).utf8)),
            ("progress.json", Data(report.json().utf8)),
        ]
    }

    /// Writes progress.md, .html and .json into `folder`.
    public func publishProgress(_ logged: LoggedPlan, settings: PlanSettings, to folder: String) throws -> [URL] {
        try OutputFolder(path: folder).write(progressFiles(logged, settings: settings))
    }
}
