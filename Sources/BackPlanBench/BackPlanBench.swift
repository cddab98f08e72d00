import BackPlanRender
import Foundation

/// `backplan-bench`: times `backplan batch` against the floor of libcmark alone on the same Markdown.
///
/// For each roster size it writes a generated roster, runs the release
/// `backplan batch --format md,html` under `/usr/bin/time -v` (with one
/// worker and with `--jobs`), then converts every `plan.md` written with
/// libcmark in this process, timing only the conversions: that is the floor
/// the pipeline (planning, templates, conversion, writing) is compared with.
/// Every measurement is repeated (`--repeat`, 3) and the fastest kept, so a
/// moment of other work on the machine does not decide a figure.
/// A developer tool, not part of the product: it may start processes.
///
/// `backplan-bench roster N FILE` writes a generated roster of N people;
/// `backplan-bench profile ROSTER DIR` runs the per-row work without tasks, for callgrind.
@main
struct BackPlanBench {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "roster", arguments.count == 3, let size = Int(arguments[1]) {
            return try Data(RosterGenerator.csv(rows: size).utf8).write(to: URL(fileURLWithPath: arguments[2]))
        }
        if arguments.first == "profile", arguments.count == 3 {
            return try Profile.run(roster: arguments[1], output: arguments[2])
        }
        let options = try BenchOptions(arguments: arguments)
        // A folder of its own: every run writes into a new folder, and all are removed at the end,
        // so no run allocates its files among ones another run just deleted (costly on ext4).
        let work = URL(fileURLWithPath: options.workFolder).appendingPathComponent("run-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        print("backplan-bench: \(options.sizes.map(String.init).joined(separator: ", ")) plans, md+html, \(options.jobs) jobs vs 1, best of \(options.repeats); libcmark \(CommonMark.libraryVersion)")
        print("output in \(options.workFolder) (\(FileSystemKind.name(of: options.workFolder)))")
        print(BenchResult.header)
        for size in options.sizes {
            let result = try run(size: size, options: options, work: work.appendingPathComponent("n\(size)", isDirectory: true))
            print(result.row)
        }
    }

    static func run(size: Int, options: BenchOptions, work: URL) throws -> BenchResult {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let roster = work.appendingPathComponent("roster.csv")
        try Data(RosterGenerator.csv(rows: size).utf8).write(to: roster)

        var lastOutput = work
        func best(jobs: Int) throws -> TimedRun {
            let runs = try (1...options.repeats).map { run in
                lastOutput = work.appendingPathComponent("jobs\(jobs)-run\(run)")
                return try TimedRun.batch(options.backplan, roster: roster.path, output: lastOutput.path, jobs: jobs)
            }
            return TimedRun.fastest(of: runs)
        }
        let single = try best(jobs: 1)
        let parallel = try best(jobs: options.jobs)
        let floor = try (1...options.repeats).map { _ in try Floor.measure(folder: lastOutput, count: size) }.min()!
        return BenchResult(size: size, jobs: options.jobs, single: single, parallel: parallel, floor: floor)
    }
}
