import BackPlanRender
import Foundation

/// `backplan-bench`: times `backplan batch` against the floor of libcmark alone on the same Markdown.
///
/// For each roster size it writes a generated roster, runs the release
/// `backplan batch --format md,html` under `/usr/bin/time -v` (once with one
/// worker, once with `--jobs`), then converts every `plan.md` written with
/// libcmark in this process, timing only the conversions: that is the floor
/// the pipeline (planning, templates, conversion, writing) is compared with.
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
        print("backplan-bench: \(options.sizes.map(String.init).joined(separator: ", ")) plans, md+html, \(options.jobs) jobs vs 1; libcmark \(CommonMark.libraryVersion)")
        print(BenchResult.header)
        for size in options.sizes {
            let result = try run(size: size, options: options)
            print(result.row)
        }
    }

    static func run(size: Int, options: BenchOptions) throws -> BenchResult {
        let work = URL(fileURLWithPath: options.workFolder).appendingPathComponent("n\(size)", isDirectory: true)
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let roster = work.appendingPathComponent("roster.csv")
        try Data(RosterGenerator.csv(rows: size).utf8).write(to: roster)

        let single = try TimedRun.batch(options.backplan, roster: roster.path, output: work.appendingPathComponent("out-1").path, jobs: 1)
        let parallel = try TimedRun.batch(options.backplan, roster: roster.path, output: work.appendingPathComponent("out").path, jobs: options.jobs)
        let floor = try Floor.measure(folder: work.appendingPathComponent("out"), count: size)
        try? FileManager.default.removeItem(at: work)
        return BenchResult(size: size, jobs: options.jobs, single: single, parallel: parallel, floor: floor)
    }
}
