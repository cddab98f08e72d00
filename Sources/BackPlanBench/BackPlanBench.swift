import BackPlanRender
import Foundation

/// `backplan-bench`: times `backplan batch` against the floor of libcmark alone on the same Markdown.
///
/// For each roster size it writes a generated roster, runs the release
/// `backplan batch --format md,html` under `/usr/bin/time -v` (with one
/// worker and with `--jobs`), then converts every `plan.md` written with
/// libcmark in this process, timing only the conversions: that is the floor
/// the pipeline (planning, templates, conversion, writing) is compared with.
/// Every measurement is repeated (`--repeat`, 5) and the fastest kept, so a
/// moment of other work on the machine does not decide a figure; the ratio of
/// each round (its pipeline against its own floor) is printed as a range, with its median.
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

        // Rounds of (1 job, N jobs, the floor on that output), so all three see the machine in the
        // same state, busy or quiet; the fastest of each is kept.
        var singles: [TimedRun] = [], parallels: [TimedRun] = [], floors: [Double] = [], arenaFloors: [Double] = []
        for round in 1...options.repeats {
            let single = work.appendingPathComponent("jobs1-run\(round)")
            singles.append(try TimedRun.batch(options.backplan, roster: roster.path, output: single.path, jobs: 1))
            let parallel = work.appendingPathComponent("jobs\(options.jobs)-run\(round)")
            parallels.append(try TimedRun.batch(options.backplan, roster: roster.path, output: parallel.path, jobs: options.jobs))
            floors.append(try Floor.measure(folder: parallel, count: size))
            arenaFloors.append(try Floor.measure(folder: parallel, count: size, memory: .arena))
        }
        let single = TimedRun.fastest(of: singles), parallel = TimedRun.fastest(of: parallels), floor = floors.min()!
        // Each round's pipeline against that round's floor: how far the ratio moves from round to round.
        let roundRatios = zip(parallels, floors).map { run, floor in floor / run.seconds }
        return BenchResult(
            size: size, jobs: options.jobs, single: single, parallel: parallel, floor: floor, arenaFloor: arenaFloors.min()!,
            roundRatios: roundRatios)
    }
}
