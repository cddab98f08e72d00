import BackPlanCore
import BackPlanPublish
import Foundation

/// `backplan-bench profile ROSTER DIR`: the batch pipeline's per-row work, one row after another, with no tasks.
///
/// Valgrind 3.19 cannot run the Swift concurrency runtime, so this runs the
/// same `RosterReader` and `BatchJob` as `backplan batch` on the main thread,
/// for `valgrind --tool=callgrind` to count.
enum Profile {
    static func run(roster: String, output: String) throws {
        var plan = PlanSettings(today: CivilDate(iso: "2026-11-25")!)
        plan.formats = [.md, .html]
        let job = BatchJob(publisher: PlanPublisher(inputs: try Inputs.load(catalogPath: nil, templatesPath: nil)), settings: BatchSettings(plan: plan, output: output, jobs: 1))
        let reader = try RosterReader(path: roster, shard: .all)
        var summary = BatchSummary()
        while let row = try reader.next() {
            summary.count(job.run(row, rosterFile: roster).outcome)
        }
        print("profile: \(summary.written) written, \(summary.failed) failed")
    }
}
